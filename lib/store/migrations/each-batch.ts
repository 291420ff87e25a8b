import type { IDBPObjectStore } from 'idb';

/**
 * Visits every row of a store in key order, `size` rows at a time, for steps that read a whole
 * store inside the versionchange transaction.
 *
 * Why not a cursor: one awaited `continue()` per row, plus an awaited put, was most of step 2's
 * 1.1 ms per clip in Chromium (bench/README.md, "Background and migration"). Here the next batch's
 * `getAll` is requested before the current batch is visited, so IndexedDB reads it while the step
 * computes. `visit` runs synchronously; it may queue requests on the transaction without awaiting
 * them (pending requests keep the transaction alive, and one that fails aborts it as a whole).
 */
export async function forEachBatch<Name extends string>(
  store: IDBPObjectStore<unknown, string[], Name, 'versionchange'>,
  size: number,
  visit: (rows: unknown[]) => void,
): Promise<void> {
  const { keyPath } = store;
  // The next range starts after the last row's key, read from the row itself: one request per batch, not two.
  if (typeof keyPath !== 'string' || keyPath === '' || keyPath.includes('.')) {
    throw new Error(`forEachBatch needs a top-level key path; ${store.name} has ${JSON.stringify(keyPath)}`);
  }
  const read = (after?: IDBValidKey) => store.getAll(after === undefined ? null : IDBKeyRange.lowerBound(after, true), size);
  let next = read();
  for (;;) {
    const rows = await next;
    const isLast = rows.length < size;
    if (!isLast) next = read((rows.at(-1) as Record<string, IDBValidKey>)[keyPath]);
    if (rows.length > 0) visit(rows);
    if (isLast) return;
  }
}
