import { AppBskyFeedDefs } from '@atproto/api';
import type { NotificationPage, RemoteNotification, RemotePost, RemoteRef } from '../types';
import { isNewer, toNotification, toRemotePost } from './convert';
import type { Context } from './publish';

/**
 * Mentions, replies and quotes since a high-water mark. Invariants:
 * - the cursor we hand back is the newest `indexedAt` seen (ISO 8601, which sorts as text), not
 *   the network's paging cursor: pages are read newest first until one reaches the mark, so
 *   nothing between two polls is missed;
 * - when nothing is new the first page already reaches the mark: a quiet poll is ONE request;
 * - the first poll (no mark) reads one page: the inbox starts from now, not from the archive.
 */

const PAGE_SIZE = 50;
/** A poll after a long pause stops here; what is older is left to the network's own app. */
const MAX_PAGES = 10;
const REASONS = ['mention', 'reply', 'quote'];

export async function notifications({ session }: Context, mark: string | null): Promise<NotificationPage> {
  const items: RemoteNotification[] = [];
  let newest = mark;
  let requests = 0;
  let pageCursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { data } = await session.call((agent) =>
      agent.app.bsky.notification.listNotifications({ limit: PAGE_SIZE, reasons: REASONS, cursor: pageCursor }),
    );
    requests++;
    let reachedMark = false;
    for (const n of data.notifications) {
      if (mark !== null && !isNewer(n.indexedAt, mark)) {
        reachedMark = true;
        continue;
      }
      if (newest === null || isNewer(n.indexedAt, newest)) newest = n.indexedAt;
      const item = toNotification(n);
      if (item) items.push(item);
    }
    pageCursor = data.cursor;
    if (reachedMark || mark === null || !pageCursor || data.notifications.length === 0) break;
  }
  return { items, cursor: newest, requests };
}

/** The conversation around a post, flattened: ancestors, the post, every reply below; oldest first. */
export async function thread({ session }: Context, ref: RemoteRef): Promise<RemotePost[]> {
  const { data } = await session.call((agent) => agent.getPostThread({ uri: ref.id, depth: 100, parentHeight: 100 }));
  const posts = new Map<string, RemotePost>();
  const visit = (node: AppBskyFeedDefs.ThreadViewPost['parent'], direction: 'up' | 'down' | 'both') => {
    if (!node || !AppBskyFeedDefs.isThreadViewPost(node)) return; // not found, blocked: nothing to show
    posts.set(node.post.uri, toRemotePost(node.post));
    if (direction !== 'down') visit(node.parent, 'up');
    if (direction !== 'up') for (const reply of node.replies ?? []) visit(reply, 'down');
  };
  visit(data.thread, 'both');
  return [...posts.values()].sort((a, b) => a.createdAt - b.createdAt);
}
