import { useCallback } from 'react';
import { newId } from '@/lib/model';
import { useViewSwitch } from '../shell/view-switch';

/**
 * Which post the Compose view edits, kept in the side panel's own localStorage so a draft
 * survives the panel closing (it holds an id, never a secret). Other views open a post or a
 * clip in Compose through `useOpenInCompose`.
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

/**
 * A clip another view asked Compose to start from, with the id of the post to make from it. The
 * id is chosen when asked, so however often the Compose view mounts before it saves, it builds
 * and saves the same post; the request is cleared only once that post is stored.
 */
export interface PendingClip {
  clipId: string;
  postId: string;
}

export function peekPendingClip(): PendingClip | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(CLIP_KEY) ?? 'null');
    const pending = value as Partial<PendingClip> | null;
    return typeof pending?.clipId === 'string' && typeof pending.postId === 'string' ? { clipId: pending.clipId, postId: pending.postId } : null;
  } catch {
    return null; // a damaged request is dropped below by clearPendingClip
  }
}

export function clearPendingClip(): void {
  localStorage.removeItem(CLIP_KEY);
}

/**
 * Opens a post or a clip in Compose: remembers the target where the Compose view reads it, then
 * switches views through the shell's ViewSwitchContext (the one navigation mechanism of the panel).
 */
export function useOpenInCompose(): (target: { postId: string } | { clipId: string }) => void {
  const switchView = useViewSwitch();
  return useCallback(
    (target) => {
      if ('postId' in target) writeDraftId(target.postId);
      else localStorage.setItem(CLIP_KEY, JSON.stringify({ clipId: target.clipId, postId: newId('post') } satisfies PendingClip));
      switchView?.('compose');
    },
    [switchView],
  );
}
