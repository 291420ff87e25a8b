import { clipSchema } from '../../model';
import type { WriteTransaction } from '../transaction';
import { ALL_CLIPS, countClip, emptyTally, rowOfTally, tallyOfRow, workspaceTallyId, type ClipTally } from './clip-tally';

export const TALLY_STORE = 'clipTally' as const;
/** Clips read per request when the tally is built from every clip. */
const BATCH = 1000;

/** One write to the clips store: the row before it (raw: absent, valid or damaged) and after it (absent when deleted). */
export interface ClipChange {
  before: unknown;
  after: unknown;
}

/**
 * Counts `changes` into the tally rows, in the caller's transaction, so clips and their counts are
 * never seen apart. A tally found missing or damaged is cleared instead of patched: the next read
 * rebuilds it from the clips (./read-clip-tally.ts).
 */
export async function tallyClipChanges(tx: WriteTransaction, changes: ClipChange[]): Promise<void> {
  const store = tx.objectStore(TALLY_STORE);
  const tallies = await readTallies(store);
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

/** Applies `changes` in memory; the ids of the rows changed, or null when a count fell below zero (the tally was wrong). */
export function countChanges(tallies: Map<string, ClipTally>, changes: ClipChange[]): Set<string> | null {
  const all = tallies.get(ALL_CLIPS)!;
  const touched = new Set<string>([ALL_CLIPS]);
  let isConsistent = true;
  const count = (raw: unknown, sign: 1 | -1) => {
    if (raw === undefined) return;
    const clip = clipSchema.safeParse(raw);
    if (!clip.success) {
      all.flagged += sign;
      isConsistent &&= all.flagged >= 0;
      return;
    }
    for (const id of [ALL_CLIPS, ...new Set(clip.data.workspaceIds)].map((id, i) => (i === 0 ? id : workspaceTallyId(id)))) {
      const tally = tallies.get(id) ?? emptyTally(id);
      tallies.set(id, tally);
      touched.add(id);
      isConsistent = countClip(tally, clip.data, sign) && isConsistent;
    }
  };
  for (const { before, after } of changes) {
    count(before, -1);
    count(after, 1);
  }
  return isConsistent ? touched : null;
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
