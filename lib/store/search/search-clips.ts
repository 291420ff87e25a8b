import type { Clip } from '../../model';
import type { Row } from '../rows';
import type { Store } from '../index';
import { throwIfAborted, type SearchCursor } from './cursor';
import { matchingIds, probeRequirements, verify } from './matching-ids';
import { newestRows } from './newest-rows';
import { requirementsOf, type ClipFilters } from './requirements';
import { walkNewest } from './walk-newest';

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
  /** Every match, when known without further reads; null when the newest clips were read instead (see `share`). */
  total: number | null;
  /** When `total` is null: matches per clip read. Times the clip count, it estimates the total. */
  share: number;
  /** Where the next page starts; null when this page holds the last match. */
  next: SearchCursor | null;
}

/** A requirement with at most this many clips is selective: its matches are read from the index. */
const SELECTIVE_MAX = 300;

/**
 * Search over the `clipTerms` store (migration 002), a page at a time, never parsing a clip it
 * will not show. A selective query (a rare word, a narrow filter) is answered from the `by-term`
 * index and sorted. Any other reads the newest clips until the page is full (./walk-newest.ts);
 * its total is left to `countClips`, which the view asks for once the page is painted. Two common
 * words that rarely meet fill no page within the walk's budget, and go to the index after all.
 */
export async function searchClips(store: Store, query: string, { limit = 500, filters = {}, workspaceId, after, signal }: SearchOptions = {}): Promise<ClipSearch> {
  const requirements = requirementsOf(query, filters);
  const probes = await probeRequirements(store, requirements.filter((requirement) => requirement.kind !== 'status'), SELECTIVE_MAX);
  throwIfAborted(signal);
  const rare = probes[0]?.isComplete ? probes[0] : undefined;
  if (rare) {
    const rest = requirements.filter((requirement) => requirement !== rare.requirement);
    const ids = rest.length === 0 ? rare.keys : await verify(store, rare.keys, rest);
    const { rows, total } = await newestRows(store, ids, { limit, after, signal, workspaceId });
    return page(rows, limit, total, 0);
  }
  const walked = await walkNewest(store, requirements, { workspaceId, limit, after, signal });
  if (walked) return page(walked.rows, limit, walked.isEnd && after === undefined && walked.rows.length < limit ? walked.rows.length : null, walked.share);
  throwIfAborted(signal);
  const ids = await matchingIds(store, requirements, workspaceId);
  return page((await newestRows(store, ids, { limit, after, signal })).rows, limit, ids.size, 0);
}

function page(rows: Row<Clip>[], limit: number, total: number | null, share: number): ClipSearch {
  const last = rows.at(-1);
  return { rows: rows.filter((row) => row.ok), total, share, next: rows.length === limit && last?.ok ? { capturedAt: last.value.capturedAt, id: last.key } : null };
}

/** Every match, counted from the index (keys only). */
export async function countClips(store: Store, query: string, { filters = {}, workspaceId }: Pick<SearchOptions, 'filters' | 'workspaceId'> = {}): Promise<number> {
  return (await matchingIds(store, requirementsOf(query, filters), workspaceId)).size;
}
