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

  it('lists in the order a cursor walks, ties on the index broken by key either way, with or without a limit', async () => {
    const store = await openStore();
    const clips = ['c', 'a', 'd', 'b'].map((id, at) => makeClip({ id: `clip_${id}`, capturedAt: at < 3 ? 1000 : 500 }));
    await store.clips.putMany(clips);
    const walk = async (direction: IDBCursorDirection) => {
      const keys: string[] = [];
      for (let cursor = await store.db.transaction('clips').store.index('by-capturedAt').openCursor(null, direction); cursor; cursor = await cursor.continue())
        keys.push(String(cursor.primaryKey));
      return keys;
    };
    const listed = async (direction: IDBCursorDirection, limit?: number) =>
      (await store.clips.list({ index: 'by-capturedAt', direction, limit })).map((row) => row.key);
    expect(await listed('next')).toEqual(await walk('next'));
    expect(await listed('prev')).toEqual(await walk('prev'));
    expect(await listed('prev')).toEqual(['clip_d', 'clip_c', 'clip_a', 'clip_b']);
    expect(await listed('next', 2)).toEqual((await walk('next')).slice(0, 2));
    expect(await listed('prev', 2)).toEqual(['clip_d', 'clip_c']);
    store.close();
  });

  it('getMany reads rows in the order asked, undefined where there is none, a corrupt one flagged', async () => {
    const store = await openStore();
    const [a, b] = [makeClip({ capturedAt: 1000 }), makeClip({ capturedAt: 2000 })];
    await store.clips.putMany([a, b]);
    await store.db.put('clips', { id: 'broken', v: 1, title: 42 });
    const rows = await store.clips.getMany([b.id, 'missing', a.id, 'broken']);
    expect(rows.slice(0, 3)).toEqual([{ ok: true, key: b.id, value: b }, undefined, { ok: true, key: a.id, value: a }]);
    expect(rows[3]).toMatchObject({ ok: false, key: 'broken' });
    expect(await store.clips.getMany([])).toEqual([]);
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
