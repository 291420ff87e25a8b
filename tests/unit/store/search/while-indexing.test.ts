import { describe, expect, it } from 'vitest';
import { openStore, readClipTally, searchClips, tallyCount } from '@/lib/store';
import { openCadenceDb } from '@/lib/store/open-db';
import { makeClip } from '../../factories';
import { finishUpgrade } from '../finish-upgrade';

/**
 * Issue 20: while an upgrade still builds the search index and the counts after the version
 * change, the queue lists every clip from the clips themselves, search says how far the index is,
 * and the counts say they are partial instead of being rebuilt in one go.
 */
describe('the queue and search while the upgrade builds the index', () => {
  it('lists every clip newest first without words, marks word results as maybe incomplete, and counts partially, until the work is done', async () => {
    const old = await openCadenceDb({ version: 1 });
    const clips = Array.from({ length: 30 }, (_, i) =>
      makeClip({ id: `clip_${String(i).padStart(2, '0')}`, title: `coffee ${i}`, capturedAt: 1_700_000_000_000 + i, status: i === 3 ? 'archived' : 'new' }),
    );
    for (const clip of clips) await old.put('clips', clip);
    old.close();
    const store = await openStore({ locks: null });

    const queue = await searchClips(store, '', { limit: 10, filters: { statuses: ['new', 'used'] } });
    expect(queue.indexing).toEqual({ done: 0, total: 30 });
    expect(queue.rows.map((row) => row.key)).toEqual(
      clips
        .map((clip) => clip.id)
        .filter((id) => id !== 'clip_03')
        .reverse()
        .slice(0, 10),
    );
    const next = await searchClips(store, '', { limit: 50, filters: { statuses: ['new', 'used'] }, after: queue.next! });
    expect(next.rows).toHaveLength(19);
    expect(next.next).toBeNull();
    // Words need the index: it has nothing yet, and says so.
    const words = await searchClips(store, 'coffee');
    expect(words.indexing).toEqual({ done: 0, total: 30 });
    expect(words.rows).toEqual([]);
    // The counts: partial (the building marker from step 5), never counted in one go here.
    expect((await readClipTally(store)).isPartial).toBe(true);
    expect(await tallyCount(store, '')).toBeNull();

    await finishUpgrade(store.db);
    const done = await searchClips(store, 'coffee');
    expect(done.indexing).toBeUndefined();
    expect(done.total).toBe(30);
    expect(await tallyCount(store, '', { filters: { statuses: ['new', 'used'] } })).toBe(29);
    store.close();
  });
});
