import { EmptyState } from '../common/EmptyState';
import type { ViewId } from './views';

/**
 * Views whose working surface arrives with later issues show what they will hold and what to do
 * first, from live data: they never pretend to have content.
 */
export function PlaceholderViews({ view }: { view: Exclude<ViewId, 'queue' | 'compose' | 'calendar' | 'settings' | 'inbox' | 'listening'> }) {
  switch (view) {
    case 'insights':
      return (
        <EmptyState title="No numbers yet">
          <p>Once posts are published, Cadence collects their likes, reposts and replies at 1 hour, 1 day and 1 week, and charts them here.</p>
        </EmptyState>
      );
  }
}
