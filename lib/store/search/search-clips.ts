import { clipSchema, type Clip, type ClipTerms } from '../../model';
import { checkRow, type Row } from '../rows';
import type { Store } from '../index';
import { requirementsOf, type ClipFilters, type Requirement } from './requirements';

export type { ClipFilters } from './requirements';

export interface ClipSearch {
  /** Newest first, at most `limit`. */
  rows: Row<Clip>[];
  /** Every match, not only the rows returned. */
  total: number;
}

/** Below this many candidates, checking their terms rows beats reading another index range. */
const VERIFY_MAX = 500;
/** Below this many matches, reading and sorting them beats walking the capturedAt index. */
const SORT_MAX = 2000;

/**
 * Full-text and facet search over the `clipTerms` store (migration 002): never scans clips.
 * Requirements are read rarest first; the candidate set only shrinks from there.
 */
export async function searchClips(
  store: Store,
  query: string,
  { limit = 500, filters = {}, workspaceId }: { limit?: number; filters?: ClipFilters; workspaceId?: string } = {},
): Promise<ClipSearch> {
  const requirements = requirementsOf(query, filters);
  if (workspaceId !== undefined) {
    // One workspace: its clips' keys from the multiEntry by-workspace index (keys only, cheap),
    // narrowed by the requirements' matches.
    const inWorkspace = new Set((await store.db.getAllKeysFromIndex('clips', 'by-workspace', workspaceId)).map(String));
    const ids = requirements.length === 0 ? inWorkspace : new Set([...(await matchingIds(store, requirements))].filter((id) => inWorkspace.has(id)));
    const rows = await newestRows(store, ids, limit);
    return { rows: rows.filter((row) => row.ok), total: ids.size };
  }
  if (requirements.length === 0) {
    const [rows, total] = await Promise.all([store.clips.list({ index: 'by-capturedAt', direction: 'prev', limit }), store.clipTerms.count()]);
    return { rows: rows.filter((row) => row.ok), total };
  }
  const ids = await matchingIds(store, requirements);
  return { rows: await newestRows(store, ids, limit), total: ids.size };
}

async function matchingIds(store: Store, requirements: Requirement[]): Promise<Set<string>> {
  const index = store.db.transaction('clipTerms').store.index('by-term');
  const sum = async (requirement: Requirement) => (await Promise.all(requirement.ranges.map((range) => index.count(range)))).reduce((a, b) => a + b, 0);
  const counts = await Promise.all(requirements.map(sum));
  const ordered = requirements.map((requirement, i) => ({ requirement, count: counts[i]! })).sort((a, b) => a.count - b.count);
  if (ordered[0]!.count === 0) return new Set();
  const keysOf = async (requirement: Requirement) =>
    new Set((await Promise.all(requirement.ranges.map((range) => index.getAllKeys(range)))).flat().map(String));

  let ids = await keysOf(ordered[0]!.requirement);
  for (let i = 1; i < ordered.length && ids.size > 0; i++) {
    if (ids.size <= VERIFY_MAX) return verify(store, ids, ordered.slice(i).map((entry) => entry.requirement));
    const next = await keysOf(ordered[i]!.requirement);
    ids = new Set([...ids].filter((id) => next.has(id)));
  }
  return ids;
}

/** Checks few candidates against the remaining requirements by reading their terms rows. */
async function verify(store: Store, ids: Set<string>, rest: Requirement[]): Promise<Set<string>> {
  const tx = store.db.transaction('clipTerms');
  const rows = (await Promise.all([...ids].map((id) => tx.store.get(id)))) as (ClipTerms | undefined)[];
  return new Set(rows.flatMap((row) => (row && rest.every((requirement) => row.terms.some(requirement.test)) ? [row.id] : [])));
}

async function newestRows(store: Store, ids: Set<string>, limit: number): Promise<Row<Clip>[]> {
  let picked: string[];
  if (ids.size <= SORT_MAX) picked = [...ids];
  else {
    // Keys only, in one request: cheap even at 100,000 clips, and already in capturedAt order.
    const ordered = await store.db.getAllKeysFromIndex('clips', 'by-capturedAt');
    picked = [];
    for (let i = ordered.length - 1; i >= 0 && picked.length < limit; i--) {
      const key = String(ordered[i]);
      if (ids.has(key)) picked.push(key);
    }
  }
  const tx = store.db.transaction('clips');
  const raws: unknown[] = await Promise.all(picked.map((id) => tx.store.get(id)));
  const rows = raws.flatMap((raw, i) => (raw === undefined ? [] : [checkRow(clipSchema, picked[i]!, raw)]));
  const capturedAt = (row: Row<Clip>) => (row.ok ? row.value.capturedAt : 0);
  return rows.sort((a, b) => capturedAt(b) - capturedAt(a)).slice(0, limit);
}
