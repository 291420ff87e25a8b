import type { InboxItem } from '../model';
import { validRows, type Store } from '../store';

/** What the badge counts: open items not yet read. Done and snoozed items wait for nobody. */
export function isUnread(item: Pick<InboxItem, 'isRead' | 'state'>): boolean {
  return !item.isRead && item.state === 'open';
}

export async function unreadCount(store: Store): Promise<number> {
  const open = validRows(await store.inbox.list({ index: 'by-state-createdAt', query: IDBKeyRange.bound(['open', 0], ['open', Number.MAX_SAFE_INTEGER]) }));
  return open.filter(isUnread).length;
}

/**
 * Where the network's own read marker may move for one account: up to the newest time before
 * which every item is read. Bluesky and Mastodon keep one "seen up to" marker, not a flag per
 * notification, so an unread older item holds the marker back. Null when nothing may move.
 */
export function seenUpTo(items: readonly Pick<InboxItem, 'isRead' | 'createdAt'>[]): number | null {
  const oldestUnread = Math.min(...items.filter((item) => !item.isRead).map((item) => item.createdAt));
  const read = items.filter((item) => item.isRead && item.createdAt < oldestUnread).map((item) => item.createdAt);
  return read.length === 0 ? null : Math.max(...read);
}
