import type { IDBPTransaction } from 'idb';
import { clipSchema, type Clip } from '../../model';
import { checkRow, type Row } from '../rows';
import type { Store } from '../store';
import { isShown, throwIfAborted, type SearchCursor } from './cursor';
import { needsRows, planSearch, soleRareTerm, type Plan, type Rare } from './plan';
import { requirementsOf, type ClipFilters, type Requirement } from './requirements';
import { scanClips } from './scan-clips';
import { indexProgress } from '../upgrade-work/index-progress';
import { joinSpan, spanBelow } from './spans';
import { TERM_INDEX, type Span } from './term-index';
import { filterByRows, matchesAmong, type TermsStore } from './terms-rows';

export type { ClipFilters } from './requirements';
export type { SearchCursor } from './cursor';

export interface SearchOptions {
  limit?: number;
  filters?: ClipFilters;
  workspaceId?: string;
  /** Continue after this clip (the `next` of the previous page). */
  after?: SearchCursor;
  /** Abandons the search (rejects with the signal's reason) once a newer one replaces it. */
  signal?: AbortSignal;
}

export interface ClipSearch {
  /** Newest first, at most `limit`. */
  rows: Row<Clip>[];
  /** Every match, when known without further reads; null when only the newest clips were read (see `share`). */
  total: number | null;
  /** When `total` is null: matches per clip read. Times the clip count, it estimates the total. */
  share: number;
  /** Where the next page starts; null when this page holds the last match. */
  next: SearchCursor | null;
  /**
   * Set while an upgrade still builds the search index (lib/store/upgrade-work): clips indexed so
   * far, of `total`. Word matches may then miss clips; the queue without words lists the clips themselves.
   */
  indexing?: { done: number; total: number | null };
}

/** The first span holds this many clips per row wanted; later spans are sized by the share that matched. */
const FIRST_SPAN_PER_ROW = 5;
const MAX_SPAN = 4000;
/** A span is never sized for a share below this: two words that rarely meet grow it by MAX_SPAN at most. */
const MIN_SHARE = 0.01;

/**
 * Search over the `clipTerms` index (./term-index.ts), a page at a time, reading clip rows only
 * for the page and parsing nothing else. A rare requirement (at most RARE_MAX clips: a rare word,
 * a narrow filter) gives the only candidates, checked on their terms rows and counted exactly.
 * Anything else is read newest first a span of time at a time: per span, each requirement is one
 * key range per term and the matches are their intersection (./spans.ts), until the page is full.
 * Its total is left to `countClips`, which the view asks for once the page is painted.
 */
export async function searchClips(
  store: Store,
  query: string,
  { limit = 500, filters = {}, workspaceId, after, signal }: SearchOptions = {},
): Promise<ClipSearch> {
  const tx = store.db.transaction(['clips', 'clipTerms', 'meta']);
  const requirements = requirementsOf(query, filters, workspaceId);
  const hasWords = requirements.some((requirement) => requirement.kind === 'word');
  // Read beside the search, not before it: one more request, no longer wait. Without words while
  // the index is built, the search through it is stopped at once: over an index that has few of
  // the clips it would walk every span back to the oldest clip (2 s at 100,000, bench, issue 20).
  let stopped: DOMException | null = null;
  // The caller's signal, or this stop: read the way throwIfAborted reads a signal (./cursor.ts).
  const either = {
    get aborted() {
      return stopped !== null || !!signal?.aborted;
    },
    get reason(): unknown {
      return signal?.aborted ? signal.reason : stopped;
    },
  } as AbortSignal;
  const progress = indexProgress(tx).then((indexing) => {
    if (indexing && !hasWords) stopped = new DOMException('The index is being built: the clips are read instead', 'AbortError');
    return indexing;
  });
  const indexed = searchIndex(tx, requirements, { limit, after, signal: either });
  const indexing = await progress;
  if (!indexing) return indexed;
  if (hasWords) return { ...(await indexed), indexing };
  indexed.catch(() => undefined);
  // The index lists only the clips it has reached: the queue without words reads the clips themselves.
  const scan = await scanClips(tx, requirements, { limit, after, signal });
  return { rows: scan.rows, total: null, share: scan.scanned === 0 ? 0 : scan.rows.length / scan.scanned, next: scan.next, indexing };
}

