import { validRows } from '@/lib/store';
import { EmptyState } from '../common/EmptyState';
import { useLiveQuery } from '../common/store-context';
import { ClipCard } from './ClipCard';
import { FlaggedRows } from '../common/FlaggedRows';

const PAGE = 200;

export function QueueView() {
  const rows = useLiveQuery(['clips'], (store) => store.clips.list({ index: 'by-capturedAt', direction: 'prev', limit: PAGE }), []);
  if (!rows) return <p aria-busy="true">Loading the queue…</p>;
  const clips = validRows(rows);
  if (rows.length === 0) {
    return (
      <EmptyState title="Your queue is empty">
        <p>
          Clip what is worth sharing while you read: right-click a page, a selection, an image or a link and choose “Clip to Cadence”, or
          press <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>S</kbd>.
        </p>
      </EmptyState>
    );
  }
  return (
    <section aria-label="Curation queue">
      <h2 className="view-title">Queue</h2>
      <FlaggedRows rows={rows} what="clips" />
      <ul className="clip-list" data-testid="clip-list">
        {clips.map((clip) => (
          <ClipCard key={clip.id} clip={clip} />
        ))}
      </ul>
    </section>
  );
}
