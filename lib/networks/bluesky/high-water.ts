/**
 * The cursor of notifications and search: a high-water mark, not the network's paging cursor.
 * Invariants:
 * - the mark is the newest `indexedAt` seen, plus the ids seen in the OVERLAP_MS before it;
 * - each poll reads newest first back to (mark − OVERLAP_MS): an item the AppView shows late,
 *   with a time just before the mark, is still picked up, and the ids keep it from coming twice;
 * - a page shorter than asked, or one reaching back past the overlap, ends the poll, so a quiet
 *   poll is ONE request;
 * - the first poll (no mark) reads one page: listening starts from now, not from the archive
 *   (what lies below that page is behind a `floor` and never reported); a first poll that finds
 *   nothing at all marks the beginning of time, so every item after it is news, however many
 *   arrive before the next poll (a mark-less second poll would read only one page of them).
 * The cursor is opaque to callers (a JSON string); an unreadable one counts as "no mark".
 */

/** AppView indexing lag seen in practice is well under a second; two minutes is ample. */
export const OVERLAP_MS = 120_000;

interface Mark {
  at: string;
  ids: string[];
  /** Epoch ms; nothing at or before it is new. Set by a first poll that read only one page. */
  floor?: number;
}

export function parseMark(cursor: string | null): Mark | null {
  if (cursor === null) return null;
  try {
    const value: unknown = JSON.parse(cursor);
    if (typeof value === 'object' && value !== null && 'at' in value && 'ids' in value) {
      const { at, ids } = value;
      const floor = 'floor' in value && typeof value.floor === 'number' ? value.floor : undefined;
      if (typeof at === 'string' && Number.isFinite(Date.parse(at)) && Array.isArray(ids) && ids.every((id) => typeof id === 'string')) {
        return floor === undefined ? { at, ids } : { at, ids, floor };
      }
    }
  } catch {
    // Not JSON: fall through to reading it as a bare timestamp.
  }
  return Number.isFinite(Date.parse(cursor)) ? { at: cursor, ids: [] } : null;
}

/** The newest time a cursor has seen, for the network's own read marker. */
export function markTime(cursor: string): string | null {
  return parseMark(cursor)?.at ?? null;
}

export interface Page<T> {
  items: T[];
  cursor?: string;
}

export async function readSinceMark<T>(
  cursor: string | null,
  fetchPage: (pageCursor: string | undefined) => Promise<Page<T>>,
  key: (item: T) => { id: string; at: string },
  opts: { pageSize: number; maxPages: number },
): Promise<{ items: T[]; cursor: string | null; requests: number }> {
  const mark = parseMark(cursor);
  const seen = new Set(mark?.ids ?? []);
  const cutoff = mark ? Math.max(Date.parse(mark.at) - OVERLAP_MS, mark.floor ?? -Infinity) : -Infinity;
  let floor = mark?.floor;
  const fresh: T[] = [];
  const window: { id: string; time: number }[] = [];
  let newest = mark ? Date.parse(mark.at) : -Infinity;
  let newestAt = mark?.at ?? null;
  let requests = 0;
  let pageCursor: string | undefined;

  for (let page = 0; page < opts.maxPages; page++) {
    const { items, cursor: next } = await fetchPage(pageCursor);
    requests++;
    let reachedCutoff = false;
    for (const item of items) {
      const { id, at } = key(item);
      const time = Date.parse(at);
      if (time <= cutoff) {
        reachedCutoff = true;
        continue;
      }
      window.push({ id, time });
      if (seen.has(id)) continue;
      seen.add(id);
      fresh.push(item);
      if (time > newest) {
        newest = time;
        newestAt = at;
      }
    }
    pageCursor = next;
    // A first poll that stops at a full page has not seen what lies below it: it never will.
    if (mark === null && items.length >= opts.pageSize) floor = Math.min(...items.map((item) => Date.parse(key(item).at)));
    if (reachedCutoff || mark === null || !pageCursor || items.length < opts.pageSize) break;
  }
  if (newestAt === null) return { items: fresh, cursor: JSON.stringify({ at: new Date(0).toISOString(), ids: [] }), requests };
  const ids = [...new Set(window.filter(({ time }) => time > newest - OVERLAP_MS).map(({ id }) => id))];
  const unchanged = mark !== null && fresh.length === 0;
  const keepFloor = floor !== undefined && floor > newest - OVERLAP_MS;
  const next = keepFloor ? { at: newestAt, ids, floor } : { at: newestAt, ids };
  return { items: fresh, cursor: unchanged ? cursor : JSON.stringify(next), requests };
}
