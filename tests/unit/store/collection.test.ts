import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/errors';
import { openStore } from '@/lib/store';
import { makeClip } from '../factories';

describe('store collections', () => {
  it('writes, reads back and lists by index newest first', async () => {
    const store = await openStore();
    const older = makeClip({ capturedAt: 1000 });
    const newer = makeClip({ capturedAt: 2000 });
    await store.clips.putMany([older, newer]);
    expect(await store.clips.get(older.id)).toEqual({ ok: true, key: older.id, value: older });
    const rows = await store.clips.list({ index: 'by-capturedAt', direction: 'prev' });
    expect(rows.map((row) => row.key)).toEqual([newer.id, older.id]);
    expect(await store.clips.count()).toBe(2);
    store.close();
  });

  it('refuses to write an invalid row and writes nothing', async () => {
    const store = await openStore();
    const bad = { ...makeClip(), status: 'maybe' } as unknown as Parameters<typeof store.clips.put>[0];
    await expect(store.clips.put(bad)).rejects.toBeInstanceOf(ValidationError);
    expect(await store.clips.count()).toBe(0);
    store.close();
  });

  it('keeps a corrupt row, flags it on read, and never overwrites it in update', async () => {
    const store = await openStore();
    await store.db.put('clips', { id: 'broken', v: 1, title: 42 });
    const row = await store.clips.get('broken');
    expect(row?.ok).toBe(false);
    expect(row && !row.ok && row.reason).toMatch(/kind|title/);
    await expect(store.clips.update('broken', (current) => current)).rejects.toBeInstanceOf(ValidationError);
    expect(await store.db.get('clips', 'broken')).toEqual({ id: 'broken', v: 1, title: 42 });
    expect((await store.clips.list()).map((r) => r.ok)).toEqual([false]);
    store.close();
  });

  it('update reads and writes in one transaction and can decline to write', async () => {
    const store = await openStore();
    const clip = makeClip();
    await store.clips.put(clip);
    const updated = await store.clips.update(clip.id, (current) => current && { ...current, note: 'share Monday' });
    expect(updated?.note).toBe('share Monday');
    expect(await store.clips.update(clip.id, () => undefined)).toBeUndefined();
    const row = await store.clips.get(clip.id);
    expect(row?.ok && row.value.note).toBe('share Monday');
    store.close();
  });

  it('announces every write on the change feed', async () => {
    const store = await openStore();
    const changes: string[] = [];
    store.feed.subscribe((change) => changes.push(`${change.op}:${change.store}:${change.keys.join(',')}`));
    const clip = makeClip();
    await store.clips.put(clip);
    await store.clips.delete(clip.id);
    expect(changes).toEqual([`put:clips:${clip.id}`, `delete:clips:${clip.id}`]);
    store.close();
  });
});
