import { newId, type Clip, type ClipCapture } from '../model';
import type { Store } from '../store';
import { mergeCapture, withPageFacts } from './merge-clip';

const isPageKind = (kind: Clip['kind']) => kind === 'article' || kind === 'link' || kind === 'social-post' || kind === 'feed-item';

/**
 * Puts a capture in the queue. Captures of a page (article, link, social post) of the same
 * canonical URL merge into one clip by the rules of ./merge-clip.ts: a poorer capture never
 * overwrites, it adds what it brings. Selections and images of a page are their own clips (a
 * page can hold many quotes): the same quote again merges into its clip, and a new one takes
 * the author, site and language the page's clip knows when its own capture did not read them.
 */
export async function saveClip(
  store: Store,
  capture: ClipCapture,
  { workspaceId, now }: { workspaceId: string | null; now: () => number },
): Promise<{ clip: Clip; merged: boolean }> {
  const at = now();
  const workspaceIds = workspaceId ? [workspaceId] : [];
  const sameUrl = (await store.clips.list({ index: 'by-url', query: capture.url })).flatMap((row) => (row.ok ? [row] : []));
  const page = sameUrl.find((row) => isPageKind(row.value.kind));
  const same = isPageKind(capture.kind) ? page : sameUrl.find((row) => isSameQuoteOrImage(row.value, capture));
  if (same) {
    const clip = await store.clips.update(same.key, (current) => current && mergeCapture(current, capture, { workspaceIds, at }));
    if (clip) return { clip, merged: true };
  }
  const filled = page && !isPageKind(capture.kind) ? withPageFacts(capture, page.value) : capture;
  const clip = await store.clips.put({
    ...filled,
    v: 1,
    id: newId('clip'),
    workspaceIds,
    tags: [],
    note: '',
    status: 'new',
    capturedAt: at,
    updatedAt: at,
  });
  return { clip, merged: false };
}

function isSameQuoteOrImage(clip: Clip, capture: ClipCapture): boolean {
  if (clip.kind !== capture.kind) return false;
  if (capture.kind === 'selection') return clip.quote !== null && clip.quote.text === capture.quote?.text;
  return capture.kind === 'image' && clip.image !== null && clip.image.src === capture.image?.src;
}
