import { AuthError } from '@/lib/errors';
import type { Network } from '@/lib/model';
import type { NetworkAdapter, PublishInput, RemoteNotification, RemotePost, RemoteRef, SeenUpTo } from '@/lib/networks';

/**
 * A network in memory, for unit tests of the engage logic: notifications are numbered, the
 * cursor is the last number returned, so a test sees exactly which cursor each poll sent.
 */
export function createFakeNetwork(network: Network = 'bluesky') {
  const notifications: RemoteNotification[] = [];
  const posts: RemotePost[] = [];
  const calls = {
    notifications: [] as (string | null)[],
    search: [] as (string | null)[],
    publish: [] as PublishInput[],
    markSeen: [] as SeenUpTo[],
    like: [] as RemoteRef[],
  };
  let failWith: Error | null = null;
  const published = new Map<string, RemoteRef>();

  const adapter: NetworkAdapter = {
    network,
    limits: async () => ({ maxCharacters: 300, charactersPerUrl: null, maxImages: 4, maxImageBytes: 1_000_000 }),
    async publish(input) {
      calls.publish.push(input);
      if (failWith) throw failWith;
      // Like createRecord with a fixed rkey: the same key twice is the same post.
      const key = input.rkey ?? input.idempotencyKey;
      const ref = published.get(key) ?? { id: `at://me/app.bsky.feed.post/${key}`, url: `https://bsky.app/post/${key}`, cid: `cid-${key}` };
      published.set(key, ref);
      return { parts: [ref], serverScheduled: false };
    },
    reconcile: async () => ({ parts: [], certain: true }),
    remove: async () => undefined,
    async like(ref) {
      calls.like.push(ref);
      return { id: `like-of-${ref.id}`, url: '', cid: null };
    },
    repost: async (ref) => ({ id: `repost-of-${ref.id}`, url: '', cid: null }),
    async notifications(cursor) {
      calls.notifications.push(cursor);
      if (failWith) throw failWith;
      const from = cursor === null ? 0 : Number(cursor);
      const items = notifications.slice(from);
      return { items, cursor: items.length ? String(notifications.length) : cursor, requests: 1 };
    },
    async markSeen(upTo) {
      calls.markSeen.push(upTo);
    },
    thread: async (ref) => posts.filter((post) => post.ref.id === ref.id),
    async search(query, cursor) {
      calls.search.push(cursor);
      if (failWith) throw failWith;
      const from = cursor === null ? 0 : Number(cursor);
      const items = posts.slice(from).filter((post) => post.text.toLowerCase().includes(query.text.toLowerCase()));
      return { items, cursor: String(posts.length), requests: 1 };
    },
    metrics: async () => new Map(),
    profile: async () => ({ remoteId: 'did:plc:me', handle: 'me.test', displayName: 'Me', avatarUrl: null, followers: 0, following: 0, posts: 0 }),
  };

  let n = 0;
  const makePost = (text: string, handle = 'fan.test'): RemotePost => {
    n++;
    return {
      ref: { id: `at://${handle}/app.bsky.feed.post/${n}`, url: `https://bsky.app/profile/${handle}/post/${n}`, cid: `cid${n}` },
      author: { remoteId: `did:plc:${handle}`, handle, displayName: handle.split('.')[0]!, avatarUrl: null },
      text,
      createdAt: 1_700_000_000_000 + n * 1000,
      inReplyTo: null,
      root: null,
      counts: {},
      visibility: 'public',
      replyMentions: [],
    };
  };

  return {
    adapter,
    calls,
    /** Someone mentions (or replies to / quotes `subject`) the account. */
    notify(text: string, kind: RemoteNotification['kind'] = 'mention', subject: RemoteRef | null = null) {
      const post = makePost(text);
      notifications.push({ remoteId: post.ref.id, kind, post, subject, isRead: false });
      return post;
    },
    /** A public post, found by search. */
    say(text: string, handle?: string) {
      const post = makePost(text, handle);
      posts.push(post);
      return post;
    },
    failNext(error: Error | null) {
      failWith = error;
    },
    expireToken() {
      failWith = new AuthError('Token expired');
    },
  };
}
