import { useCallback } from 'react';
import type { Clip } from '@/lib/model';
import { facetCounts, flaggedClips, readClipTally, type Row, type Store } from '@/lib/store';
import { useLiveQuery, useStore } from './store-context';

/* Clip writes go through the clips collection, so the search index and tally follow in the same transaction. */

/** Archives the clips and gives back the status each had, for the Undo of its toast (issue 24). */
export async function archiveClipsForUndo(store: Store, ids: Iterable<string>, now = Date.now()): Promise<{ id: string; status: Clip['status'] }[]> {
  const before: { id: string; status: Clip['status'] }[] = [];
  for (const id of ids) {
    await store.clips.update(id, (current) => {
      if (!current || current.status === 'archived') return undefined;
      before.push({ id, status: current.status });
      return { ...current, status: 'archived', updatedAt: now };
    });
  }
  return before;
}

/** Undo of the above: each clip still archived gets back the status it had. */
export async function unarchiveClips(store: Store, before: readonly { id: string; status: Clip['status'] }[], now = Date.now()): Promise<number> {
  let restored = 0;
  for (const { id, status } of before) {
    const clip = await store.clips.update(id, (current) => (current?.status === 'archived' ? { ...current, status, updatedAt: now } : undefined));
    if (clip) restored++;
  }
  return restored;
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
    archive: useCallback((ids: Iterable<string>) => archiveClipsForUndo(store, ids), [store]),
    unarchive: useCallback((before: readonly { id: string; status: Clip['status'] }[]) => unarchiveClips(store, before), [store]),
    saveCuration: useCallback((id: string, curation: Pick<Clip, 'tags' | 'note'>) => saveCuration(store, id, curation), [store]),
  };
}
