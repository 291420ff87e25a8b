import { z } from 'zod';
import { epochMsSchema, idSchema } from './common';
import { remoteRefSchema } from './delivery';
import { visibilitySchema } from './visibility';

export const mediaSchema = z.object({
  id: idSchema,
  /** A URL for media from a clip, or `blob:<key>` for media the user picked from disk. */
  src: z.string(),
  alt: z.string(),
  mime: z.string(),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
  bytes: z.number().int().nonnegative().nullable(),
});
export type Media = z.infer<typeof mediaSchema>;

export const linkCardSchema = z.object({
  url: z.string(),
  title: z.string(),
  description: z.string(),
  imageUrl: z.string().nullable(),
});
export type LinkCard = z.infer<typeof linkCardSchema>;

/** The text for one account; `null` text means "same as the shared text". */
export const variantSchema = z.object({
  accountId: idSchema,
  text: z.string().nullable(),
  /** Further posts of a thread, after the first. */
  thread: z.array(z.string()),
});
export type Variant = z.infer<typeof variantSchema>;

/**
 * Mastodon's own options for a post (docs.joinmastodon.org/methods/statuses#create): who sees it
 * (null: the account's default, Preferences → Posting), the content warning (`spoiler_text`,
 * '' for none) and whether its media is sensitive. Bluesky has none of these.
 */
export const mastodonOptionsSchema = z.object({
  visibility: visibilitySchema.nullable(),
  spoilerText: z.string().max(1_000),
  sensitive: z.boolean(),
  /**
   * Who may quote it (Mastodon 4.5 `quote_approval_policy`, servers with API version ≥ 7): absent
   * or null, the account's default. Issue 22.
   */
  quotePolicy: z.enum(['public', 'followers', 'nobody']).nullable().optional(),
});
export type MastodonOptions = z.infer<typeof mastodonOptionsSchema>;
export const DEFAULT_MASTODON_OPTIONS: MastodonOptions = { visibility: null, spoilerText: '', sensitive: false };

/**
 * Bluesky's own controls for a post (issue 22), written on publish as records with the post's
 * record key: who can reply (an `app.bsky.feed.threadgate`: nobody, or people matching its
 * rules: mentioned, followed by the account, following it, in a list), whether it may be quoted
 * (an `app.bsky.feed.postgate` with a disable rule) and its self-labels for sensitive media
 * (com.atproto.label.defs#selfLabels).
 */
export const BLUESKY_SELF_LABELS = ['sexual', 'nudity', 'porn', 'graphic-media'] as const;
export const blueskyOptionsSchema = z.object({
  replies: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('everyone') }),
    z.object({ kind: z.literal('nobody') }),
    z.object({
      kind: z.literal('some'),
      mention: z.boolean(),
      following: z.boolean(),
      followers: z.boolean(),
      lists: z.array(z.string().startsWith('at://')).max(5),
    }),
  ]),
  allowQuotes: z.boolean(),
  labels: z.array(z.enum(BLUESKY_SELF_LABELS)),
});
export type BlueskyOptions = z.infer<typeof blueskyOptionsSchema>;
export const DEFAULT_BLUESKY_OPTIONS: BlueskyOptions = { replies: { kind: 'everyone' }, allowQuotes: true, labels: [] };

/**
 * The post this one quotes (issue 22), by its web address or at:// URI: a Bluesky post becomes an
 * `embed.record`, a Mastodon post `quoted_status_id` where the server takes quotes. A post whose
 * author does not allow quotes is refused, never quoted (the privacy rule of replies, issue 18).
 */
export const quoteTargetSchema = z.object({ url: z.string().min(1).max(2_000) });
export type QuoteTarget = z.infer<typeof quoteTargetSchema>;

/**
 * A first comment (issue 22): published as a reply to the post right after it, by the same
 * delivery, as one more part of it (lib/publish/build-input.ts), so it has its own record key /
 * Idempotency-Key and a retry after the post went out sends only the comment.
 */
export const firstCommentSchema = z.object({ accountId: idSchema, text: z.string().max(10_000) });
export type FirstComment = z.infer<typeof firstCommentSchema>;

/**
 * What the user wants to say. A post is sent through one delivery per chosen account,
 * each with its own state (see delivery.ts).
 */
export const postSchema = z.object({
  v: z.literal(1),
  id: idSchema,
  workspaceId: idSchema,
  clipId: idSchema.nullable(),
  text: z.string(),
  variants: z.array(variantSchema),
  media: z.array(mediaSchema),
  link: linkCardSchema.nullable(),
  /** The language the post is written in (a BCP 47 tag: Bluesky `langs`, Mastodon `language`); null: not said. */
  lang: z.string().nullable(),
  /** Absent on posts written before Mastodon's options existed (issue 17): the defaults above. */
  mastodon: mastodonOptionsSchema.optional(),
  /** Absent on posts written before Bluesky's controls existed (issue 22): the defaults above. */
  bluesky: blueskyOptionsSchema.optional(),
  /** Absent or null: quotes nothing. */
  quote: quoteTargetSchema.nullable().optional(),
  /** One per account at most; absent on posts written before first comments (issue 22): none. */
  firstComments: z.array(firstCommentSchema).optional(),
  campaign: z.string().nullable(),
  pillar: z.string().nullable(),
  utm: z.object({ enabled: z.boolean(), medium: z.string(), campaign: z.string() }),
  /**
   * Experiment group: posts sharing it are variants A/B/… of one test (lib/compose/experiment.ts).
   * `question`, what the test asks, was added after the first rows: theirs read as ''.
   */
  experiment: z.object({ id: idSchema, arm: z.string(), question: z.string().default('') }).nullable(),
  evergreenDays: z.number().int().positive().nullable(),
  /**
   * Set on a reply written in the inbox or listening: the post it answers, that thread's root,
   * and who can see the post it answers (issue 18: the reply is never wider; null, as on replies
   * stored before, is unknown and answered `direct` on Mastodon).
   */
  replyTo: z
    .object({ parent: remoteRefSchema, root: remoteRefSchema, visibility: visibilitySchema.nullable().default(null) })
    .nullable()
    .default(null),
  createdAt: epochMsSchema,
  updatedAt: epochMsSchema,
});
export type Post = z.infer<typeof postSchema>;
