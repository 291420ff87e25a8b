import { useCallback } from 'react';
import type { Clip } from '@/lib/model';
import { facetCounts, flaggedClips, readClipTally, type Row, type Store } from '@/lib/store';
import { useLiveQuery, useStore } from './store-context';

/** Writes through the clips collection, so the search index follows in the same transaction. */
export async function archiveClips(store: Store, ids: Iterable<string>, now = Date.now()): Promise<number> {
  let archived = 0;
  for (const id of ids) {
    const clip = await store.clips.update(id, (current) =>
      current && current.status !== 'archived' ? { ...current, status: 'archived', updatedAt: now } : undefined,
    );
    if (clip) archived++;
  }
  return archived;
}

export async function saveCuration(store: Store, id: string, { tags, note }: Pick<Clip, 'tags' | 'note'>, now = Date.now()): Promise<void> {
  await store.clips.update(id, (current) => current && { ...current, tags, note, updatedAt: now });
}

/** Whether there is any clip at all, in the workspace or anywhere (one key, not a count of them all). */
export function useHasClips(workspaceId: string | undefined): boolean | undefined {
  return useLiveQuery(
    ['clips', 'settings'],
    async (store) =>
      (workspaceId === undefined ? store.db.getKey('clips', IDBKeyRange.lowerBound('')) : store.db.getKeyFromIndex('clips', 'by-workspace', workspaceId)).then(
        (key) => key !== undefined,
      ),
    [workspaceId],
  );
}

/**
 * The clips that fail their schema, read only once `isReady` (not needed for the first paint),
 * and only when the tally says some clip is flagged (finding which reads every key of two stores).
 */
export function useFlaggedClips(isReady: boolean): Row<Clip>[] {
  return useLiveQuery(['clips'], async (store) => (isReady && (await readClipTally(store)).all.flagged > 0 ? flaggedClips(store) : []), [isReady]) ?? [];
}

/** The queue's tag and site filters with their counts, from the tally kept with the clips: one small read. */
export function useClipFacets(maxChoices: number) {
  return useLiveQuery(
    ['clips'],
    async (store) => {
      const { all } = await readClipTally(store);
      return { tags: facetCounts(all, 'tag').slice(0, maxChoices), sites: facetCounts(all, 'site').slice(0, maxChoices) };
    },
    [maxChoices],
  );
}

/** Clip writes from the queue: local edits, through the clips collection (search index and tally follow). */
export function useClipWrites() {
  const store = useStore();
  return {
    archive: useCallback((ids: Iterable<string>) => archiveClips(store, ids), [store]),
    saveCuration: useCallback((id: string, curation: Pick<Clip, 'tags' | 'note'>) => saveCuration(store, id, curation), [store]),
  };
}
