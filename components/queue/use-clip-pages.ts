import { useCallback, useEffect, useRef, useState } from 'react';
import type { Clip } from '@/lib/model';
import { countClips, searchClips, validRows, type ClipFilters, type SearchCursor } from '@/lib/store';
import { useServices } from '../common/store-context';

/** Enough rows to fill the panel; the rest load as the list scrolls. */
export const FIRST_PAGE = 40;
export const NEXT_PAGE = 200;

export interface ClipPages {
  /** The query these rows answer (the view marks it, so a test or benchmark can tell old results from new). */
  query: string;
  clips: Clip[];
  /** Every match; `isExact` false while it is an estimate from the first page. */
  total: number;
  isExact: boolean;
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
  const { store } = useServices();
  const [pages, setPages] = useState<Omit<ClipPages, 'loadMore'> & { next: SearchCursor | null; key: string }>();
  const version = useRef(0);
  const loading = useRef(false);
  const shown = useRef(0);
  shown.current = pages?.key === key ? pages.clips.length : 0;

  useEffect(() => {
    let alive = true;
    const read = async (isRefresh: boolean) => {
      const mine = ++version.current;
      const limit = isRefresh ? Math.max(FIRST_PAGE, shown.current) : FIRST_PAGE;
      const page = await searchClips(store, query, { limit, filters, workspaceId });
      if (!alive || mine !== version.current) return;
      setPages((current) => ({
        key,
        query,
        clips: validRows(page.rows),
        next: page.next,
        hasMore: page.next !== null,
        // A refresh keeps an exact count until the new one arrives, rather than flickering to an estimate.
        total: !page.isExact && isRefresh && current?.key === key && current.isExact ? current.total : page.total,
        isExact: page.isExact || (isRefresh && current?.key === key && current.isExact) || false,
      }));
      if (page.isExact) return;
      // After the first page is on screen: the exact count reads every matching key.
      const total = await countClips(store, query, { filters, workspaceId });
      if (alive && mine === version.current) setPages((current) => (current?.key === key ? { ...current, total, isExact: true } : current));
    };
    const run = (isRefresh: boolean) => void read(isRefresh).catch((error: unknown) => console.error('Cadence: the queue could not read its clips', error));
    run(false);
    const unsubscribe = store.feed.subscribe((change) => {
      if (change.store === 'clips') run(true);
    });
    return () => {
      alive = false;
      unsubscribe();
    };
    // `key` stands for query, filters and workspace together.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, key]);

  const loadMore = useCallback(() => {
    if (!pages?.next || pages.key !== key || loading.current) return;
    loading.current = true;
    const mine = version.current;
    searchClips(store, query, { limit: NEXT_PAGE, filters, workspaceId, after: pages.next })
      .then((page) => {
        if (mine !== version.current) return;
        setPages((current) => (current?.key === key ? { ...current, clips: [...current.clips, ...validRows(page.rows)], next: page.next, hasMore: page.next !== null } : current));
      })
      .catch((error: unknown) => console.error('Cadence: the queue could not read more clips', error))
      .finally(() => {
        loading.current = false;
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, pages, key]);

  // While the next query reads, the last results stay on screen (marked with their own query).
  return pages && { ...pages, hasMore: pages.hasMore && pages.key === key, loadMore };
}
