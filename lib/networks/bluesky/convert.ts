import type { AppBskyActorDefs, AppBskyFeedDefs, AppBskyNotificationListNotifications } from '@atproto/api';
import { z } from 'zod';
import type { AccountProfile, RemoteAuthor, RemoteNotification, RemotePost, RemoteRef } from '../types';

/**
 * Bluesky views as plain data. Records inside views are open unions (`{ [k: string]: unknown }`
 * in the lexicon types), so the parts we read are parsed here, at the trust boundary; a record
 * that does not parse is read as an empty post rather than failing a whole page.
 */

const strongRefSchema = z.object({ uri: z.string(), cid: z.string() });
const postRecordSchema = z.object({
  text: z.string().catch(''),
  createdAt: z.string().optional(),
  reply: z.object({ root: strongRefSchema, parent: strongRefSchema }).optional().catch(undefined),
  embed: z
    .object({
      $type: z.string().optional(),
      record: z.union([strongRefSchema, z.object({ record: strongRefSchema })]).optional(),
    })
    .optional()
    .catch(undefined),
});
type PostRecord = z.infer<typeof postRecordSchema>;

export function parsePostRecord(record: unknown): PostRecord {
  const parsed = postRecordSchema.safeParse(record);
  return parsed.success ? parsed.data : { text: '' };
}

/** The web address of a post: bsky.app/profile/<handle or DID>/post/<rkey>. */
export function postUrl(uri: string, handle: string): string {
  const rkey = uri.split('/').pop() ?? '';
  return `https://bsky.app/profile/${handle}/post/${rkey}`;
}

/** A ref from a strong ref seen inside a record, where only the URI's DID names the author. */
export function refFromStrong(ref: { uri: string; cid: string }): RemoteRef {
  const did = ref.uri.replace(/^at:\/\//, '').split('/')[0] ?? '';
  return { id: ref.uri, url: postUrl(ref.uri, did), cid: ref.cid };
}

function toAuthor(author: Pick<AppBskyActorDefs.ProfileViewBasic, 'did' | 'handle' | 'displayName' | 'avatar'>): RemoteAuthor {
  return { remoteId: author.did, handle: author.handle, displayName: author.displayName ?? '', avatarUrl: author.avatar ?? null };
}

function time(value: string | undefined, fallback: string): number {
  const parsed = Date.parse(value ?? '');
  return Number.isFinite(parsed) ? parsed : Date.parse(fallback);
}

export function toPostCounts(post: AppBskyFeedDefs.PostView): Record<string, number> {
  return {
    likes: post.likeCount ?? 0,
    reposts: post.repostCount ?? 0,
    replies: post.replyCount ?? 0,
    quotes: post.quoteCount ?? 0,
  };
}

/**
 * Every Bluesky post is public, replies included: the network has no audience setting, so a reply
 * cannot widen one (issue 18). Who may reply is the parent thread's threadgate, which the PDS and
 * AppView enforce and Cadence does not read. Bluesky's app prefills no mentions in a reply.
 */
export function toRemotePost(post: AppBskyFeedDefs.PostView): RemotePost {
  const record = parsePostRecord(post.record);
  return {
    ref: { id: post.uri, url: postUrl(post.uri, post.author.handle), cid: post.cid },
    author: toAuthor(post.author),
    text: record.text,
    createdAt: time(record.createdAt, post.indexedAt),
    inReplyTo: record.reply ? refFromStrong(record.reply.parent) : null,
    root: record.reply ? refFromStrong(record.reply.root) : null,
    counts: toPostCounts(post),
    visibility: 'public',
    replyMentions: [],
  };
}

const INBOX_REASONS = ['mention', 'reply', 'quote'] as const;
type InboxReason = (typeof INBOX_REASONS)[number];
export const isInboxReason = (reason: string): reason is InboxReason => (INBOX_REASONS as readonly string[]).includes(reason);

/** The quoted post of a quote record (app.bsky.embed.record or recordWithMedia). */
function quotedRef(record: PostRecord): RemoteRef | null {
  const quoted = record.embed?.record;
  if (!quoted) return null;
  return refFromStrong('record' in quoted ? quoted.record : quoted);
}

export function toNotification(n: AppBskyNotificationListNotifications.Notification): RemoteNotification | null {
  if (!isInboxReason(n.reason)) return null;
  const record = parsePostRecord(n.record);
  const subject = n.reason === 'reply' ? (record.reply ? refFromStrong(record.reply.parent) : null) : n.reason === 'quote' ? quotedRef(record) : null;
  return {
    remoteId: n.uri,
    kind: n.reason,
    post: {
      ref: { id: n.uri, url: postUrl(n.uri, n.author.handle), cid: n.cid },
      author: toAuthor(n.author),
      text: record.text,
      createdAt: time(record.createdAt, n.indexedAt),
      inReplyTo: record.reply ? refFromStrong(record.reply.parent) : null,
      root: record.reply ? refFromStrong(record.reply.root) : null,
      counts: {},
      visibility: 'public',
      replyMentions: [],
    },
    subject,
    isRead: n.isRead,
  };
}

export function toProfile(profile: AppBskyActorDefs.ProfileViewDetailed): AccountProfile {
  return {
    remoteId: profile.did,
    handle: profile.handle,
    displayName: profile.displayName ?? '',
    avatarUrl: profile.avatar ?? null,
    followers: profile.followersCount ?? 0,
    following: profile.followsCount ?? 0,
    posts: profile.postsCount ?? 0,
  };
}
