/**
 * Which post the Compose view edits, kept in the side panel's own localStorage so a draft
 * survives the panel closing (it holds an id, never a secret). Other views open a post or a
 * clip in Compose through `openInCompose`.
 */
const DRAFT_KEY = 'cadence.compose.postId';
const CLIP_KEY = 'cadence.compose.clipId';

export function readDraftId(): string | null {
  return localStorage.getItem(DRAFT_KEY);
}

export function writeDraftId(postId: string | null): void {
  if (postId === null) localStorage.removeItem(DRAFT_KEY);
  else localStorage.setItem(DRAFT_KEY, postId);
}

/** A clip another view asked Compose to start from; read once. */
export function takePendingClipId(): string | null {
  const clipId = localStorage.getItem(CLIP_KEY);
  localStorage.removeItem(CLIP_KEY);
  return clipId;
}

/**
 * Switches to Compose on `target`. The shell owns which view shows and offers no navigation
 * hook to views yet, so this selects the Compose tab the way a user would.
 */
export function openInCompose(target: { postId: string } | { clipId: string }): void {
  if ('postId' in target) writeDraftId(target.postId);
  else localStorage.setItem(CLIP_KEY, target.clipId);
  document.getElementById('tab-compose')?.click();
}
