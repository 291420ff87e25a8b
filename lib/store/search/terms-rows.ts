import type { IDBPObjectStore } from 'idb';
import type { ClipTerms } from '../../model';
import { newestFirst } from './cursor';
import type { Requirement } from './requirements';

export type TermsStore = IDBPObjectStore<unknown, string[], 'clipTerms', 'readonly'>;

/** A row written before migration 004, or damaged, has no `termsAt` and matches nothing. */
const isMatch = (row: Partial<ClipTerms> | undefined, requirements: Requirement[]): row is ClipTerms =>
  Array.isArray(row?.termsAt) && requirements.every((requirement) => row.termsAt!.some(([term]) => requirement.test(term)));

/** Terms rows read per round while filtering many candidates. */
const MAX_CHUNK = 200;

const rowsOf = (terms: TermsStore, ids: string[]) => Promise.all(ids.map((id) => terms.get(id) as Promise<Partial<ClipTerms> | undefined>));

/** Which of few candidates meet every requirement, newest first, from their terms rows (which carry capturedAt). */
export async function matchesAmong(terms: TermsStore, ids: string[], requirements: Requirement[]): Promise<{ id: string; capturedAt: number }[]> {
  const rows = await rowsOf(terms, ids);
  return rows.flatMap((row) => (isMatch(row, requirements) ? [{ id: row.id, capturedAt: row.capturedAt }] : [])).sort(newestFirst);
}

/**
 * The candidates (in their order) whose terms rows meet `requirements`, reading rows a chunk at a time
 * and stopping once `enough` match. `checked` says how many candidates were decided, for the estimate.
 * With no requirement left, only whether the clip has a terms row at all (a flagged clip has none).
 */
export async function filterByRows(
  terms: TermsStore,
  ids: string[],
  requirements: Requirement[],
  enough = Infinity,
): Promise<{ ids: string[]; checked: number }> {
  const kept: string[] = [];
  let checked = 0;
  while (checked < ids.length && kept.length < enough) {
    // No more rows than still needed at the share that matched so far (plus a quarter), at most a chunk.
    const share = checked === 0 ? 1 : Math.max(kept.length / checked, 0.1);
    const size = enough === Infinity ? ids.length : Math.min(MAX_CHUNK, Math.ceil(((enough - kept.length) / share) * 1.25));
    const chunk = ids.slice(checked, checked + size);
    const rows = await rowsOf(terms, chunk);
    for (const [i, row] of rows.entries()) if (isMatch(row, requirements)) kept.push(chunk[i]!);
    checked += chunk.length;
  }
  return { ids: kept.slice(0, enough), checked };
}
