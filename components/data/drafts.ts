import { useMemo } from 'react';
import { deleteDraft, listDrafts, restoreDraft, type RemovedDraft } from '@/lib/compose/drafts';
import { experimentArms, unqueuedArm } from '@/lib/compose/experiment';
import type { Account, Clip, Post } from '@/lib/model';
import { nextQueueSlot } from '@/lib/schedule/next-queue-slot';
import { isRecordedMedia } from '@/lib/schedule/sent-media';
import { addToQueue, savePost, saveDraft, scheduleAt } from '@/lib/schedule/queue-post';
import { useScheduleWrite } from './schedule';
import { useLiveQuery, useStore } from './store-context';

/** The workspace's drafts, live, read only while `isShown` (every autosave is a posts write). */
export function useDrafts(workspaceId: string, isShown: boolean) {
  return useLiveQuery(['posts', 'deliveries'], async (store) => (isShown ? listDrafts(store, workspaceId) : null), [workspaceId, isShown]);
}

/** The arms of an A/B test, live; [] when the post is in none. */
export function useExperimentArms(workspaceId: string, experimentId: string | null) {
  return useLiveQuery(['posts'], async (store) => (experimentId ? experimentArms(store, workspaceId, experimentId) : []), [workspaceId, experimentId]);
}

/** The time "Add to queue" would give a post on these accounts now, live; null when none has a free slot. */
export function useNextQueueSlot(accounts: readonly Account[], timeZone: string) {
  return useLiveQuery(['deliveries', 'accounts'], (store) => nextQueueSlot(store, accounts, timeZone, Date.now()), [accounts, timeZone]);
}

/** Who a post goes to, and when: the ids of a post and of its accounts, at a moment. */
export interface Targets {
  postId: string;
  accountIds: string[];
  now: number;
}

/**
 * The composer's reads and local writes. A draft is a local edit; placing it in the queue changes
 * what the background must act on, so those go through useScheduleWrite (one schedule.changed).
 */
export function useDraftStore() {
  const store = useStore();
  const scheduleWrite = useScheduleWrite();
  return useMemo(
    () => ({
      clip: async (clipId: string): Promise<Clip | null> => {
        const row = await store.clips.get(clipId);
        return row?.ok ? row.value : null;
      },
      post: async (postId: string): Promise<Post | null> => {
        const row = await store.posts.get(postId);
        return row?.ok ? row.value : null;
      },
      save: (post: Post) => savePost(store, post),
      experimentArms: (workspaceId: string, experimentId: string) => experimentArms(store, workspaceId, experimentId),
      /** The next arm of the post's A/B test that is not queued yet, if any. */
      unqueuedArm: (post: Post) => unqueuedArm(store, post),
      /** Whether a published round recorded this image as sent (then its blob is the record's). */
      isRecordedMedia: (postId: string, src: string) => isRecordedMedia(store, postId, src),
      deleteDraft: (postId: string) => deleteDraft(store, postId),
      restoreDraft: (removed: RemovedDraft) => restoreDraft(store, removed),
      /** Keeps the post as a draft for these accounts (draft deliveries only): a local edit. */
      saveDraft: (targets: Targets) => saveDraft(store, targets),
      addToQueue: (targets: Targets) => scheduleWrite((s) => addToQueue(s, targets)),
      scheduleAt: (targets: Targets & { at: number }) => scheduleWrite((s) => scheduleAt(s, targets)),
    }),
    [store, scheduleWrite],
  );
}
