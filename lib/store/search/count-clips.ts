import type { Store } from '../store';
import { throwIfAborted } from './cursor';
import { needsRows, planSearch, soleRareTerm } from './plan';
import { requirementsOf, type ClipFilters } from './requirements';
import { idsInSpan, joinSpan, spanBelow } from './spans';
import { TERM_INDEX } from './term-index';
import { filterByRows, matchesAmong } from './terms-rows';

/**
 * Clips per span while counting: each span is a handful of requests of at most a few thousand keys
 * (~10 ms in Chromium), each in its own transaction, so a newer search or a write never waits long
 * behind a count, and an abandoned count stops at the next span.
 */
const COUNT_SPAN = 1000;

/** Every match, counted from index keys span by span, newest first; rejects once `signal` aborts. */
export async function countClips(
  store: Store,
  query: string,
  { filters = {}, workspaceId, signal }: { filters?: ClipFilters; workspaceId?: string; signal?: AbortSignal } = {},
): Promise<number> {
  const requirements = requirementsOf(query, filters, workspaceId);
  const first = store.db.transaction('clipTerms').store;
  const plan = await planSearch(first.index(TERM_INDEX), requirements);
  if (plan.isEmpty) return 0;
  if (plan.rare) return soleRareTerm(plan) === null ? (await matchesAmong(first, plan.rare.ids, requirements)).length : plan.rare.ids.length;
  // No requirement at all: every clip with a terms row (a flagged clip has none).
  if (requirements.length === 0) return store.db.count('clipTerms');
  let count = 0;
  let to = Infinity;
  let isToOpen = false;
  for (;;) {
    throwIfAborted(signal);
    const tx = store.db.transaction(['clips', 'clipTerms']);
    const byCapturedAt = tx.objectStore('clips').index('by-capturedAt');
    const span = await spanBelow(byCapturedAt, to, isToOpen, COUNT_SPAN);
    if (!span) return count;
    const terms = tx.objectStore('clipTerms');
    const byTerm = terms.index(TERM_INDEX);
    const ids = plan.streams.length > 0 ? await idsInSpan(byTerm, plan.streams, span) : (await joinSpan(byCapturedAt, byTerm, [], span)).ids;
    count += needsRows(plan) ? (await filterByRows(terms, ids, plan.wide)).ids.length : ids.length;
    if (span.from === -Infinity) return count;
    to = span.from;
    isToOpen = true;
  }
}
