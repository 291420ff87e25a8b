import { validRows } from '@/lib/store';
import { EmptyState } from '../common/EmptyState';
import { useLiveQuery } from '../common/store-context';
import type { ViewId } from './views';

/**
 * Views whose working surface arrives with later issues show what they will hold and what to do
 * first, from live data: they never pretend to have content.
 */
export function PlaceholderViews({ view }: { view: Exclude<ViewId, 'queue' | 'compose' | 'calendar' | 'settings' | 'insights'> }) {
  const accounts = useLiveQuery(['accounts'], async (store) => validRows(await store.accounts.list()), []);
  const connected = accounts?.filter((account) => account.status === 'connected').length ?? 0;
  const connectFirst = connected === 0 ? ' Connect a Bluesky or Mastodon account in Settings first.' : '';
  switch (view) {
    case 'inbox':
      return (
        <EmptyState title="Inbox zero">
          <p>Mentions, replies and quotes from every connected account land here, newest first.{connectFirst}</p>
        </EmptyState>
      );
    case 'listening':
      return (
        <EmptyState title="No listening streams">
          <p>Add a keyword, hashtag or phrase to follow what people say about your client, their products and competitors.{connectFirst}</p>
        </EmptyState>
      );
  }
}
