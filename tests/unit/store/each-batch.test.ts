import { openDB, type IDBPObjectStore } from 'idb';
import { describe, expect, it } from 'vitest';
import { forEachBatch } from '@/lib/store/migrations/each-batch';

type Store = IDBPObjectStore<unknown, string[], string, 'versionchange'>;

/** Runs `work` on a store of `count` rows inside a versionchange transaction, as a migration step does. */
async function inUpgrade(name: string, count: number, work: (store: Store) => Promise<void>, keyPath = 'id') {
  const before = await openDB(name, 1, { upgrade: (db) => void db.createObjectStore('rows', { keyPath }) });
  const tx = before.transaction('rows', 'readwrite');
  for (let i = 0; i < count; i++) void tx.store.put(keyPath === 'id' ? { id: `row_${String(i).padStart(4, '0')}`, i } : { at: { id: i }, i });
  await tx.done;
  before.close();
  let failure: unknown;
  const db = await openDB(name, 2, {
    upgrade(_db, _old, _new, upgrade) {
      work(upgrade.objectStore('rows') as Store).catch((error: unknown) => (failure = error));
    },
  });
  db.close();
  if (failure) throw failure;
}

describe('forEachBatch', () => {
  it.each([
    ['fewer rows than a batch', 3],
    ['an exact multiple of the batch size (the last read is empty)', 8],
    ['a partial last batch', 10],
    ['no rows', 0],
  ])('visits every row once, in key order, in batches: %s', async (label, count) => {
    const batches: number[][] = [];
    await inUpgrade(`each-batch-${count}`, count, (store) => forEachBatch(store, 4, (rows) => batches.push(rows.map((row) => (row as { i: number }).i))));
    expect(batches.flat(), label).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(batches.every((batch) => batch.length > 0 && batch.length <= 4)).toBe(true);
  });

  it('lets the visitor queue writes without awaiting them: they land in the same transaction', async () => {
    await inUpgrade('each-batch-writes', 9, (store) =>
      forEachBatch(store, 4, (rows) => {
        for (const row of rows) void store.put({ ...(row as object), seen: true });
      }),
    );
    const db = await openDB('each-batch-writes');
    expect((await db.getAll('rows')).map((row: { seen?: boolean }) => row.seen)).toEqual(Array(9).fill(true));
    db.close();
  });

  it('refuses a nested key path, whose key it cannot read from a row', async () => {
    await expect(inUpgrade('each-batch-nested', 2, (store) => forEachBatch(store, 4, () => undefined), 'at.id')).rejects.toThrow(/top-level key path/);
  });
});
