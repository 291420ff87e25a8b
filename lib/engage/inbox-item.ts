import type { Account, Delivery, InboxItem } from '../model';
import type { RemoteNotification } from '../networks';

/** One row per account and notification: polled twice, it is the same row. */
export const inboxItemId = (accountId: string, remoteId: string) => `${accountId}:${remoteId}`;

/** A new inbox row for a notification; `delivery` is ours when the notification answers or quotes it. */
export function toInboxItem(account: Account, notification: RemoteNotification, delivery: Delivery | null, receivedAt: number): InboxItem {
  const { post, subject } = notification;
  return {
    v: 1,
    id: inboxItemId(account.id, notification.remoteId),
    accountId: account.id,
    workspaceId: account.workspaceId,
    network: account.network,
    kind: notification.kind,
    remoteId: notification.remoteId,
    url: post.ref.url,
    author: { handle: post.author.handle, displayName: post.author.displayName, avatarUrl: post.author.avatarUrl, remoteId: post.author.remoteId },
    text: post.text,
    inReplyTo: subject ? { remoteId: subject.id, deliveryId: delivery?.id ?? null } : null,
    createdAt: post.createdAt,
    receivedAt,
    isRead: notification.isRead,
    state: 'open',
    snoozedUntil: null,
    labels: [],
    repliedAt: null,
    ref: post.ref,
    root: post.root,
    subject,
    replyDeliveryId: null,
    likedAt: null,
    repostedAt: null,
    visibility: post.visibility,
    replyMentions: post.replyMentions,
  };
}
