import type { WriteTransaction } from '../transaction';
import { buildingOf, countWhileBuilding } from './building-tally';
import { ALL_CLIPS, countChanges, emptyTally, rowOfTally, TALLY_STORE, tallyOfRow, type ClipChange, type ClipTally } from './clip-tally';

export { countChanges, TALLY_STORE, type ClipChange } from './clip-tally';

/** Clips read per request when the tally is built from every clip. */
const BATCH = 1000;

/**
 * Counts `changes` into the tally rows, in the caller's transaction, so clips and their counts are
 * never seen apart. A tally found missing or damaged is cleared instead of patched: the next read
 * rebuilds it from the clips (./read-clip-tally.ts).
 */
export async function tallyClipChanges(tx: WriteTransaction, changes: ClipChange[]): Promise<void> {
  const store = tx.objectStore(TALLY_STORE);
  const rows = await store.getAll();
  const building = buildingOf(rows);
  if (building) {
    // Being built after an upgrade (./building-tally.ts): a damaged partial tally is cleared, and the build starts again.
    if (!(await countWhileBuilding(tx, rows, building, changes))) await store.clear();
    return;
  }
  const tallies = await readTallies({ getAll: () => Promise.resolve(rows) });
  const touched = tallies && countChanges(tallies, changes);
  if (!tallies || !touched) {
    await store.clear();
    return;
  }
  await Promise.all(
    [...touched].map((id) => {
      const tally = tallies.get(id)!;
      return id !== ALL_CLIPS && tally.clips === 0 ? store.delete(id) : store.put(rowOfTally(tally));
    }),
  );
}

/** Every tally row, or null when the all-clips row is missing or any row is damaged. */
export async function readTallies(store: { getAll(): Promise<unknown[]> }): Promise<Map<string, ClipTally> | null> {
  const tallies = new Map<string, ClipTally>();
  for (const raw of await store.getAll()) {
    const tally = tallyOfRow(raw);
    if (!tally) return null;
    tallies.set(tally.id, tally);
  }
  return tallies.has(ALL_CLIPS) ? tallies : null;
}

/** A new tally of every row of the clips store, read a batch at a time (100,000 clips are too many for one request). */
export async function tallyEveryClip(tx: WriteTransaction, onBatch?: (counted: number) => void): Promise<Map<string, ClipTally>> {
  const tallies = new Map([[ALL_CLIPS, emptyTally(ALL_CLIPS)]]);
  const clips = tx.objectStore('clips');
  let range: IDBKeyRange | undefined;
  let counted = 0;
  for (;;) {
    const [keys, rows] = await Promise.all([clips.getAllKeys(range, BATCH), clips.getAll(range, BATCH)]);
    countChanges(
      tallies,
      rows.map((after) => ({ before: undefined, after })),
    );
    counted += rows.length;
    onBatch?.(counted);
    if (keys.length < BATCH) return tallies;
    range = IDBKeyRange.lowerBound(keys.at(-1)!, true);
  }
}

/** Replaces every tally row with `tallies`. */
export async function writeTallies(tx: WriteTransaction, tallies: Map<string, ClipTally>): Promise<void> {
  const store = tx.objectStore(TALLY_STORE);
  await store.clear();
  await Promise.all([...tallies.values()].map((tally) => store.put(rowOfTally(tally))));
}
