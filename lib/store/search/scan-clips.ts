import type { IDBPTransaction } from 'idb';
import { clipSchema, type Clip } from '../../model';
import type { Row } from '../rows';
import { isShown, throwIfAborted, type SearchCursor } from './cursor';
import type { Requirement } from './requirements';
import { facetTermsOf } from './terms';

/** Clips looked at per page, at most: a narrow filter over 100,000 clips pages on instead of reading them all. */
const MAX_SCANNED = 3000;

/**
 * The queue without query words while the search index is still being built after an upgrade
 * (issue 20): the clips themselves, newest first through `by-capturedAt`, kept when their facet
 * terms (kind, status, tag, site, workspace: no text to segment) meet every requirement. The index
 * would list only the clips it has reached so far. Returns the rows, how many clips were looked at,
 * and where the next page starts.
 */
export async function scanClips(
  tx: IDBPTransaction<unknown, string[], 'readonly'>,
  requirements: Requirement[],
  { limit, after, signal }: { limit: number; after?: SearchCursor; signal?: AbortSignal },
): Promise<{ rows: Row<Clip>[]; scanned: number; next: SearchCursor | null }> {
  const index = tx.objectStore('clips').index('by-capturedAt');
  const range = after ? IDBKeyRange.upperBound(after.capturedAt) : undefined;
  const rows: Row<Clip>[] = [];
  let scanned = 0;
  let last: SearchCursor | null = null;
  for (let cursor = await index.openCursor(range, 'prev'); cursor; cursor = await cursor.continue()) {
    const id = String(cursor.primaryKey);
    const capturedAt = cursor.key as number;
    if (isShown(after, capturedAt, id)) continue;
    scanned++;
    last = { capturedAt, id };
    const clip = clipSchema.safeParse(cursor.value);
    if (clip.success) {
      const terms = facetTermsOf(clip.data);
      if (requirements.every((requirement) => terms.some((term) => requirement.test(term)))) rows.push({ ok: true, key: id, value: clip.data });
    }
    if (rows.length >= limit || scanned >= MAX_SCANNED) {
      throwIfAborted(signal);
      return { rows, scanned, next: last };
    }
  }
  return { rows, scanned, next: null };
}
