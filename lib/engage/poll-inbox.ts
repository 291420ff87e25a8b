import type { Account, AccountPoll, Delivery, InboxItem } from '../model';
import type { Store } from '../store';
import type { EngageDeps } from './deps';
import { toInboxItem } from './inbox-item';

/**
 * One poll of one account's notifications. Invariants:
 * - exactly one `notifications(cursor)` call, with the cursor stored for this account;
 * - rows are written before the new cursor, so a worker killed in between re-reads the same
 *   notifications next time and they land on the same rows (`accountId:remoteId`);
 * - an existing row is never rewritten: its state, labels and read flag belong to the user;
 * - the page's new rows are written in one transaction, announced once: 300 mentions written one
 *   by one were 300 announcements, and every open view and the badge re-read the inbox for each.
 * Returns the rows that are new.
 */
export async function pollInbox(
  { store, now, adapterFor }: EngageDeps,
  account: Account,
  state: AccountPoll,
): Promise<{ added: InboxItem[]; cursor: string | null }> {
  const page = await adapterFor(account).notifications(state.cursor);
  const items: InboxItem[] = [];
  for (const notification of page.items) {
    const delivery = notification.subject ? await ourDelivery(store, account.id, notification.subject.id) : null;
    items.push(toInboxItem(account, notification, delivery, now()));
  }
  return { added: await store.inbox.addAbsent(items), cursor: page.cursor ?? state.cursor };
}

async function ourDelivery(store: Store, accountId: string, remoteId: string): Promise<Delivery | null> {
  const rows = await store.deliveries.list({ index: 'by-remote', query: remoteId });
  for (const row of rows) if (row.ok && row.value.accountId === accountId && row.value.state === 'published') return row.value;
  return null;
}
