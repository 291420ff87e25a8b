import { backUpFrom, scheduleTask } from '../upgrade-work/schedule';
import { OLD_TERMS } from '../upgrade-work/work-state';
import type { MigrationStep } from './step';

/**
 * Version 4: queue search reads each term's clips newest first (issue 3, "Curate": search within
 * 30 ms at 100k clips). A `clipTerms` row becomes `{ id, capturedAt, termsAt }`, every term paired
 * with the clip's capturedAt, and the multiEntry `by-term-capturedAt` index over those pairs replaces
 * `by-term`; each row also gains the clip's workspace facet terms.
 *
 * The version change renames the old store aside (OLD_TERMS) and creates `clipTerms` anew, empty,
 * with its index: a few milliseconds, where deleting `by-term` and indexing 100,000 existing rows
 * took ~17 s in Chromium (~3.5 s at 20,000, measured, issue 20). The rows are converted after it,
 * in batches (lib/store/upgrade-work/index-task.ts), from the old rows, which stay as they were
 * until the pre-migration backup holds them: an old row is paired from its own terms (no text
 * segmented again), a damaged one is rebuilt from its clip when that is valid, and one whose clip
 * is gone is not carried over.
 */
export const step004: MigrationStep = {
  version: 4,
  description: 'pair clip search terms with capturedAt and index them by term and time',
  async upgrade(db, tx) {
    tx.objectStore('clipTerms').name = OLD_TERMS;
    db.createObjectStore('clipTerms', { keyPath: 'id' }).createIndex('by-term-capturedAt', 'termsAt', { multiEntry: true });
    await backUpFrom(tx, 'clipTerms', OLD_TERMS);
    await scheduleTask(tx, 'clip-search-index');
    await scheduleTask(tx, 'old-terms-cleanup');
  },
};
