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
  return { from: oldest ? (oldest.key as number) : -Infinity, to, isToOpen, clips: size };
}

/**
 * The clips of a span that every stream has, newest first (ties by descending id, as the
 * by-capturedAt index is walked backwards), and about how many clips the span holds. Keys only,
 * one range per term. A term's range lists its clips in that same order, so the capturedAt index
 * is read for the order only when no stream is a single term ("new or used", a wide prefix).
 */
export async function joinSpan(byCapturedAt: CapturedAtIndex, byTerm: TermIndex, streams: Stream[], span: Span): Promise<{ ids: string[]; clips: number }> {
  const ordering = streams.findIndex((stream) => stream.terms.length === 1);
  const [inSpan, perStream] = await Promise.all([
    ordering === -1 ? byCapturedAt.getAllKeys(IDBKeyRange.bound(span.from, span.to, false, span.isToOpen)) : null,
    Promise.all(streams.map((stream) => Promise.all(stream.terms.map((term) => byTerm.getAllKeys(spanOf(term, span)))))),
  ]);
  const order = inSpan ?? perStream[ordering]![0]!;
  // Smallest first, so most clips fail their first test.
  const sets = perStream.map((lists) => new Set(lists.flat().map(String))).sort((a, b) => a.size - b.size);
  const ids: string[] = [];
  for (let i = order.length - 1; i >= 0; i--) {
    const id = String(order[i]);
    if (sets.every((set) => set.has(id))) ids.push(id);
  }
  return { ids, clips: inSpan?.length ?? span.clips };
}

/** The clips of a span that every stream (at least one) has, in no order: no read of the capturedAt index. */
export async function idsInSpan(byTerm: TermIndex, streams: Stream[], span: Span): Promise<string[]> {
  const perStream = await Promise.all(streams.map((stream) => Promise.all(stream.terms.map((term) => byTerm.getAllKeys(spanOf(term, span))))));
  const sets = perStream.map((lists) => new Set(lists.flat().map(String))).sort((a, b) => a.size - b.size);
  return [...sets[0]!].filter((id) => sets.every((set) => set.has(id)));
}
