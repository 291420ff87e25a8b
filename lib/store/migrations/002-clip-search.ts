import { clipSchema } from '../../model';
import { clipTermsOf } from '../search/terms';
import type { MigrationStep } from './step';

/**
 * Version 2: the clip search index (issue 3, "Curate"). `clipTerms` holds one row per clip whose
 * multiEntry `by-term` index answers word-prefix and facet queries without scanning clips.
 * Existing clips are indexed here, in the upgrade transaction; a clip that fails its schema is
 * skipped and left untouched (the queue shows it flagged). It imports today's `clipTermsOf`: if
 * the term rules change later, a new step rebuilds the index rather than this one being edited.
 */
export const step002: MigrationStep = {
  version: 2,
  description: 'add clipTerms with a by-term index and index existing clips',
  async upgrade(db, tx) {
    db.createObjectStore('clipTerms', { keyPath: 'id' }).createIndex('by-term', 'terms', { multiEntry: true });
    const terms = tx.objectStore('clipTerms');
    for (let cursor = await tx.objectStore('clips').openCursor(); cursor; cursor = await cursor.continue()) {
      const clip = clipSchema.safeParse(cursor.value);
      if (clip.success) await terms.put(clipTermsOf(clip.data));
    }
  },
};
