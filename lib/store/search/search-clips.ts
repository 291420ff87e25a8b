import type { Clip } from '../../model';
import type { Row } from '../rows';
import type { Store } from '../index';
import { throwIfAborted, type SearchCursor } from './cursor';
import { matchingIds, probeRequirements } from './matching-ids';
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
  /** Every match when `isExact`, otherwise an estimate from the share of matches among the clips read. */
  total: number;
  isExact: boolean;
  /** Where the next page starts; null when this page holds the last match. */
  next: SearchCursor | null;
}

/** A requirement with at most this many clips is selective: its matches are read from the index. */
const SELECTIVE_MAX = 1000;

/**
 * Search over the `clipTerms` store (migration 002), a page at a time, never parsing a clip it
 * will not show. A selective query (a rare word, a narrow filter) is answered from the `by-term`
 * index, rarest requirement first, then sorted. Any other reads the newest clips until the page is
 * full (./walk-newest.ts), and its total is an estimate: the exact count comes from `countClips`,
 * which the view asks for once the page is painted. Two common words that rarely meet fill no page
 * within the walk's budget, and go to the index after all.
 */
export async function searchClips(store: Store, query: string, { limit = 500, filters = {}, workspaceId, after, signal }: SearchOptions = {}): Promise<ClipSearch> {
  const requirements = requirementsOf(query, filters);
  const probes = requirements.length === 0 ? [] : await probeRequirements(store, requirements);
  throwIfAborted(signal);
  const isSelective = probes[0]?.isComplete === true && probes[0].keys.size <= SELECTIVE_MAX;
  if (!isSelective) {
    const walked = await walkNewest(store, requirements, { workspaceId, limit, after, signal });
    if (walked) {
      const isLastPage = walked.isEnd && walked.rows.length < limit;
      const isExact = isLastPage && after === undefined;
      const last = walked.rows.at(-1);
      return {
        rows: walked.rows,
        total: isExact ? walked.rows.length : Math.max(walked.rows.length, Math.round(walked.share * (await store.clips.count()))),
        isExact,
        next: isLastPage || !last?.ok ? null : { capturedAt: last.value.capturedAt, id: last.key },
      };
    }
  }
  throwIfAborted(signal);
  const ids = await matchingIds(store, requirements, workspaceId, probes);
  const rows = await newestRows(store, ids, { limit, after, signal });
  const last = rows.at(-1);
  return { rows: rows.filter((row) => row.ok), total: ids.size, isExact: true, next: rows.length === limit && last?.ok ? { capturedAt: last.value.capturedAt, id: last.key } : null };
}

/** Every match, counted from the index (keys only). */
export async function countClips(store: Store, query: string, { filters = {}, workspaceId }: Pick<SearchOptions, 'filters' | 'workspaceId'> = {}): Promise<number> {
  return (await matchingIds(store, requirementsOf(query, filters), workspaceId)).size;
}
