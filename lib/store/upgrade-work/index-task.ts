import { clipSchema } from '../../model';
import { clipTermsOf, facetTerm } from '../search/terms';
import type { WriteTransaction } from '../transaction';
import { OLD_TERMS } from './work-state';

/**
 * One batch of the clip search index, after the version change (steps 2 and 4, issue 20): the
 * clips after `after` in key order, up to `size`, and the terms rows of the same key range.
 * - a terms row already in today's shape (`termsAt`) is kept: the clips collection wrote it;
 * - a row of versions 2–3 (`terms`, in OLD_TERMS since step 4, or still in `clipTerms`) is paired with the clip's capturedAt and gains its workspace
 *   terms, without segmenting the text again (what step 4 did);
 * - a valid clip without a row is indexed from scratch (what step 2 did);
 * - a clip that fails its schema gets no row and is left untouched (the queue shows it flagged);
 * - a terms row without a clip is removed (an old one is not carried over): it is derived and has no source left.
 * Returns the last clip id handled, and how many clips; null when none is left after `after`.
 */
export async function indexClipsBatch(tx: WriteTransaction, after: string | null, size: number): Promise<{ last: string; clips: number } | null> {
  const range = after === null ? undefined : IDBKeyRange.lowerBound(after, true);
  const clipRows = (await tx.objectStore('clips').getAll(range, size)) as Record<string, unknown>[];
  const isLast = clipRows.length < size;
  const lastId = clipRows.length === 0 ? null : String(clipRows.at(-1)!.id);
  // The terms rows of the same ids; the last batch also takes every row past the last clip.
  const termsRange = lastId === null || isLast ? range : after === null ? IDBKeyRange.upperBound(lastId) : IDBKeyRange.bound(after, lastId, true, false);
  const terms = tx.objectStore('clipTerms');
  const rowsOf = async (store: string) =>
    new Map(((await tx.objectStore(store as 'clipTerms').getAll(termsRange)) as Record<string, unknown>[]).map((row) => [String(row.id), row]));
  const hasOld = (tx.objectStoreNames as unknown as DOMStringList).contains(OLD_TERMS);
  // Rows of versions 2–3 are read from where step 4 set them aside, and left there (the backup copies them).
  const [termRows, oldRows] = await Promise.all([rowsOf('clipTerms'), hasOld ? rowsOf(OLD_TERMS) : new Map<string, Record<string, unknown>>()]);
  for (const raw of clipRows) {
    const id = String(raw.id);
    const current = termRows.get(id);
    termRows.delete(id);
    if (current && Array.isArray(current.termsAt)) continue;
    const row = current ?? oldRows.get(id);
    const clip = clipSchema.safeParse(raw);
    if (!clip.success) {
      if (current) void terms.delete(id);
      continue;
    }
    void terms.put(isOldTerms(row) ? convert(row.terms, clip.data) : clipTermsOf(clip.data));
  }
  for (const orphan of termRows.keys()) void terms.delete(orphan);
  return lastId === null ? null : { last: lastId, clips: clipRows.length };
}

const isOldTerms = (row: Record<string, unknown> | undefined): row is { terms: string[] } =>
  !!row && Array.isArray(row.terms) && row.terms.every((term) => typeof term === 'string');

/** A version 2–3 terms row in today's shape: as clipTermsOf, a clip filed in no workspace gets the empty workspace term. */
function convert(old: string[], clip: { id: string; capturedAt: number; workspaceIds: string[] }) {
  const filed = clip.workspaceIds.length > 0 ? clip.workspaceIds : [''];
  const all = new Set([...old, ...filed.map((id) => facetTerm('workspace', id))]);
  return { id: clip.id, capturedAt: clip.capturedAt, termsAt: [...all].map((term) => [term, clip.capturedAt]) };
}

/**
 * One batch of emptying OLD_TERMS, once the index is built and the backup holds its rows
 * (./run-upgrade-work.ts): the rows after `after`, up to `size`, deleted. The empty store stays
 * until a later version change drops it (deleting it with its rows took ~2 s per 20,000).
 */
export async function clearOldTermsBatch(tx: WriteTransaction, after: string | null, size: number): Promise<{ last: string; clips: number } | null> {
  const old = tx.objectStore(OLD_TERMS as 'clipTerms');
  const keys = await old.getAllKeys(after === null ? undefined : IDBKeyRange.lowerBound(after, true), size);
  if (keys.length === 0) return null;
  const last = keys.at(-1)!;
  void old.delete(after === null ? IDBKeyRange.upperBound(last) : IDBKeyRange.bound(after, last, true, false));
  return { last: String(last), clips: keys.length };
}
