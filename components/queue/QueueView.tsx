import { useState } from 'react';
import { flaggedClips, searchClips, validRows } from '@/lib/store';
import { EmptyState } from '../common/EmptyState';
import { FlaggedRows } from '../common/FlaggedRows';
import { useLiveQuery } from '../common/store-context';
import { useOpenInCompose } from '../compose/compose-target';
import { BulkBar } from './BulkBar';
import { ClipList } from './ClipList';
import { ClipThisPage } from './ClipThisPage';
import { NoMatches } from './NoMatches';
import { QueueFilters } from './QueueFilters';
import { DEFAULT_FILTERS, isDefault, toClipFilters, type QueueFilterState } from './queue-filters';
import { useDebounced } from './use-debounced';
import './queue.css';

/** Rows held in memory at once; the count above the list says when there are more. */
const LIMIT = 1000;
const SEARCH_DEBOUNCE_MS = 120;

export function QueueView() {
  const [filters, setFilters] = useState<QueueFilterState>(DEFAULT_FILTERS);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const query = useDebounced(filters.query, SEARCH_DEBOUNCE_MS);
  const { kind, status, tag, site } = filters;
  // The active workspace's clips only; `undefined` (no settings yet) shows every clip.
  const workspaceId = useLiveQuery(['settings'], async (store) => {
    const settings = await store.settings.get('settings');
    return (settings?.ok ? settings.value.activeWorkspaceId : null) ?? undefined;
  }, []);
  const result = useLiveQuery(
    ['clips', 'settings'],
    (store) => searchClips(store, query, { limit: LIMIT, filters: toClipFilters(filters), workspaceId }),
    [query, kind, status, tag, site, workspaceId],
  );
  const total = useLiveQuery(
    ['clips', 'settings'],
    (store) => (workspaceId === undefined ? store.clips.count() : store.clips.count({ index: 'by-workspace', query: workspaceId })),
    [workspaceId],
  );
  const flagged = useLiveQuery(['clips'], flaggedClips, []) ?? [];
  const openInCompose = useOpenInCompose();
  const compose = (clipId: string) => openInCompose({ clipId });

  if (!result || total === undefined) return <p aria-busy="true">Loading the queue…</p>;
  if (total === 0) {
    return (
      <EmptyState title="Your queue is empty">
        <ClipThisPage />
        <p>
          Clip what is worth sharing while you read: right-click a page, a selection, an image or a link and choose “Clip to Cadence”, or
          press <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>S</kbd>.
        </p>
      </EmptyState>
    );
  }
  const clips = validRows(result.rows);
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
      <p className="queue__count" role="status" data-testid="match-count">
        {result.total === 1 ? '1 clip' : `${result.total} clips`}
        {clips.length < result.total ? ` (showing the newest ${clips.length})` : ''}
      </p>
      <BulkBar selected={selected} onDone={() => setSelected(new Set())} />
      {clips.length === 0 ? (
        <NoMatches filters={filters} isDefault={isDefault(filters)} onReset={() => setFilters(DEFAULT_FILTERS)} />
      ) : (
        <ClipList clips={clips} selected={selected} onToggle={toggle} onTag={(t) => setFilters({ ...filters, tag: t })} onCompose={compose} />
      )}
    </section>
  );
}
