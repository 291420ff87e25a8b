import { DEFAULT_LIMITS } from '../../compose/network-limits';
import { NotFoundError } from '../../errors';
import type { AccountLimits } from '../../model';
import type { AdapterDeps } from '../types';
import type { NetworkAdapter, RemoteRef } from '../types';
import { toPostCounts, toProfile } from './convert';
import { markTime } from './high-water';
import { notifications, thread } from './inbox';
import { publish, reconcile } from './publish';
import { parsePostUri, strongRef } from './refs';
import { search } from './search';
import { createBlueskySession } from './session';

export { connectBluesky } from './connect';

/** Images per post and bytes per image (lexicon app.bsky.embed.images: maxLength 4, maxSize 1,000,000). */
export const BLUESKY_LIMITS: AccountLimits = {
  ...DEFAULT_LIMITS.bluesky,
  maxImages: 4,
  maxImageBytes: 1_000_000,
};

/** app.bsky.feed.getPosts takes at most 25 URIs per call. */
const GET_POSTS_BATCH = 25;

export function createBlueskyAdapter(deps: AdapterDeps): NetworkAdapter {
  const session = createBlueskySession(deps);
  const context = { session, now: deps.now };

  return {
    network: 'bluesky',
    limits: async () => BLUESKY_LIMITS,
    publish: (input) => publish(context, input),
    reconcile: (input) => reconcile(context, input),
    notifications: (cursor) => notifications(context, cursor),
    thread: (ref) => thread(context, ref),
    search: (query, cursor) => search(context, query, cursor),

    async remove(ref) {
      const { repo, collection, rkey } = parsePostUri(ref.id);
      // The PDS answers a delete of a record that is gone with success (a no-op, pds
      // api/com/atproto/repo/deleteRecord.ts); a NotFound from elsewhere means the same.
      await session
        .call((agent) => agent.com.atproto.repo.deleteRecord({ repo, collection, rkey }))
        .catch((error: unknown) => {
          if (!(error instanceof NotFoundError)) throw error;
        });
    },
    async like(ref) {
      const { uri, cid } = await session.call(async (agent) => {
        const subject = await strongRef(agent, ref);
        return agent.like(subject.uri, subject.cid);
      });
      return { id: uri, url: ref.url, cid };
    },
    async repost(ref) {
      const { uri, cid } = await session.call(async (agent) => {
        const subject = await strongRef(agent, ref);
        return agent.repost(subject.uri, subject.cid);
      });
      return { id: uri, url: ref.url, cid };
    },
    async markSeen({ at, cursor }) {
      // Up to the newest notification we showed, not "now": what arrived since stays unread.
      // The AppView reads a notification as read when seenAt is strictly later, hence + 1 ms.
      const shown = cursor === null ? null : markTime(cursor);
      const seenAt = new Date((shown === null ? at : Date.parse(shown)) + 1).toISOString();
      await session.call((agent) => agent.app.bsky.notification.updateSeen({ seenAt }));
    },
    async metrics(refs: RemoteRef[]) {
      const counts = new Map<string, Record<string, number>>();
      for (let i = 0; i < refs.length; i += GET_POSTS_BATCH) {
        const uris = refs.slice(i, i + GET_POSTS_BATCH).map((ref) => ref.id);
        const { data } = await session.call((agent) => agent.app.bsky.feed.getPosts({ uris }));
        for (const post of data.posts) counts.set(post.uri, toPostCounts(post));
      }
      return counts;
    },
    async profile() {
      const { did } = await session.account();
      const { data } = await session.call((agent) => agent.getProfile({ actor: did }));
      return toProfile(data);
    },
  };
}
