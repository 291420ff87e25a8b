import { BUILDING_ID } from '../tally/building-tally';
import { clipCount, scheduleTask } from '../upgrade-work/schedule';
import type { MigrationStep } from './step';

/**
 * Version 5: `clipTally`, the queue's counts kept with every clip write (lib/store/tally), so the
 * panel opens without counting index ranges over every clip (issue "Curate": interactive at
 * 100,000 clips in 300 ms). Existing clips are counted after the version change, a batch at a time
 * (lib/store/tally/building-tally.ts, issue 20); a clip that fails its schema is counted as flagged
 * and left untouched. Until the count is done, the queue shows the counts so far and says so.
 */
export const step005: MigrationStep = {
  version: 5,
  description: 'add clipTally; count existing clips after the version change',
  async upgrade(db, tx) {
    const tally = db.createObjectStore('clipTally', { keyPath: 'id' });
    await scheduleTask(tx, 'clip-counts');
    // Marked as being built from the start: a read meanwhile shows the counts so far instead of
    // counting every clip in one transaction itself (seconds at 100,000, with the panel waiting).
    if ((await clipCount(tx)) > 0) await tally.put({ id: BUILDING_ID, after: null });
  },
};
