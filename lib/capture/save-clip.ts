import { newId, type Clip, type ClipCapture } from '../model';
import type { Store } from '../store';

/**
 * Puts a capture in the queue. Clips of the same canonical URL merge: the newest capture
 * fills in what it knows, the user's tags, note and status stay, and the workspaces add up.
 * Selections and images of a page are their own clips (a page can hold many quotes).
 */
export async function saveClip(
  store: Store,
  capture: ClipCapture,
  { workspaceId, now }: { workspaceId: string | null; now: () => number },
): Promise<{ clip: Clip; merged: boolean }> {
  const at = now();
  const workspaceIds = workspaceId ? [workspaceId] : [];
  const mergeable = capture.kind === 'article' || capture.kind === 'link' || capture.kind === 'social-post';
  if (mergeable) {
    const same = (await store.clips.list({ index: 'by-url', query: capture.url })).find(
      (row) => row.ok && (row.value.kind === 'article' || row.value.kind === 'link' || row.value.kind === 'social-post'),
    );
    if (same?.ok) {
      const clip = await store.clips.update(same.key, (current) =>
        current && {
          ...current,
          ...capture,
          // A richer earlier capture is not thrown away by a plain link capture of the same URL.
          kind: capture.kind === 'link' ? current.kind : capture.kind,
          html: capture.html || current.html,
          text: capture.text || current.text,
          credits: mergeCredits(current.credits, capture.credits),
          workspaceIds: [...new Set([...current.workspaceIds, ...workspaceIds])],
          status: current.status === 'archived' ? 'new' : current.status,
          updatedAt: at,
        },
      );
      if (clip) return { clip, merged: true };
    }
  }
  const clip = await store.clips.put({
    ...capture,
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

function mergeCredits(a: Clip['credits'], b: Clip['credits']): Clip['credits'] {
  const seen = new Map(a.map((credit) => [`${credit.network}:${credit.handle.toLowerCase()}`, credit]));
  for (const credit of b) seen.set(`${credit.network}:${credit.handle.toLowerCase()}`, credit);
  return [...seen.values()];
}
