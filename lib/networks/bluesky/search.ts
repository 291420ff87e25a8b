import { ValidationError } from '../../errors';
import type { RemotePost, SearchPage } from '../types';
import { isNewer, toRemotePost } from './convert';
import type { Context } from './publish';

/**
 * Listening: app.bsky.feed.searchPosts, newest first. As with notifications, the cursor is a
 * high-water mark (the newest `indexedAt` seen); pages are read until one reaches it.
 */

const PAGE_SIZE = 25;
const MAX_PAGES = 4;

export function searchQuery(query: { kind: 'keyword' | 'hashtag' | 'phrase'; text: string }): string {
  const text = query.text.trim();
  if (!text) throw new ValidationError('Enter something to listen for.');
  if (query.kind === 'hashtag') return `#${text.replace(/^#+/, '')}`;
  if (query.kind === 'phrase') return `"${text.replace(/"/g, '')}"`;
  return text;
}

export async function search(
  { session }: Context,
  query: { kind: 'keyword' | 'hashtag' | 'phrase'; text: string },
  mark: string | null,
): Promise<SearchPage> {
  const q = searchQuery(query);
  const items: RemotePost[] = [];
  let newest = mark;
  let requests = 0;
  let pageCursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { data } = await session.call((agent) => agent.app.bsky.feed.searchPosts({ q, sort: 'latest', limit: PAGE_SIZE, cursor: pageCursor }));
    requests++;
    let reachedMark = false;
    for (const post of data.posts) {
      if (mark !== null && !isNewer(post.indexedAt, mark)) {
        reachedMark = true;
        continue;
      }
      if (newest === null || isNewer(post.indexedAt, newest)) newest = post.indexedAt;
      items.push(toRemotePost(post));
    }
    pageCursor = data.cursor;
    if (reachedMark || mark === null || !pageCursor || data.posts.length === 0) break;
  }
  return { items, cursor: newest, requests };
}
