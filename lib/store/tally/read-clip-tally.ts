import type { Store } from '../store';
import { ALL_CLIPS, emptyTally, tallyOfRow, workspaceTallyId, type ClipTally } from './clip-tally';
import type { StoreName } from '../stores';
import { BUILDING_ID } from './building-tally';
import { readTallies, tallyEveryClip, TALLY_STORE, writeTallies } from './tally-clip-changes';

export interface ClipTallies {
  /** Every clip, whatever its workspace. */
  all: ClipTally;
  /** The clips of the workspace asked for; `all` when none was. */
  shown: ClipTally;
  /** Still being built after an upgrade (./building-tally.ts): the counts so far, of the clips up to some id. */
  isPartial?: true;
}

/**
 * The tally of every clip and of one workspace: two small reads. A tally that is missing or damaged
 * (cleared by a write that found it so, or hurt by whatever hurts a database) is rebuilt from the
 * clips rather than trusted; at 100,000 clips that takes seconds, once.
 */
export async function readClipTally(store: Store, workspaceId?: string): Promise<ClipTallies> {
  const tx = store.db.transaction(TALLY_STORE);
  const shownId = workspaceId === undefined ? ALL_CLIPS : workspaceTallyId(workspaceId);
  const [allRow, shownRow, building] = await Promise.all([tx.store.get(ALL_CLIPS), tx.store.get(shownId), tx.store.get(BUILDING_ID)]);
  if (building !== undefined) {
    // Counted a batch at a time after an upgrade: never rebuilt in one go here, which would hold the queue for seconds.
    return { all: tallyOfRow(allRow) ?? emptyTally(ALL_CLIPS), shown: tallyOfRow(shownRow) ?? emptyTally(shownId), isPartial: true };
  }
  const all = tallyOfRow(allRow);
  // No row for a workspace is no clip in it; a row that is there must be sound.
  const shown = shownRow === undefined ? emptyTally(shownId) : tallyOfRow(shownRow);
  if (all && shown) return { all, shown };
  const rebuilt = await rebuildClipTally(store);
  return { all: rebuilt.get(ALL_CLIPS)!, shown: rebuilt.get(shownId) ?? emptyTally(shownId) };
}

/** Builds the tally again from every clip, in one transaction with the clips, so no write slips between. */
async function rebuildClipTally(store: Store): Promise<Map<string, ClipTally>> {
  const scope: StoreName[] = ['clips', TALLY_STORE];
  const tx = store.db.transaction(scope, 'readwrite');
  // Another context may have rebuilt it while this one waited for the transaction.
  const current = await readTallies(tx.objectStore(TALLY_STORE));
  if (current) {
    await tx.done;
    return current;
  }
  console.warn('Cadence: the clip counts were missing or damaged; counting every clip again');
  const tallies = await tallyEveryClip(tx);
  await writeTallies(tx, tallies);
  await tx.done;
  return tallies;
}
