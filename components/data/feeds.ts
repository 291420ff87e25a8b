import { useCallback } from 'react';
import type { Feed } from '@/lib/model';
import type { Row } from './rows';
import { useLiveQuery, useStore } from './store-context';

/** The feeds a workspace follows, live, oldest first; a damaged row comes as flagged, never hidden. */
export function useFeeds(workspaceId: string | null): Row<Feed>[] | undefined {
  return useLiveQuery(
    ['feeds'],
    async (store) =>
      workspaceId
        ? (await store.feeds.list({ index: 'by-workspace', query: workspaceId })).sort((a, b) => (a.ok && b.ok ? a.value.createdAt - b.value.createdAt : 0))
        : [],
    [workspaceId],
  );
}

/** Unfollowing is a local edit: the clips the feed brought stay in the queue; the next feeds alarm finds one feed fewer. */
export function useFeedWrites() {
  const store = useStore();
  return { remove: useCallback((feedId: string) => store.feeds.delete(feedId), [store]) };
}
