import { clipSchema, type Clip, type ClipTerms } from '../../model';
import { checkRow, type Row } from '../rows';
import type { Store } from '../index';
import { requirementsOf, type ClipFilters, type Requirement } from './requirements';

export type { ClipFilters } from './requirements';

/** Where a page ended: the next one starts with the clip captured just before it. */
export interface SearchCursor {
  capturedAt: number;
  id: string;
}

export interface SearchOptions {
  limit?: number;
  filters?: ClipFilters;
  workspaceId?: string;
  /** Continue after this clip (the `next` of the previous page). */
  after?: SearchCursor;
}

export interface ClipSearch {
  /** Newest first, at most `limit`. */
  rows: Row<Clip>[];
  /** Every match when `isExact`, otherwise an estimate from the share of matches among the clips read. */
  total: number;
  isExact: boolean;
  /** Where the next page starts; null when this page holds the last match. */
  next: SearchCursor | null;
}

/** Clips read newest first before a query counts as selective and the index answers it instead. */
const WALK_BUDGET = 1500;
/** Terms rows read per request batch while walking. */
const WALK_BATCH = 100;
/** Keys read of each requirement to find the rarest (see matchingTerms). */
const PROBE_MAX = 5000;
/** Below this many candidates, checking their terms rows beats reading another index range. */
const VERIFY_MAX = 500;
/** Below this many matches, reading and sorting them beats walking the capturedAt index. */
const SORT_MAX = 2000;

/**
 * Search over the `clipTerms` store (migration 002): never parses a clip it will not show.
 *
 * A page is found one of two ways. Most queries match many clips, so the newest clips are read in
 * capturedAt order (keys, then their small terms rows) until the page is full: a common word at
 * 100,000 clips costs a few hundred reads, whatever the store holds. A selective query would read
 * for long that way, so after WALK_BUDGET clips its matches are taken from the `by-term` index
 * instead (rarest requirement first) and sorted. The exact count of a walked query comes from
 * `countClips`, which the view asks for after it has painted.
 */
export async function searchClips(store: Store, query: string, { limit = 500, filters = {}, workspaceId, after }: SearchOptions = {}): Promise<ClipSearch> {
  const requirements = requirementsOf(query, filters);
  const walked = await walkNewest(store, requirements, workspaceId, limit, after);
  if (walked) return walked;
  const ids = await matchingIds(store, requirements, workspaceId);
  const rows = await newestRows(store, ids, limit, after);
  const last = rows.at(-1);
  const hasMore = rows.length === limit && ids.size > 0;
  return { rows: rows.filter((row) => row.ok), total: ids.size, isExact: true, next: hasMore && last?.ok ? { capturedAt: last.value.capturedAt, id: last.key } : null };
}

/** Every match, counted from the index (keys only). */
export async function countClips(store: Store, query: string, { filters = {}, workspaceId }: Pick<SearchOptions, 'filters' | 'workspaceId'> = {}): Promise<number> {
  return (await matchingIds(store, requirementsOf(query, filters), workspaceId)).size;
}

/** The capturedAt range a page reads: everything before `after`, newest first. */
const beforeCursor = (after: SearchCursor | undefined) => (after ? IDBKeyRange.upperBound(after.capturedAt) : null);
/** Within one capturedAt, an index visits ids in descending order going `prev`: skip up to the cursor's id. */
const isAtOrAfter = (after: SearchCursor | undefined, capturedAt: number, id: string) => !!after && capturedAt === after.capturedAt && id >= after.id;

/** Reads newest first until `limit` matches; null when WALK_BUDGET clips gave too few. */
async function walkNewest(store: Store, requirements: Requirement[], workspaceId: string | undefined, limit: number, after: SearchCursor | undefined): Promise<ClipSearch | null> {
  // For the estimate; counted in parallel, in its own transaction, while the walk reads.
  const clipCount = store.clips.count();
  const tx = store.db.transaction(['clips', 'clipTerms']);
  const index = tx.objectStore('clips').index('by-capturedAt');
  const terms = tx.objectStore('clipTerms');
  const clips = tx.objectStore('clips');
  const rows: Row<Clip>[] = [];
  let walked = 0;
  let matched = 0;
  let isEnd = false;
  let cursor = await index.openKeyCursor(beforeCursor(after), 'prev');
  while (rows.length < limit && walked < WALK_BUDGET) {
    const batch: { id: string; capturedAt: number }[] = [];
    for (; cursor && batch.length < WALK_BATCH; cursor = await cursor.continue()) {
      const id = String(cursor.primaryKey);
      const capturedAt = cursor.key as number;
      if (!isAtOrAfter(after, capturedAt, id)) batch.push({ id, capturedAt });
    }
    if (!cursor) isEnd = true;
    walked += batch.length;
    const termRows = requirements.length === 0 ? [] : ((await Promise.all(batch.map(({ id }) => terms.get(id)))) as (ClipTerms | undefined)[]);
    const hits = batch.filter((_, i) => requirements.length === 0 || isMatch(termRows[i], requirements));
    // Rows are read only as far as the page needs; further hits count towards the estimate.
    let read = 0;
    while (read < hits.length && rows.length < limit) {
      const chunk = hits.slice(read, read + limit - rows.length);
      read += chunk.length;
      const raws: unknown[] = await Promise.all(chunk.map(({ id }) => clips.get(id)));
      for (const [i, raw] of raws.entries()) {
        const row = checkRow(clipSchema, chunk[i]!.id, raw);
        if (!row.ok || (workspaceId !== undefined && !row.value.workspaceIds.includes(workspaceId))) continue;
        matched++;
        rows.push(row);
      }
    }
    matched += hits.length - read;
    if (isEnd) break;
  }
  if (rows.length < limit && !isEnd) {
    await clipCount;
    return null;
  }
  const last = rows.at(-1);
  const isLastPage = isEnd && rows.length < limit;
  // Every match was seen when the store ended before the page filled: the count is exact then.
  const isExact = isLastPage && after === undefined;
  const estimate = Math.round((matched / Math.max(walked, 1)) * (await clipCount));
  return {
    rows,
    total: isExact ? rows.length : Math.max(rows.length, estimate),
    isExact,
    next: isLastPage || !last?.ok ? null : { capturedAt: last.value.capturedAt, id: last.key },
  };
}

