import { scheduleTask } from '../upgrade-work/schedule';
import type { MigrationStep } from './step';

/**
 * Version 2: the clip search index (issue 3, "Curate"). `clipTerms` holds one row per clip whose
 * multiEntry `by-term` index answers word-prefix and facet queries without scanning clips.
 *
 * Existing clips are indexed after the version change, in batches (lib/store/upgrade-work,
 * issue 20): indexing them here, inside the versionchange transaction, took 112 s at 100,000
 * clips, all of it with the side panel on its opening screen, and a context killed midway
 * redid it all. The rows written are the same: today's `clipTermsOf` of every valid clip; a clip
 * that fails its schema is skipped and left untouched (the queue shows it flagged).
 */
export const step002: MigrationStep = {
  version: 2,
  description: 'add clipTerms with a by-term index; index existing clips after the version change',
  async upgrade(db, tx) {
    db.createObjectStore('clipTerms', { keyPath: 'id' }).createIndex('by-term', 'terms', { multiEntry: true });
    await scheduleTask(tx, 'clip-search-index');
  },
};
