import { unwrap } from 'idb';
import { clipSchema } from '../../model';
import { clipTermsOf } from '../search/terms';
import { forEachBatch } from './each-batch';
import type { MigrationStep } from './step';

/** Large enough that a batch's read overlaps the previous batch's work, small enough for steady progress. */
const BATCH = 1000;

/**
 * Version 2: the clip search index (issue 3, "Curate"). `clipTerms` holds one row per clip whose
 * multiEntry `by-term` index answers word-prefix and facet queries without scanning clips.
 * Existing clips are indexed here, in the upgrade transaction; a clip that fails its schema is
 * skipped and left untouched (the queue shows it flagged). It imports today's `clipTermsOf`: if
 * the term rules change later, a new step rebuilds the index rather than this one being edited.
 *
 * It reads clips in batches and queues the puts without awaiting each (./each-batch.ts): the
 * same rows as the first version of this step, which read a cursor and awaited every put, at
 * 113 s per 100,000 clips. A context killed midway aborts the transaction: the next start redoes it.
 */
export const step002: MigrationStep = {
  version: 2,
  description: 'add clipTerms with a by-term index and index existing clips',
  async upgrade(db, tx, report) {
    db.createObjectStore('clipTerms', { keyPath: 'id' }).createIndex('by-term', 'terms', { multiEntry: true });
    const clips = tx.objectStore('clips');
    // The raw store: idb would wrap every put in a promise that nothing awaits.
    const terms = unwrap(tx.objectStore('clipTerms'));
    const total = await clips.count();
    let done = 0;
    report({ task: 'clip-search-index', done, total });
    await forEachBatch(clips, BATCH, (rows) => {
      for (const row of rows) {
        const clip = clipSchema.safeParse(row);
        if (clip.success) terms.put(clipTermsOf(clip.data));
      }
      done += rows.length;
      report({ task: 'clip-search-index', done, total });
    });
  },
};