async function searchIndex(tx: SearchTx, requirements: Requirement[], { limit, after, signal }: { limit: number; after?: SearchCursor; signal?: AbortSignal }) {
  const terms = tx.objectStore('clipTerms');
  const byCapturedAt = tx.objectStore('clips').index('by-capturedAt');
  const to = after?.capturedAt ?? Infinity;
  // Where the first span starts and what the cursor's millisecond showed do not depend on the
  // query: asked for while it is planned, so a page of one span costs four requests in a row.
  const [plan, firstSpan, shown] = await Promise.all([
    planSearch(terms.index(TERM_INDEX), requirements),
    spanBelow(byCapturedAt, to, false, limit * FIRST_SPAN_PER_ROW),
    // Clips of the cursor's own millisecond that were on earlier pages (ids at or above the cursor's).
    after
      ? byCapturedAt.getAllKeys(after.capturedAt).then((ids) => new Set(ids.map(String).filter((id) => isShown(after, after.capturedAt, id))))
      : new Set<string>(),
  ]);
  throwIfAborted(signal);
  if (plan.isEmpty) return page([], limit, 0, 0);
  if (plan.rare) {
    const ids = await rareMatches(terms, plan, plan.rare, after, shown);
    throwIfAborted(signal);
    return page(await readRows(tx, ids.unseen.slice(0, limit)), limit, ids.total, 0);
  }
  const found = await newestMatches(tx, plan, { limit, firstSpan, shown, isFromNewest: after === undefined, signal });
  throwIfAborted(signal);
  return page(await readRows(tx, found.ids), limit, found.total, found.share);
}

type SearchTx = IDBPTransaction<unknown, string[], 'readonly'>;

/**
 * The matches among a rare requirement's clips not shown yet, newest first, and how many there are
 * in all. When its one term's range is every match (soleRareTerm), the range gives them in order;
 * after a cursor, the range is cut at the cursor's millisecond and the clips of that millisecond
 * shown before (`shown`: ids at or above the cursor's) are left out. Otherwise the candidates'
 * terms rows decide, and give each its capturedAt.
 */
async function rareMatches(terms: TermsStore, plan: Plan, rare: Rare, after: SearchCursor | undefined, shown: Set<string>) {
  const term = soleRareTerm(plan);
  const total = rare.ids.length;
  if (term !== null && !after) return { unseen: rare.ids.toReversed(), total };
  if (term !== null) {
    const older = await terms.index(TERM_INDEX).getAllKeys(IDBKeyRange.bound([term], [term, after!.capturedAt]));
    return {
      unseen: older
        .map(String)
        .reverse()
        .filter((id) => !shown.has(id)),
      total,
    };
  }
  const matches = await matchesAmong(terms, rare.ids, plan.requirements);
  return { unseen: matches.filter(({ id, capturedAt }) => !isShown(after, capturedAt, id)).map(({ id }) => id), total: matches.length };
}

interface Walk {
  limit: number;
  firstSpan: Span | null;
  /** Clips of the first span shown on earlier pages. */
  shown: Set<string>;
  /** No cursor: the walk starts at the newest clip, so reaching the oldest counts every match. */
  isFromNewest: boolean;
  signal: AbortSignal | undefined;
}

/**
 * Span after span back in time, until `limit` matches are found or no clip is left. The total is
 * known when the walk went from the newest clip to the oldest and every match was decided.
 */
async function newestMatches(tx: SearchTx, plan: Plan, { limit, firstSpan, shown, isFromNewest, signal }: Walk) {
  const byCapturedAt = tx.objectStore('clips').index('by-capturedAt');
  const terms = tx.objectStore('clipTerms');
  const ids: string[] = [];
  let clips = 0;
  let matched = 0;
  let isDecided = isFromNewest;
  for (let span = firstSpan; span;) {
    const joined = await joinSpan(byCapturedAt, terms.index(TERM_INDEX), plan.streams, span);
    throwIfAborted(signal);
    const unseen = joined.ids.filter((id) => !shown.has(id));
    const kept = needsRows(plan) ? await filterByRows(terms, unseen, plan.wide, limit - ids.length) : { ids: unseen, checked: unseen.length };
    ids.push(...kept.ids.slice(0, limit - ids.length));
    clips += joined.clips;
    // Rows read only as far as the page needed: the rest of the span is estimated at the same share.
    isDecided &&= kept.checked === unseen.length;
    matched += kept.checked === 0 ? 0 : (kept.ids.length * unseen.length) / kept.checked;
    if (ids.length >= limit || span.from === -Infinity) break;
    throwIfAborted(signal);
    const size = Math.min(MAX_SPAN, Math.max(limit, Math.ceil(((limit - ids.length) / Math.max(matched / clips, MIN_SHARE)) * 1.25)));
    span = await spanBelow(byCapturedAt, span.from, true, size);
  }
  const isEnd = ids.length < limit;
  return { ids, total: isEnd && isDecided ? Math.round(matched) : null, share: matched / Math.max(clips, 1) };
}

/** Only the rows shown are read and parsed. */
async function readRows(tx: SearchTx, ids: string[]): Promise<Row<Clip>[]> {
  const clips = tx.objectStore('clips');
  const raws: unknown[] = await Promise.all(ids.map((id) => clips.get(id)));
  return raws.flatMap((raw, i) => (raw === undefined ? [] : [checkRow(clipSchema, ids[i]!, raw)]));
}

function page(rows: Row<Clip>[], limit: number, total: number | null, share: number): ClipSearch {
  const last = rows.at(-1);
  return {
    rows: rows.filter((row) => row.ok),
    total,
    share,
    next: rows.length === limit && last?.ok ? { capturedAt: last.value.capturedAt, id: last.key } : null,
  };
}