const isMatch = (row: ClipTerms | undefined, requirements: Requirement[]) => !!row && requirements.every((requirement) => row.terms.some(requirement.test));

async function matchingIds(store: Store, requirements: Requirement[], workspaceId: string | undefined): Promise<Set<string>> {
  // One workspace: its clips' keys from the multiEntry by-workspace index (keys only, cheap).
  const inWorkspace = workspaceId === undefined ? null : new Set((await store.db.getAllKeysFromIndex('clips', 'by-workspace', workspaceId)).map(String));
  const inStore = requirements.length === 0 ? new Set((await store.db.getAllKeys('clips')).map(String)) : await matchingTerms(store, requirements);
  return inWorkspace ? new Set([...inStore].filter((id) => inWorkspace.has(id))) : inStore;
}

/**
 * Requirements are read rarest first; the candidate set only shrinks from there. Which is rarest
 * is found by reading at most PROBE_MAX keys of each, not by counting: a count walks every entry
 * of its range, and "status is new or used" covers every clip.
 */
async function matchingTerms(store: Store, requirements: Requirement[]): Promise<Set<string>> {
  const index = store.db.transaction('clipTerms').store.index('by-term');
  const keysOf = async (requirement: Requirement, max?: number) =>
    (await Promise.all(requirement.ranges.map((range) => index.getAllKeys(range, max)))).map((keys) => keys.map(String));
  const probed = await Promise.all(
    requirements.map(async (requirement) => {
      const perRange = await keysOf(requirement, PROBE_MAX + 1);
      const isComplete = perRange.every((keys) => keys.length <= PROBE_MAX);
      return { requirement, keys: new Set(perRange.flat()), isComplete };
    }),
  );
  const ordered = probed.sort((a, b) => Number(b.isComplete) - Number(a.isComplete) || a.keys.size - b.keys.size);
  const all = async (entry: (typeof ordered)[number]) => (entry.isComplete ? entry.keys : new Set((await keysOf(entry.requirement)).flat()));

  let ids = await all(ordered[0]!);
  for (let i = 1; i < ordered.length && ids.size > 0; i++) {
    if (ids.size <= VERIFY_MAX) return verify(store, ids, ordered.slice(i).map((entry) => entry.requirement));
    const next = await all(ordered[i]!);
    ids = new Set([...ids].filter((id) => next.has(id)));
  }
  return ids;
}

/** Checks few candidates against the remaining requirements by reading their terms rows. */
async function verify(store: Store, ids: Set<string>, rest: Requirement[]): Promise<Set<string>> {
  const tx = store.db.transaction('clipTerms');
  const rows = (await Promise.all([...ids].map((id) => tx.store.get(id)))) as (ClipTerms | undefined)[];
  return new Set(rows.flatMap((row) => (row && isMatch(row, rest) ? [row.id] : [])));
}

/** The newest `limit` of `ids` captured before `after`. */
async function newestRows(store: Store, ids: Set<string>, limit: number, after: SearchCursor | undefined): Promise<Row<Clip>[]> {
  const capturedAt = (row: Row<Clip>) => (row.ok ? row.value.capturedAt : 0);
  const isBefore = (row: Row<Clip>) => !after || (row.ok && (row.value.capturedAt < after.capturedAt || (row.value.capturedAt === after.capturedAt && row.key < after.id)));
  if (ids.size <= SORT_MAX) {
    const rows = await readRows(store, [...ids]);
    return rows
      .filter(isBefore)
      .sort((a, b) => capturedAt(b) - capturedAt(a) || (b.key < a.key ? -1 : 1))
      .slice(0, limit);
  }
  // Keys only, newest first from the cursor: cheap even at 100,000 clips.
  const tx = store.db.transaction('clips');
  const picked: string[] = [];
  for (let cursor = await tx.store.index('by-capturedAt').openKeyCursor(beforeCursor(after), 'prev'); cursor && picked.length < limit; cursor = await cursor.continue()) {
    const id = String(cursor.primaryKey);
    if (ids.has(id) && !isAtOrAfter(after, cursor.key as number, id)) picked.push(id);
  }
  return readRows(store, picked);
}

async function readRows(store: Store, ids: string[]): Promise<Row<Clip>[]> {
  const tx = store.db.transaction('clips');
  const raws: unknown[] = await Promise.all(ids.map((id) => tx.store.get(id)));
  return raws.flatMap((raw, i) => (raw === undefined ? [] : [checkRow(clipSchema, ids[i]!, raw)]));
}
