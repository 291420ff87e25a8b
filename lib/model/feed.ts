import { z } from 'zod';
import { epochMsSchema, idSchema } from './common';

/** What a feed is written in, as read the last time it parsed (null until then). */
export const feedFormatSchema = z.enum(['rss', 'atom', 'json']);
export type FeedFormat = z.infer<typeof feedFormatSchema>;

/**
 * A feed a workspace follows (issue 22): RSS, Atom or JSON Feed, polled by the background
 * (lib/feeds/service.ts) on the `feeds` alarm. Invariants:
 * - `url` is the feed's own address (http or https), one row per workspace and address;
 * - `etag` and `lastModified` are the validators of the last 200 answer, sent back on the next poll;
 * - `error` is the sentence shown on the feed's row after a failed poll, cleared by the next good one;
 *   a failure changes nothing but this row (`failures` counts them for the backoff);
 * - `seen` holds the canonical addresses of the newest items already handled (at most SEEN_LIMIT),
 *   so an item the user deleted from the queue does not come back while the feed still lists it.
 */
export const feedSchema = z.object({
  v: z.literal(1),
  id: idSchema,
  workspaceId: idSchema,
  url: z.string().max(8_192),
  title: z.string().max(2_000),
  siteUrl: z.string().max(8_192).nullable(),
  format: feedFormatSchema.nullable(),
  etag: z.string().max(1_000).nullable(),
  lastModified: z.string().max(1_000).nullable(),
  lastPolledAt: epochMsSchema.nullable(),
  lastOkAt: epochMsSchema.nullable(),
  nextPollAt: epochMsSchema,
  failures: z.number().int().nonnegative(),
  error: z.string().max(2_000).nullable(),
  itemsAdded: z.number().int().nonnegative(),
  seen: z.array(z.string().max(8_192)).max(1_000),
  createdAt: epochMsSchema,
});
export type Feed = z.infer<typeof feedSchema>;

export const FEED_SEEN_LIMIT = 1_000;

/** A feed a page names in its `<link rel="alternate">` (autodiscovery, read by the capture script). */
export const feedLinkSchema = z.object({
  url: z.string().max(8_192),
  title: z.string().max(2_000),
  type: z.string().max(100),
});
export type FeedLink = z.infer<typeof feedLinkSchema>;
