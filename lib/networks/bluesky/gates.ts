import type { AtpAgent } from '@atproto/api';
import type { BlueskyOptions } from '../../model';

/**
 * Bluesky's post controls (issue 22), as the Bluesky app writes them (social-app
 * src/lib/api/index.ts, createThreadgate / createPostgate): records in the author's repo with the
 * post's own record key, pointing at it. Invariants:
 * - they are written with putRecord before the post itself: the post's URI is known from its
 *   record key, a retry writes the same records again (idempotent), and a post never appears on
 *   the network, even for a moment, with wider rules than the user chose;
 * - nothing is written for the defaults (everyone may reply, quotes allowed);
 * - `replies.kind === 'nobody'` is a threadgate with an empty `allow` (lexicon
 *   app.bsky.feed.threadgate: "If empty, no one can reply").
 */
export const THREADGATE_COLLECTION = 'app.bsky.feed.threadgate';
export const POSTGATE_COLLECTION = 'app.bsky.feed.postgate';

type Rule = { $type: string; list?: string };

/** The threadgate's `allow`, or null when anyone may reply (no record). */
export function threadgateAllow(replies: BlueskyOptions['replies']): Rule[] | null {
  if (replies.kind === 'everyone') return null;
  if (replies.kind === 'nobody') return [];
  return [
    ...(replies.mention ? [{ $type: 'app.bsky.feed.threadgate#mentionRule' }] : []),
    ...(replies.following ? [{ $type: 'app.bsky.feed.threadgate#followingRule' }] : []),
    ...(replies.followers ? [{ $type: 'app.bsky.feed.threadgate#followerRule' }] : []),
    ...replies.lists.map((list) => ({ $type: 'app.bsky.feed.threadgate#listRule', list })),
  ];
}

/** The records to write beside the post at `postUri` (rkey `rkey`). */
export function gateRecords(options: BlueskyOptions, postUri: string, createdAt: string): { collection: string; record: Record<string, unknown> }[] {
  const writes: { collection: string; record: Record<string, unknown> }[] = [];
  const allow = threadgateAllow(options.replies);
  if (allow !== null) writes.push({ collection: THREADGATE_COLLECTION, record: { $type: THREADGATE_COLLECTION, post: postUri, allow, createdAt } });
  if (!options.allowQuotes) {
    writes.push({
      collection: POSTGATE_COLLECTION,
      record: { $type: POSTGATE_COLLECTION, post: postUri, embeddingRules: [{ $type: 'app.bsky.feed.postgate#disableRule' }], createdAt },
    });
  }
  return writes;
}

export async function writeGates(
  agent: AtpAgent,
  repo: string,
  rkey: string,
  options: BlueskyOptions,
  postUri: string,
  createdAt: string,
  beforeRequest: () => Promise<void>,
): Promise<void> {
  for (const { collection, record } of gateRecords(options, postUri, createdAt)) {
    await beforeRequest();
    await agent.com.atproto.repo.putRecord({ repo, collection, rkey, record });
  }
}

/** Self-labels for sensitive media (com.atproto.label.defs#selfLabels), or undefined for none. */
export function selfLabels(options: BlueskyOptions | null | undefined) {
  if (!options || options.labels.length === 0) return undefined;
  return { $type: 'com.atproto.label.defs#selfLabels', values: options.labels.map((val) => ({ val })) };
}
