import { useState } from 'react';
import { EmptyState } from '../ui/EmptyState';
import { FlaggedRows } from '../common/FlaggedRows';
import { useFlaggedClips, useHasClips } from '../data/clips';
import { useActiveWorkspaceId } from '../data/workspace';
import { useOpenInCompose } from '../compose/compose-target';
import { BulkBar } from './BulkBar';
import { ClipList } from './ClipList';
import { useReadFeedItem } from './use-read-feed-item';
import { ClipThisPage } from './ClipThisPage';
import { NoMatches } from './NoMatches';
import { QueueFilters } from './QueueFilters';
import { DEFAULT_FILTERS, isDefault, toClipFilters, type QueueFilterState } from './queue-filters';
import { useClipPages } from '../data/use-clip-pages';
import { useUpgradeWork } from '../data/upgrade-work';
import './queue.css';
import { LoadingState } from '../ui/LoadingState';

/**
 * The queue reads its first page only once it knows the workspace it shows: a page read for every
 * workspace first would be thrown away, and would hold up the one that counts.
 */
export function QueueView() {
  // The active workspace's clips only; `null` (no settings yet) shows every clip.
  const workspaceId = useActiveWorkspaceId();
  if (workspaceId === undefined) return <LoadingState label="Loading the queue…" />;
  return <Queue workspaceId={workspaceId ?? undefined} />;
}

function Queue({ workspaceId }: { workspaceId: string | undefined }) {
  const [filters, setFilters] = useState<QueueFilterState>(DEFAULT_FILTERS);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const feedRead = useReadFeedItem();
  // No debounce and no deferred value: the keystroke's own render starts its search (React runs the
  // effects of a render caused by input before the event's task ends), so the reads begin at once
  // instead of after a second, deferred render a frame later (~6 ms in a trace). The search is
  // asynchronous, so the box never waits for it; a newer keystroke aborts the one before.
  const key = JSON.stringify([filters, workspaceId ?? null]);
  const pages = useClipPages(filters.query, toClipFilters(filters), workspaceId, key);
  // Whether there is any clip at all (one key, not a count of them all): the empty queue explains how to clip.
  const hasClips = useHasClips(workspaceId);
  // Not needed for the first paint: read once the first page is on screen, and only when the
  // tally says some clip fails its schema (finding which reads every key of two stores).
  const flagged = useFlaggedClips(pages !== undefined);
  const openInCompose = useOpenInCompose();
  const work = useUpgradeWork();
  const compose = (clipId: string) => openInCompose({ clipId });

  if (!pages || hasClips === undefined) return <LoadingState label="Loading the queue…" />;
  if (!hasClips) {
    return (
      <EmptyState title="Your queue is empty">
        <ClipThisPage />
        <p>
          Clip what is worth sharing while you read: right-click a page, a selection, an image or a link and choose “Clip page to Cadence” (or the quote, image
          or link one), or press <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>S</kbd>.
        </p>
      </EmptyState>
    );
  }
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <section aria-label="Curation queue" className="queue">
      <header className="queue__header">
        <h2 className="view-title">Queue</h2>
        <ClipThisPage />
      </header>
      <FlaggedRows rows={flagged} what="clips" />
      <QueueFilters value={filters} onChange={setFilters} />
      <p
        className="queue__count"
        role="status"
        data-testid="match-count"
        data-query={pages.query}
        data-total={pages.isExact ? (pages.total ?? undefined) : undefined}
      >
        {countSentence(pages.total, pages.isExact)}
      </p>
      {pages.indexing && pages.query.trim() !== '' ? (
        <p className="queue__indexing" data-testid="index-building">
          {indexingSentence(work?.task === 'clip-search-index' ? work : pages.indexing)}
        </p>
      ) : null}
      <BulkBar selected={selected} onDone={() => setSelected(new Set())} />
      <p role="status" className="queue__read-status" data-testid="feed-read-status">
        {feedRead.readStatus}
      </p>
      {pages.clips.length === 0 ? (
        <NoMatches filters={filters} isDefault={isDefault(filters)} onReset={() => setFilters(DEFAULT_FILTERS)} />
      ) : (
        <ClipList
          clips={pages.clips}
          setSize={pages.isExact && pages.total !== null ? pages.total : -1}
          hasMore={pages.hasMore}
          onEndReached={pages.loadMore}
          selected={selected}
          onToggle={toggle}
          onTag={(t) => setFilters({ ...filters, tag: t })}
          onCompose={compose}
          onReadFeedItem={feedRead.readFeedItem}
        />
      )}
    </section>
  );
}

const format = new Intl.NumberFormat('en');

/** Issue 20: search says plainly that an upgrade is still indexing, and how far it is. */
function indexingSentence({ done, total }: { done: number; total: number | null }): string {
  if (total === null || total === 0) return 'Search index still being built — results may be missing some';
  return `Search index still being built: ${format.format(Math.min(done, total))} of ${format.format(total)} clips — results may be missing some`;
}

function countSentence(total: number | null, isExact: boolean): string {
  if (total === null) return 'Counting clips…';
  if (!isExact) return `About ${format.format(roughly(total))} clips`;
  return total === 1 ? '1 clip' : `${format.format(total)} clips`;
}

/** Two significant figures: an estimate should not look precise. */
const roughly = (n: number) => (n < 100 ? n : Number(n.toPrecision(2)));
