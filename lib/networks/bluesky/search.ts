import { ValidationError } from '../../errors';
import type { SearchPage } from '../types';
import { toRemotePost } from './convert';
import { readSinceMark } from './high-water';
import type { Context } from './publish';

/** Listening: app.bsky.feed.searchPosts, newest first, since a high-water mark (high-water.ts). */

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
  cursor: string | null,
): Promise<SearchPage> {
  const q = searchQuery(query);
  const page = await readSinceMark(
    cursor,
    async (pageCursor) => {
      const { data } = await session.call((agent) => agent.app.bsky.feed.searchPosts({ q, sort: 'latest', limit: PAGE_SIZE, cursor: pageCursor }));
      return { items: data.posts, cursor: data.cursor };
    },
    (post) => ({ id: post.uri, at: post.indexedAt }),
    { pageSize: PAGE_SIZE, maxPages: MAX_PAGES },
  );
  return { items: page.items.map(toRemotePost), cursor: page.cursor, requests: page.requests };
}
