import { useMemo, useState } from 'react';
import { EmptyState } from '../ui/EmptyState';
import { errorText } from '../common/error-text';
import { useInbox } from '../data/inbox';
import { useServices } from '../data/store-context';
import { Conversation } from './Conversation';
import { EMPTY_INBOX_FILTERS, filterInbox, type InboxFilterState } from './inbox-filters';
import { InboxFilters } from './InboxFilters';
import { InboxRow } from './InboxRow';
import { listKeys } from './use-list-keys';
import { usePanelVisible } from './use-panel-visible';
import './inbox.css';
import { Button } from '../ui/Button';
import { LoadingState } from '../ui/LoadingState';

/**
 * Every mention, reply and quote across accounts and workspaces, newest first. Arrow keys move
 * through the list, Enter opens a conversation (and marks it read here and on the network).
 */
export function InboxView() {
  usePanelVisible();
  const { request } = useServices();
  const [filters, setFilters] = useState<InboxFilterState>(EMPTY_INBOX_FILTERS);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const { items, accounts } = useInbox();
  const shown = useMemo(() => filterInbox(items ?? [], filters), [items, filters]);
  const labels = useMemo(() => [...new Set((items ?? []).flatMap((item) => item.labels))].sort(), [items]);
  const selected = items?.find((item) => item.id === selectedId);
  const accountOf = (id: string) => accounts.find((account) => account.id === id);

  const open = (id: string, isRead: boolean) => {
    setSelectedId(id);
    if (!isRead) void request('inbox.markRead', { ids: [id], isRead: true }).catch((error: unknown) => setStatus(errorText(error)));
  };
  const checkNow = async () => {
    setStatus('Checking…');
    try {
      const { added } = await request('inbox.poll', {});
      setStatus(added ? `${added} new.` : 'Nothing new.');
    } catch (error) {
      setStatus(errorText(error));
    }
  };

  if (items && items.length === 0 && accounts.length === 0) {
    return (
      <EmptyState title="Inbox zero">
        <p>Mentions, replies and quotes from every connected account land here, newest first. Connect a Bluesky or Mastodon account in Settings first.</p>
      </EmptyState>
    );
  }
  const unread = shown.filter((item) => !item.isRead).length;
  return (
    <div className="inbox">
      <h2 className="view-title">Inbox</h2>
      <InboxFilters value={filters} accounts={accounts} labels={labels} onChange={setFilters} />
      <p className="inbox__count muted" aria-live="polite">
        {shown.length} shown, {unread} unread{' '}
        <Button type="button" onClick={() => void checkNow()}>
          Check now
        </Button>{' '}
        <span role="status">{status}</span>
      </p>
      {accounts
        .filter((account) => account.status === 'disconnected')
        .map((account) => (
          <p key={account.id} role="alert" className="inbox__problem">
            @{account.handle} stopped answering ({account.statusReason ?? 'signed out'}). Reconnect it in Settings → Accounts; until then its mentions are not
            fetched.
          </p>
        ))}
      {items === undefined ? (
        <LoadingState label="Loading the inbox…" />
      ) : shown.length === 0 ? (
        <p className="muted">Nothing here with these filters.</p>
      ) : (
        <ul className="inbox__list" aria-label="Inbox" onKeyDown={listKeys}>
          {shown.map((item) => (
            <InboxRow
              key={item.id}
              item={item}
              account={accountOf(item.accountId)}
              isSelected={item.id === selectedId}
              onOpen={() => open(item.id, item.isRead)}
            />
          ))}
        </ul>
      )}
      {selected ? <Conversation item={selected} account={accountOf(selected.accountId)} /> : null}
    </div>
  );
}
