import { z } from 'zod';
import type { WriteTransaction } from '../transaction';
import { ALL_CLIPS, countChanges, emptyTally, rowOfTally, TALLY_STORE, tallyOfRow, type ClipChange, type ClipTally } from './clip-tally';

/**
 * The tally while it is first built, after the version change (step 5, issue 20): the clips are
 * counted a batch at a time in key order, into the ordinary tally rows, and this row says how far.
 *
 * Invariant: while it exists, the tally rows count exactly the clips with an id up to `after`.
 * A clip written meanwhile is counted by its write (./tally-clip-changes.ts) only if its id is up
 * to `after`; one past it is counted when the build reaches it. The queue reads the counts so far
 * and says they are still being made (components/data/upgrade-work.ts), and never rebuilds them.
 */
export const BUILDING_ID = 'building';
const buildingSchema = z.object({ id: z.literal(BUILDING_ID), after: z.string().nullable() });
export type BuildingTally = z.infer<typeof buildingSchema>;

export const buildingOf = (rows: unknown[]): BuildingTally | null => {
  for (const row of rows) {
    const building = buildingSchema.safeParse(row);
    if (building.success) return building.data;
  }
  return null;
};

/** The partial tally rows beside the building row, or null when one is damaged. */
export function partialTallies(rows: unknown[]): Map<string, ClipTally> | null {
  const tallies = new Map<string, ClipTally>([[ALL_CLIPS, emptyTally(ALL_CLIPS)]]);
  for (const raw of rows) {
    if (buildingSchema.safeParse(raw).success) continue;
    const tally = tallyOfRow(raw);
    if (!tally) return null;
    tallies.set(tally.id, tally);
  }
  return tallies;
}

const idOf = (change: ClipChange) => String(((change.after ?? change.before) as { id?: unknown } | undefined)?.id);

/** A clip write while the tally is built: counted only if the build has passed its id. False when the partial tally is damaged. */
export async function countWhileBuilding(tx: WriteTransaction, rows: unknown[], building: BuildingTally, changes: ClipChange[]): Promise<boolean> {
  const counted = changes.filter((change) => building.after !== null && idOf(change) <= building.after);
  if (counted.length === 0) return true;
  const tallies = partialTallies(rows);
  const touched = tallies && countChanges(tallies, counted);
  if (!tallies || !touched) return false;
  await writeTouched(tx, tallies, touched);
  return true;
}

async function writeTouched(tx: WriteTransaction, tallies: Map<string, ClipTally>, touched: Set<string>) {
  const store = tx.objectStore(TALLY_STORE);
  await Promise.all(
    [...touched].map((id) => {
      const tally = tallies.get(id)!;
      return id !== ALL_CLIPS && tally.clips === 0 ? store.delete(id) : store.put(rowOfTally(tally));
    }),
  );
}

/**
 * One batch of the build: the clips after `after`, up to `size`, counted in; the building row
 * moves on, or goes when none is left (the tally is then complete). A build found cut off (its row
 * gone, a partial row damaged) starts again from the first clip. Returns the last id and the clips counted.
 */
export async function tallyClipsBatch(tx: WriteTransaction, after: string | null, size: number): Promise<{ last: string; clips: number } | null> {
  const store = tx.objectStore(TALLY_STORE);
  let rows = await store.getAll();
  const building = buildingOf(rows);
  let from = after;
  let tallies = building && building.after === after ? partialTallies(rows) : null;
  if (!tallies) {
    // First batch, or the tally was cleared or damaged since: from the first clip.
    await store.clear();
    rows = [];
    from = null;
    tallies = partialTallies(rows)!;
  }
  const range = from === null ? undefined : IDBKeyRange.lowerBound(from, true);
  const clips = (await tx.objectStore('clips').getAll(range, size)) as { id?: unknown }[];
  const touched = countChanges(
    tallies,
    clips.map((clip) => ({ before: undefined, after: clip })),
  );
  await writeTouched(tx, tallies, touched ?? new Set(tallies.keys()));
  if (clips.length === 0) {
    await store.put(rowOfTally(tallies.get(ALL_CLIPS)!));
    await store.delete(BUILDING_ID);
    return null;
  }
  const last = String(clips.at(-1)!.id);
  await store.put({ id: BUILDING_ID, after: last } satisfies BuildingTally);
  return { last, clips: clips.length };
}
