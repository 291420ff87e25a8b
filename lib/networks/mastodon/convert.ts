import { knownVisibility } from '../../model/visibility';
import type { AccountProfile, RemoteAuthor, RemoteNotification, RemotePost, RemoteRef } from '../types';
import { htmlToText } from '../../text/html-to-text';
import type { MastodonAccount, MastodonStatus } from './schemas';

/** Mastodon entities → the adapter's plain data. Status HTML becomes text here and only here. */

/** 'me' on our own server is 'me@host'; remote accounts already carry their domain. */
export function fullHandle(acct: string, server: string): string {
  return acct.includes('@') ? acct : `${acct}@${new URL(server).host}`;
}

export function toProfile(account: MastodonAccount, server: string): AccountProfile {
  return {
    remoteId: account.id,
    handle: fullHandle(account.acct, server),
    displayName: account.display_name || account.username,
    avatarUrl: httpUrlOrNull(account.avatar),
    followers: account.followers_count,
    following: account.following_count,
    posts: account.statuses_count,
  };
}

export function toAuthor(account: MastodonAccount, server: string): RemoteAuthor {
  return {
    remoteId: account.id,
    handle: fullHandle(account.acct, server),
    displayName: account.display_name || account.username,
    avatarUrl: httpUrlOrNull(account.avatar),
  };
}

export function statusRef(status: Pick<MastodonStatus, 'id' | 'url' | 'uri'>): RemoteRef {
  return { id: status.id, url: httpUrlOrNull(status.url) ?? httpUrlOrNull(status.uri) ?? '', cid: null };
}

export function statusCounts(status: MastodonStatus): Record<string, number> {
  const counts: Record<string, number> = {
    likes: status.favourites_count,
    reposts: status.reblogs_count,
    replies: status.replies_count,
  };
  if (status.quotes_count !== undefined) counts.quotes = status.quotes_count;
  return counts;
}

/**
 * `root` is only known for a post that answers nothing (it is its own root) or when the caller
 * has the whole context (thread()); Mastodon replies need only the parent, so null is honest.
 */
export function toPost(status: MastodonStatus, server: string, root: RemoteRef | null = null, ownId: string | null = null): RemotePost {
  const ref = statusRef(status);
  return {
    visibility: knownVisibility(status.visibility),
    replyMentions: replyMentions(status, ownId),
    ref,
    author: toAuthor(status.account, server),
    text: htmlToText(status.content),
    createdAt: Date.parse(status.created_at) || 0,
    inReplyTo: status.in_reply_to_id ? { id: status.in_reply_to_id, url: '', cid: null } : null,
    root: root ?? (status.in_reply_to_id ? null : ref),
    counts: statusCounts(status),
  };
}

/** kind: a quote notification is 'quote'; a direct-visibility mention 'direct'; answering our post 'reply'. */
export function toNotification(notification: { id: string; type: string; status: MastodonStatus }, ownId: string, server: string): RemoteNotification {
  const { status } = notification;
  const isReplyToUs = status.in_reply_to_account_id === ownId && !!status.in_reply_to_id;
  const quoted = status.quote?.quoted_status;
  let kind: RemoteNotification['kind'] = 'mention';
  if (notification.type === 'quote') kind = 'quote';
  else if (status.visibility === 'direct') kind = 'direct';
  else if (isReplyToUs) kind = 'reply';
  let subject: RemoteRef | null = null;
  if (kind === 'quote' && quoted) subject = statusRef(quoted);
  else if (isReplyToUs && status.in_reply_to_id) subject = { id: status.in_reply_to_id, url: '', cid: null };
  return { remoteId: notification.id, kind, post: toPost(status, server, null, ownId), subject, isRead: false };
}

/**
 * The accounts a reply to `status` addresses, as Mastodon's web client prefills them
 * (app/javascript/mastodon/reducers/compose.js, statusToTextMentions): the author first, then
 * every account the status mentions, each once, never the signed-in account itself.
 */
export function replyMentions(status: Pick<MastodonStatus, 'account' | 'mentions'>, ownId: string | null): string[] {
  const accounts = [{ id: status.account.id, acct: status.account.acct }, ...status.mentions];
  const seen = new Set<string>();
  const accts: string[] = [];
  for (const { id, acct } of accounts) {
    if (id === ownId || seen.has(id) || acct === '') continue;
    seen.add(id);
    accts.push(acct);
  }
  return accts;
}

function httpUrlOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}
