import { useCallback, useEffect, useRef, useState } from 'react';
import type { Clip } from '@/lib/model';
import { countClips, readClipTally, searchClips, tallyCount, validRows, type ClipFilters, type SearchCursor } from '@/lib/store';
import { useStore } from './store-context';
import { onUpgradeWorkFinished } from './upgrade-work';

/** Enough rows to fill the panel; the rest load as the list scrolls. */
export const FIRST_PAGE = 40;
export const NEXT_PAGE = 200;
/** The estimate and the exact count wait until typing pauses, and the page is painted. */
const COUNT_AFTER_MS = 150;

/** Null instead of the rejection a newer search causes by aborting `signal`: nothing to report then. */
async function unlessReplaced<T>(work: Promise<T>, signal: AbortSignal): Promise<T | null> {
  return work.catch((error: unknown) => {
    if (signal.aborted) return null;
    throw error;
  });
}

export interface ClipPages {
  /** The query these rows answer (the view marks it, so a test or benchmark can tell old results from new). */
  query: string;
  clips: Clip[];
  /** Every match; `isExact` false while it is an estimate; null while not even estimated. */
  total: number | null;
  isExact: boolean;
  /** While an upgrade still builds the search index: clips indexed so far, of `total` (lib/store/upgrade-work). */
  indexing: { done: number; total: number | null } | null;
  hasMore: boolean;
  loadMore(): void;
}

/**
 * The queue's matches, newest first, a page at a time: the first page is painted as soon as it is
 * read (never waiting for the count), the exact count follows, and scrolling appends pages from
 * where the last one ended, so every match can be reached. A write anywhere (change feed) reads
 * again as many rows as are shown, so edits, archives and new clips appear in place.
 */
export function useClipPages(query: string, filters: ClipFilters, workspaceId: string | undefined, key: string): ClipPages | undefined {
  const store = useStore();
  const [pages, setPages] = useState<Omit<ClipPages, 'loadMore'> & { next: SearchCursor | null; key: string }>();
  // The search under way; a newer one aborts it, so stale keystrokes stop reading.
  const current = useRef<AbortController | null>(null);
  const loading = useRef(false);
  const shown = useRef(0);
  shown.current = pages?.key === key ? pages.clips.length : 0;

  useEffect(() => {
    const read = async (isRefresh: boolean) => {
      current.current?.abort();
      const controller = new AbortController();
      current.current = controller;
      const { signal } = controller;
      const limit = isRefresh ? Math.max(FIRST_PAGE, shown.current) : FIRST_PAGE;
      const page = await unlessReplaced(searchClips(store, query, { limit, filters, workspaceId, signal }), signal);
      if (!page || signal.aborted) return;
      setPages((last) => {
        // A refresh keeps the count it had until the new one arrives, rather than flickering.
        const kept = page.total === null && isRefresh && last?.key === key ? last : null;
        const isExact = page.total !== null || !!kept?.isExact;
        return {
          key,
          query,
          clips: validRows(page.rows),
          next: page.next,
          hasMore: page.next !== null,
          total: page.total ?? kept?.total ?? null,
          isExact,
          indexing: page.indexing ?? null,
        };
      });
      if (page.total !== null) return;
      const settle = (total: number, isExact: boolean) => {
        // After a write the count kept from before is exact but old: an exact new one replaces it.
        if (!signal.aborted) setPages((last) => (last?.key === key && (!last.isExact || (isRefresh && isExact)) ? { ...last, total, isExact } : last));
      };
      // The counts kept with the clips (lib/store/tally) answer the queue as it opens, without a wait.
      const tallied = await tallyCount(store, query, { filters, workspaceId });
      if (tallied !== null) return settle(tallied, true);
      await new Promise((done) => setTimeout(done, COUNT_AFTER_MS));
      if (signal.aborted) return;
      // First an estimate from the share of matches among the clips read and the tally's clip count
      // (one small row; the store's own count walks every row and cannot be aborted)…
      settle(Math.round(page.share * (await readClipTally(store)).all.clips), false);
      // An index still being built would count only the clips it has reached: the estimate stays.
      if (page.indexing) return;
      // …then the exact count, span by span: a newer search aborts it between spans, so it never
      // holds the next keystroke's reads back for long.
      const total = await unlessReplaced(countClips(store, query, { filters, workspaceId, signal }), signal);
      if (total !== null) settle(total, true);
    };
    const run = (isRefresh: boolean) => void read(isRefresh).catch((error: unknown) => console.error('Cadence: the queue could not read its clips', error));
    run(false);
    const unsubscribe = store.feed.subscribe((change) => {
      if (change.store === 'clips') run(true);
    });
    // The search index an upgrade was building is complete: read again through it.
    const stopListening = onUpgradeWorkFinished(store.db.name, () => run(true));
    return () => {
      current.current?.abort();
      unsubscribe();
      stopListening();
    };
    // `key` stands for query, filters and workspace together.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, key]);

  const loadMore = useCallback(() => {
    if (!pages?.next || pages.key !== key || loading.current || !current.current) return;
    loading.current = true;
    const { signal } = current.current;
    searchClips(store, query, { limit: NEXT_PAGE, filters, workspaceId, after: pages.next, signal })
      .then((page) => {
        if (!signal.aborted)
          setPages((last) =>
            last?.key === key ? { ...last, clips: [...last.clips, ...validRows(page.rows)], next: page.next, hasMore: page.next !== null } : last,
          );
      })
      .catch((error: unknown) => {
        if (!signal.aborted) console.error('Cadence: the queue could not read more clips', error);
      })
      .finally(() => {
        loading.current = false;
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, pages, key]);

  // While the next query reads, the last results stay on screen (marked with their own query).
  return pages && { ...pages, hasMore: pages.hasMore && pages.key === key, loadMore };
}
