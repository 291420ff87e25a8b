import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/errors';
import { defaultSettings } from '@/lib/model';
import { clipTermsOf, openStore } from '@/lib/store';
import { TERM_INDEX, allOf } from '@/lib/store/search/term-index';
import { makeClip } from '../../factories';

describe('the clip search index stays in step with clips', () => {
  it('is written by put and putMany, rewritten by update, removed by delete', async () => {
    const store = await openStore();
    const a = makeClip({ title: 'Alpha' });
    const b = makeClip({ title: 'Beta' });
    await store.clips.put(a);
    await store.clips.putMany([b]);
    expect(await store.db.get('clipTerms', a.id)).toEqual(clipTermsOf(a));
    expect(await store.db.get('clipTerms', b.id)).toEqual(clipTermsOf(b));

    const tagged = await store.clips.update(a.id, (current) => current && { ...current, tags: ['gamma'], note: 'delta', status: 'archived' });
    expect(await store.db.get('clipTerms', a.id)).toEqual(clipTermsOf(tagged!));
    expect(await store.db.getAllKeysFromIndex('clipTerms', TERM_INDEX, allOf('delta'))).toEqual([a.id]);
    expect(await store.db.getAllKeysFromIndex('clipTerms', TERM_INDEX, allOf('\u0001status:new'))).toEqual([b.id]);

    await store.clips.delete(a.id);
    expect(await store.db.get('clipTerms', a.id)).toBeUndefined();
    expect(await store.db.count('clipTerms')).toBe(1);
    store.close();
  });

  it('writes neither the clip nor its terms when the clip is refused', async () => {
    const store = await openStore();
    const clip = makeClip();
    await store.clips.put(clip);
    await expect(store.clips.update(clip.id, (current) => current && ({ ...current, status: 'maybe' } as unknown as typeof current))).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await store.db.get('clipTerms', clip.id)).toEqual(clipTermsOf(clip));
    await expect(store.clips.put({ ...makeClip(), kind: 'nope' } as unknown as typeof clip)).rejects.toBeInstanceOf(ValidationError);
    expect(await store.db.count('clipTerms')).toBe(1);
    store.close();
  });

  it('leaves other stores without a derived store as they were', async () => {
    const store = await openStore();
    await store.settings.put(defaultSettings());
    expect(await store.db.count('clipTerms')).toBe(0);
    store.close();
  });
});
