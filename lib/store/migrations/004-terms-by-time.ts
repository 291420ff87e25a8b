import { scheduleTask } from '../upgrade-work/schedule';
import type { MigrationStep } from './step';

/**
 * Version 4: queue search reads each term's clips newest first (issue 3, "Curate": search within
 * 30 ms at 100k clips). A `clipTerms` row becomes `{ id, capturedAt, termsAt }`, every term paired
 * with the clip's capturedAt, and the multiEntry `by-term-capturedAt` index over those pairs replaces
 * `by-term`; each row also gains the clip's workspace facet terms.
 *
 * The rows are converted after the version change, in batches (lib/store/upgrade-work/index-task.ts,
 * issue 20), and only once the old rows are in the pre-migration backup: an old row is paired from
 * its own terms (no text segmented again), a row already in the new shape is kept, a damaged one
 * is rebuilt from its clip when that is valid, and a terms row whose clip is gone is removed.
 */
export const step004: MigrationStep = {
  version: 4,
  description: 'pair clip search terms with capturedAt and index them by term and time',
  async upgrade(_db, tx) {
    const terms = tx.objectStore('clipTerms');
    terms.deleteIndex('by-term');
    terms.createIndex('by-term-capturedAt', 'termsAt', { multiEntry: true });
    await scheduleTask(tx, 'clip-search-index');
  },
};
