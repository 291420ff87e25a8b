import { tallyEveryClip, writeTallies } from '../tally/tally-clip-changes';
import type { WriteTransaction } from '../transaction';
import type { MigrationStep } from './step';

/**
 * Version 5: `clipTally`, the queue's counts kept with every clip write (lib/store/tally), so the
 * panel opens without counting index ranges over every clip (issue "Curate": interactive at
 * 100,000 clips in 300 ms). Existing clips are counted here, a batch at a time; a clip that fails
 * its schema is counted as flagged and left untouched. It imports today's tally rules: if they
 * change, a new step counts again rather than this one being edited (a damaged or missing tally
 * is also rebuilt when read).
 */
export const step005: MigrationStep = {
  version: 5,
  description: 'add clipTally and count existing clips',
  async upgrade(db, tx, report) {
    db.createObjectStore('clipTally', { keyPath: 'id' });
    // The upgrade's transaction can do everything a write transaction can; idb types it apart.
    const tallyTx = tx as unknown as WriteTransaction;
    // Seconds at 100,000 clips: the panel shows how far it is, as for the search index.
    const total = await tx.objectStore('clips').count();
    report({ task: 'clip-counts', done: 0, total });
    await writeTallies(tallyTx, await tallyEveryClip(tallyTx, (done) => report({ task: 'clip-counts', done: Math.min(done, total), total })));
  },
};
