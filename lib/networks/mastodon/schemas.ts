import { z } from 'zod';
import { NetworkError, zodMessage } from '../../errors';

/**
 * The fields we read from Mastodon's entities (docs.joinmastodon.org/entities/…). Only what we
 * use is declared; everything else in a response is ignored, so a newer server does not break us.
 */

export const appSchema = z.object({ client_id: z.string().min(1), client_secret: z.string().min(1) });

export const tokenSchema = z.object({ access_token: z.string().min(1), scope: z.string().default('') });

export const accountSchema = z.object({
  id: z.string(),
  username: z.string(),
  acct: z.string(),
  display_name: z.string().default(''),
  avatar: z.string().nullish(),
  followers_count: z.number().int().default(0),
  following_count: z.number().int().default(0),
  statuses_count: z.number().int().default(0),
  /** Only on verify_credentials (CredentialAccount): the default visibility of new posts. */
  source: z.object({ privacy: z.string().nullish() }).nullish(),
});
export type MastodonAccount = z.infer<typeof accountSchema>;

/** MediaAttachment: reconcile tells image-only posts apart by their count and alt text. */
export const attachmentSchema = z.object({ id: z.string(), description: z.string().nullish() });

export const statusSchema = z.object({
  id: z.string(),
  uri: z.string(),
  url: z.string().nullish(),
  created_at: z.string(),
  account: accountSchema,
  content: z.string().default(''),
  /** Absent or unknown is read as unknown (lib/model/visibility.ts), never as public. */
  visibility: z.string().nullish(),
  /** docs.joinmastodon.org/entities/Status#mentions: who the status addresses. */
  mentions: z.array(z.object({ id: z.string(), acct: z.string() })).default([]),
  in_reply_to_id: z.string().nullish(),
  in_reply_to_account_id: z.string().nullish(),
  favourites_count: z.number().int().default(0),
  reblogs_count: z.number().int().default(0),
  replies_count: z.number().int().default(0),
  quotes_count: z.number().int().optional(),
  media_attachments: z.array(attachmentSchema).default([]),
  /** Quote posts (Mastodon 4.5, docs.joinmastodon.org/entities/Quote). */
  quote: z.object({ quoted_status: z.object({ id: z.string(), url: z.string().nullish(), uri: z.string() }).nullish() }).nullish(),
});
export type MastodonStatus = z.infer<typeof statusSchema>;

export const scheduledStatusSchema = z.object({ id: z.string(), scheduled_at: z.string() });

/**
 * A ScheduledStatus as GET /api/v1/scheduled_statuses lists it (docs.joinmastodon.org/entities/
 * ScheduledStatus). `params.in_reply_to_id` is the server's integer id rendered as a JSON number
 * (PostStatusService#scheduled_options), so it may arrive rounded; `params.idempotency` is
 * always cleared, so the key we sent cannot find the status again.
 */
export const scheduledListItemSchema = scheduledStatusSchema.extend({
  params: z.object({
    text: z.string().nullish(),
    in_reply_to_id: z.union([z.string(), z.number()]).nullish(),
  }),
  media_attachments: z.array(attachmentSchema).default([]),
});
export type MastodonScheduledStatus = z.infer<typeof scheduledListItemSchema>;

export const mediaSchema = z.object({ id: z.string(), url: z.string().nullish() });

export const notificationSchema = z.object({
  id: z.string(),
  type: z.string(),
  created_at: z.string(),
  status: statusSchema.nullish(),
});

export const contextSchema = z.object({ ancestors: z.array(statusSchema), descendants: z.array(statusSchema) });

export const searchSchema = z.object({ statuses: z.array(statusSchema) });

/** GET /api/v1/markers?timeline[]=notifications (docs.joinmastodon.org/entities/Marker); `{}` before any read. */
export const markersSchema = z.object({ notifications: z.object({ last_read_id: z.string() }).optional() });

const statusesConfig = z.object({
  max_characters: z.number().int().positive().optional(),
  max_media_attachments: z.number().int().nonnegative().optional(),
  characters_reserved_per_url: z.number().int().nonnegative().optional(),
});
const mediaConfig = z.object({ image_size_limit: z.number().int().positive().optional() });
/** InstanceV2 and the older V1_Instance share `configuration` (since 3.4.2); v1 also had `max_toot_chars`. */
export const instanceSchema = z.object({
  configuration: z.object({ statuses: statusesConfig.optional(), media_attachments: mediaConfig.optional() }).optional(),
  max_toot_chars: z.number().int().positive().optional(),
});

/** Parses a response body; a body of the wrong shape is the server's fault, reported as such. */
export function parseAs<T>(schema: z.ZodType<T>, body: unknown, host: string, what: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new NetworkError(`${host} answered ${what} in an unexpected form (${zodMessage(result.error)}).`);
}
