import type { Store } from '../store';
import type { ClipFilters } from '../search/requirements';
import { wordsOf } from '../../text/words';
import { countOf } from './clip-tally';
import { readClipTally } from './read-clip-tally';

/**
 * How many clips match, read from the tally when it can tell: no query words and no tag or site
 * filter (the queue as it opens, or filtered by status and kind). Null otherwise: the index counts.
 */
export async function tallyCount(
  store: Store,
  query: string,
  { filters = {}, workspaceId }: { filters?: ClipFilters; workspaceId?: string } = {},
): Promise<number | null> {
  if (wordsOf(query).length > 0 || filters.tag || filters.site) return null;
  const { shown, isPartial } = await readClipTally(store, workspaceId);
  // Counted so far only, while an upgrade builds the tally: the caller estimates instead.
  return isPartial ? null : countOf(shown, filters);
}
