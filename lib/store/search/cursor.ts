/** Where a page ended: the next one starts with the clip captured just before it. */
export interface SearchCursor {
  capturedAt: number;
  id: string;
}

/**
 * Whether a clip was on an earlier page. Going `prev` over by-capturedAt, clips of the same
 * capturedAt come in descending id order, so those with an id at or above the cursor's were shown.
 */
export const isShown = (after: SearchCursor | undefined, capturedAt: number, id: string) =>
  !!after && (capturedAt > after.capturedAt || (capturedAt === after.capturedAt && id >= after.id));

/** Newest first, ties by descending id: the order the by-capturedAt index is walked in. */
export const newestFirst = (a: { capturedAt: number; id: string }, b: { capturedAt: number; id: string }) =>
  b.capturedAt - a.capturedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Stops a search whose results nobody waits for any more (a newer keystroke). */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('The search was replaced by a newer one', 'AbortError');
}
