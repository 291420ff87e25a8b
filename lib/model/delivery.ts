import { z } from 'zod';
import { epochMsSchema, idSchema, networkSchema } from './common';

/**
 * draft → scheduled → publishing → published, or retrying / failed / awaiting-confirmation
 * (reminder networks) / held (late past the user's policy) / cancelled. See docs/architecture.md, decision 5.
 * A published post the user deleted from the network from Cadence is `deleted` (issue 17): it
 * keeps its record of what went out.
 */
export const remoteRefSchema = z.object({ id: z.string(), url: z.string(), cid: z.string().nullable() });

/**
 * What one part of a delivery carried when it went out: its text, the alt text of each image in
 * order, and the link card's URL. The post may be edited afterwards (evergreen posts are, for
 * their next round), so this, not the post, is the record of what was posted.
 */
/** One image as it went out: where Cadence keeps it (a clip's URL or `blob:<key>`), its alt text and type. */
export const sentMediaSchema = z.object({ src: z.string(), alt: z.string(), mime: z.string() });
export type SentMedia = z.infer<typeof sentMediaSchema>;

export const sentPartSchema = z.object({
  text: z.string(),
  alts: z.array(z.string()),
  link: z.string().nullable(),
  /**
   * The images themselves (issue 17: the post's images may be swapped for its next round).
   * Absent on parts recorded before Cadence kept them: those have only `alts`.
   */
  media: z.array(sentMediaSchema).optional(),
  /** The part is the post's first comment (issue 22): a reply to part 0, sent after the thread. Absent: a part of the post. */
  comment: z.literal(true).optional(),
});
export type SentPart = z.infer<typeof sentPartSchema>;

export const deliveryStateSchema = z.enum([
  'draft',
  'scheduled',
  'publishing',
  'retrying',
  'published',
  'failed',
  'awaiting-confirmation',
  'held',
  'cancelled',
  'deleted',
]);
export type DeliveryState = z.infer<typeof deliveryStateSchema>;

export const deliverySchema = z.object({
  v: z.literal(1),
  id: idSchema,
  postId: idSchema,
  accountId: idSchema,
  workspaceId: idSchema,
  network: networkSchema,
  state: deliveryStateSchema,
  method: z.enum(['api', 'reminder', 'server-scheduled']),
  /** When it should go out; null for drafts. */
  dueAt: epochMsSchema.nullable(),
  attempt: z.number().int().nonnegative(),
  nextAttemptAt: epochMsSchema.nullable(),
  /** Written by the claim transaction; an expired lease is reconciled, never blindly re-sent. */
  lease: z.object({ owner: z.string(), until: epochMsSchema }).nullable(),
  /** Chosen before the first attempt and reused on every retry (Mastodon Idempotency-Key). */
  idempotencyKey: z.string(),
  /** Bluesky record key (a TID) chosen before the first attempt. */
  rkey: z.string().nullable(),
  remote: remoteRefSchema.nullable(),
  /**
   * Parts of a thread already accepted by the network, in order, written after each one: a
   * resumed attempt continues after them instead of posting them again. Rows written before
   * threads were published have none.
   */
  parts: z.array(remoteRefSchema).default([]),
  /**
   * What went out, part by part (lib/publish/sent.ts): written with each part the network accepts,
   * with the hand-off the server holds, and when the user confirms a reminder. Null until then,
   * and on rows published before it was kept: those show the post's words.
   */
  sent: z
    .object({ parts: z.array(sentPartSchema) })
    .nullable()
    .default(null),
  /**
   * Edits the user made on the network from Cadence after it went out (Mastodon only), oldest
   * first: when, and the text of every part as the network shows it since. `sent` stays what
   * first went out. Absent (none) on rows written before edits were possible.
   */
  edits: z.array(z.object({ at: epochMsSchema, parts: z.array(z.string()) })).optional(),
  /** When the user deleted it from the network from Cadence (state `deleted`); absent otherwise. */
  deletedAt: epochMsSchema.optional(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  /**
   * Whether an attempt may have reached the network with its outcome unknown (issue 18, hole 4).
   * 'maybe' is written with the lease renewal just before an attempt's first request, and stays
   * until the outcome is known: published, or a refusal the server answered. 'user-checked': the
   * network could not tell, the user looked and chose to publish anyway. No user action clears
   * it: Try again after Mastodon's one-hour Idempotency-Key window still asks the network first.
   * Absent on rows written before it was kept: those read as 'no' (lastError still counts).
   */
  doubt: z.enum(['no', 'maybe', 'user-checked']).optional(),
  publishedAt: epochMsSchema.nullable(),
  updatedAt: epochMsSchema,
});
export type Delivery = z.infer<typeof deliverySchema>;
