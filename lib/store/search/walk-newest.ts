import { clipSchema, type Clip, type ClipTerms } from '../../model';
import { checkRow, type Row } from '../rows';
import type { Store } from '../index';
import { isShown, throwIfAborted, upToCursor, type SearchCursor } from './cursor';
import { isMatch } from './matching-ids';
import type { Requirement } from './requirements';
import { facetTermsOf } from './terms';

/** Clips read newest first before a query counts as selective and the index answers it instead. */
const WALK_BUDGET = 1500;
/** Terms rows read per request batch while walking. */
const WALK_BATCH = 100;

export interface Walked {
  rows: Row<Clip>[];
  /** Every clip was read: `rows` are all the matches from the cursor on. */
  isEnd: boolean;
  /** Matches per clip whose match was decided, for an estimate of the total. */
  share: number;
}

/**
 * Reads clips newest first (capturedAt key cursor, their small terms rows, clip rows only for the
 * page) until `limit` match. A common word fills a page within a few hundred reads, whatever the
 * store holds. Filters alone (the queue as it opens: new or used) are tested on the clip rows the
 * page reads anyway, without terms rows. Null when WALK_BUDGET clips gave too few: the query is selective.
 */
export async function walkNewest(
  store: Store,
  requirements: Requirement[],
  { workspaceId, limit, after, signal }: { workspaceId?: string; limit: number; after?: SearchCursor; signal?: AbortSignal },
): Promise<Walked | null> {
  const tx = store.db.transaction(['clips', 'clipTerms']);
  const clips = tx.objectStore('clips');
  const terms = tx.objectStore('clipTerms');
  const hasWords = requirements.some((requirement) => requirement.kind === 'word');
  const isFacetMatch = (clip: Clip) => requirements.every((requirement) => facetTermsOf(clip).some(requirement.test));
  const rows: Row<Clip>[] = [];
  let walked = 0;
  let decided = 0;
  let matched = 0;
  let cursor = await clips.index('by-capturedAt').openKeyCursor(upToCursor(after), 'prev');
  while (cursor && rows.length < limit && walked < WALK_BUDGET) {
    throwIfAborted(signal);
    const batch: string[] = [];
    // No more keys than the page still needs, while matches are dense; up to WALK_BATCH when sparse.
    const size = Math.min(WALK_BATCH, Math.ceil((limit - rows.length) / Math.max(matched / Math.max(decided, 1), 0.25)));
    for (; cursor && batch.length < size; cursor = await cursor.continue()) {
      if (!isShown(after, cursor.key as number, String(cursor.primaryKey))) batch.push(String(cursor.primaryKey));
    }
    walked += batch.length;
    const termRows = hasWords ? ((await Promise.all(batch.map((id) => terms.get(id)))) as (ClipTerms | undefined)[]) : [];
    const hits = hasWords ? batch.filter((_, i) => isMatch(termRows[i], requirements)) : batch;
    if (hasWords) decided += batch.length;
    // Rows are read only as far as the page needs; further hits count towards the estimate.
    let read = 0;
    while (read < hits.length && rows.length < limit) {
      const chunk = hits.slice(read, read + limit - rows.length);
      read += chunk.length;
      const raws: unknown[] = await Promise.all(chunk.map((id) => clips.get(id)));
      for (const [i, raw] of raws.entries()) {
        const row = checkRow(clipSchema, chunk[i]!, raw);
        if (!hasWords) decided++;
        // A flagged clip is shown apart (flaggedClips), never in the list.
        if (!row.ok || (!hasWords && !isFacetMatch(row.value)) || (workspaceId !== undefined && !row.value.workspaceIds.includes(workspaceId))) continue;
        matched++;
        rows.push(row);
      }
    }
    // Hits of this batch past a full page: counted by their terms rows (words), or left unread (filters alone).
    if (hasWords) matched += hits.length - read;
  }
  const isEnd = !cursor;
  if (rows.length < limit && !isEnd) return null;
  return { rows, isEnd, share: matched / Math.max(decided, 1) };
}
