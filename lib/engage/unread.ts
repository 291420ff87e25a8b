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
 * Where the network's own read marker may move for one account: the newest item before which
 * every item is read. Bluesky and Mastodon keep one "seen up to" marker, not a flag per
 * notification, so an unread older item holds the marker back. Null when nothing may move.
 * Items of the same millisecond are told apart by their remote id, which Mastodon hands out in
 * order (a marker naming the first of them left the rest unread on the server).
 */
export function seenUpTo<T extends Pick<InboxItem, 'isRead' | 'createdAt' | 'remoteId'>>(items: readonly T[]): T | null {
  const oldestUnread = Math.min(...items.filter((item) => !item.isRead).map((item) => item.createdAt));
  let newestRead: T | null = null;
  for (const item of items) if (item.isRead && item.createdAt < oldestUnread && (!newestRead || isLater(item, newestRead))) newestRead = item;
  return newestRead;
}

/** By time, then by remote id: Mastodon's are decimal numbers as strings (longer is later). */
function isLater(a: Pick<InboxItem, 'createdAt' | 'remoteId'>, b: Pick<InboxItem, 'createdAt' | 'remoteId'>): boolean {
  if (a.createdAt !== b.createdAt) return a.createdAt > b.createdAt;
  return a.remoteId.length !== b.remoteId.length ? a.remoteId.length > b.remoteId.length : a.remoteId > b.remoteId;
}
