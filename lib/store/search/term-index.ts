import type { IDBPIndex } from 'idb';

/**
 * The `by-term-capturedAt` index of `clipTerms` (migration 004): one entry per term of a clip, keyed
 * [term, capturedAt], then by the clip id as IndexedDB orders equal keys. One term's entries are its
 * clips oldest → newest, in the order of the clips' `by-capturedAt` index, so the clips of any time
 * span are one key range per term, read as keys only.
 *
 * Key order (IndexedDB 3.0, "compare two keys"): numbers < strings < arrays, and a shorter array
 * sorts before a longer one it prefixes; so [term] comes before every [term, n] and [term, []] after.
 */
export const TERM_INDEX = 'by-term-capturedAt';

export type TermIndex = IDBPIndex<unknown, string[], 'clipTerms', string, 'readonly'>;

/** Every entry of one term. */
export const allOf = (term: string) => IDBKeyRange.bound([term], [term, []]);

/** Every entry of every term starting with `prefix`. */
export const prefixOf = (prefix: string) => IDBKeyRange.bound([prefix], [`${prefix}\uffff`]);

/** The entries of one term captured in [from, to], either end open when asked. */
export const spanOf = (term: string, { from, to, isToOpen }: Span) => IDBKeyRange.bound([term, from], [term, to], false, isToOpen);

/** A span of capturedAt: `from` included; `to` included unless `isToOpen` (where an earlier span began). */
export interface Span {
  from: number;
  to: number;
  isToOpen: boolean;
  /** About how many clips it holds: as many as asked for, more on ties, fewer at the oldest clip. */
  clips: number;
}

/**
 * The distinct terms starting with `prefix`, in order, at most `max`: one cursor step per term, each
 * jumping past the entries of the term before (the `nextunique` of a plain term index).
 */
export async function termsStartingWith(index: TermIndex, prefix: string, max: number): Promise<string[]> {
  const terms: string[] = [];
  let cursor = await index.openKeyCursor(prefixOf(prefix));
  while (cursor && terms.length < max) {
    const term = (cursor.key as [string, number])[0];
    terms.push(term);
    cursor = await cursor.continue([term, []]);
  }
  return terms;
}
