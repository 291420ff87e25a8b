import { useCallback } from 'react';
import type { Account, Stream, StreamResult } from '@/lib/model';
import { validRows } from '@/lib/store';
import { useLiveQuery, useStore } from './store-context';

const ofStream = (streamId: string) => IDBKeyRange.bound([streamId, 0], [streamId, Number.MAX_SAFE_INTEGER]);

/** The workspace's listening streams and the accounts that can search (API accounts), live. */
export function useStreams(workspaceId: string | null): { streams: Stream[]; accounts: Account[] } {
  const streams =
    useLiveQuery(['streams'], async (store) => (workspaceId ? validRows(await store.streams.list({ index: 'by-workspace', query: workspaceId })) : []), [
      workspaceId,
    ]) ?? [];
  const accounts = (useLiveQuery(['accounts'], async (store) => validRows(await store.accounts.list()), []) ?? []).filter(
    (account) => account.workspaceId === workspaceId && account.publishMode === 'api',
  );
  return { streams, accounts };
}

/** What a stream found, newest first (the latest 200). */
export function useStreamResults(streamId: string | undefined): StreamResult[] {
  return (
    useLiveQuery(
      ['streamResults'],
      async (store) =>
        streamId ? validRows(await store.streamResults.list({ index: 'by-stream-createdAt', query: ofStream(streamId), direction: 'prev', limit: 200 })) : [],
      [streamId],
    ) ?? []
  );
}

/** Local edits of listening: the poller reads streams at its next run, so the background needs no word. */
export function useStreamWrites() {
  const store = useStore();
  return {
    save: useCallback((stream: Stream) => store.streams.put(stream), [store]),
    /** A stream and everything it found. */
    remove: useCallback(
      async (streamId: string) => {
        const found = await store.streamResults.list({ index: 'by-stream-createdAt', query: ofStream(streamId) });
        for (const row of found) await store.streamResults.delete(row.key);
        await store.streams.delete(streamId);
      },
      [store],
    ),
    /** Points a result at the clip made of it. */
    markClipped: useCallback(
      (resultId: string, clipId: string) => store.streamResults.update(resultId, (current) => current && { ...current, clipId }),
      [store],
    ),
  };
}
