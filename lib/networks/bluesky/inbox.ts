import { AppBskyFeedDefs } from '@atproto/api';
import type { NotificationPage, RemoteNotification, RemotePost, RemoteRef } from '../types';
import { toNotification, toRemotePost } from './convert';
import { readSinceMark } from './high-water';
import type { Context } from './publish';

/** Mentions, replies and quotes since a high-water mark (see high-water.ts). */

const PAGE_SIZE = 50;
/** A poll after a long pause stops here; what is older is left to the network's own app. */
const MAX_PAGES = 10;
const REASONS = ['mention', 'reply', 'quote'];

export async function notifications({ session }: Context, cursor: string | null): Promise<NotificationPage> {
  const page = await readSinceMark(
    cursor,
    async (pageCursor) => {
      const { data } = await session.call((agent) => agent.app.bsky.notification.listNotifications({ limit: PAGE_SIZE, reasons: REASONS, cursor: pageCursor }));
      return { items: data.notifications, cursor: data.cursor };
    },
    (n) => ({ id: n.uri, at: n.indexedAt }),
    { pageSize: PAGE_SIZE, maxPages: MAX_PAGES },
  );
  const items = page.items.map(toNotification).filter((item): item is RemoteNotification => item !== null);
  return { items, cursor: page.cursor, requests: page.requests };
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
