import type { IDBPIndex } from 'idb';
import type { Stream } from './plan';
import { spanOf, type Span, type TermIndex } from './term-index';

export type CapturedAtIndex = IDBPIndex<unknown, string[], 'clips', 'by-capturedAt', 'readonly'>;

/**
 * The span holding the `size` newest clips up to `to` (fewer at the end of the store: it then
 * reaches back to the beginning of time). Found with one cursor jump, reading no keys. Null when
 * no clip is left. Clips captured in the same millisecond as the span's start all fall in it.
 */
export async function spanBelow(byCapturedAt: CapturedAtIndex, to: number, isToOpen: boolean, size: number): Promise<Span | null> {
  const newest = await byCapturedAt.openKeyCursor(IDBKeyRange.upperBound(to, isToOpen), 'prev');
  if (!newest) return null;
  const oldest = size > 1 ? await newest.advance(size - 1) : newest;
  return { from: oldest ? (oldest.key as number) : -Infinity, to, isToOpen };
}

/**
 * The clips of a span that every stream has, newest first (ties by descending id, as the
 * by-capturedAt index is walked backwards), and how many clips the span holds. Keys only: one
 * range of the capturedAt index for the order, one range per term for membership.
 */
export async function joinSpan(byCapturedAt: CapturedAtIndex, byTerm: TermIndex, streams: Stream[], span: Span): Promise<{ ids: string[]; clips: number }> {
  const [inSpan, ...perStream] = await Promise.all([
    byCapturedAt.getAllKeys(IDBKeyRange.bound(span.from, span.to, false, span.isToOpen)),
    ...streams.map((stream) => Promise.all(stream.terms.map((term) => byTerm.getAllKeys(spanOf(term, span))))),
  ]);
  // Smallest first, so most clips fail their first test.
  const sets = perStream.map((lists) => new Set(lists.flat().map(String))).sort((a, b) => a.size - b.size);
  const ids: string[] = [];
  for (let i = inSpan.length - 1; i >= 0; i--) {
    const id = String(inSpan[i]);
    if (sets.every((set) => set.has(id))) ids.push(id);
  }
  return { ids, clips: inSpan.length };
}

/** The clips of a span that every stream (at least one) has, in no order: no read of the capturedAt index. */
export async function idsInSpan(byTerm: TermIndex, streams: Stream[], span: Span): Promise<string[]> {
  const perStream = await Promise.all(streams.map((stream) => Promise.all(stream.terms.map((term) => byTerm.getAllKeys(spanOf(term, span))))));
  const sets = perStream.map((lists) => new Set(lists.flat().map(String))).sort((a, b) => a.size - b.size);
  return [...sets[0]!].filter((id) => sets.every((set) => set.has(id)));
}
