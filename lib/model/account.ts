import { z } from 'zod';
import { epochMsSchema, httpUrlSchema, idSchema, networkSchema } from './common';

/** A weekly posting slot in the workspace's time zone (Buffer-style). */
export const slotSchema = z.object({
  weekday: z.number().int().min(0).max(6), // 0 = Sunday, as Date#getDay
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
});
export type Slot = z.infer<typeof slotSchema>;

export const accountLimitsSchema = z.object({
  maxCharacters: z.number().int().positive(),
  charactersPerUrl: z.number().int().nonnegative().nullable(),
  maxImages: z.number().int().nonnegative(),
  maxImageBytes: z.number().int().positive(),
  /**
   * Mastodon: the server takes quote posts (`quoted_status_id`, `quote_approval_policy`): its
   * instance says `api_versions.mastodon` ≥ 7 (Mastodon 4.5). Absent: it does not say, or the
   * limits were read before Cadence asked (issue 22). Bluesky always can.
   */
  quotes: z.boolean().optional(),
});
export type AccountLimits = z.infer<typeof accountLimitsSchema>;

/**
 * The public side of a connected account. Secrets live in `credentials` (see credential.ts),
 * which only the background reads: a view can list accounts without ever holding a token.
 */
export const accountSchema = z.object({
  v: z.literal(1),
  id: idSchema,
  workspaceId: idSchema,
  network: networkSchema,
  handle: z.string().min(1),
  displayName: z.string(),
  avatarUrl: httpUrlSchema.nullable(),
  /** The server this account lives on: a PDS for Bluesky, the instance for Mastodon. */
  serverUrl: httpUrlSchema.nullable(),
  /** The network's own id: a DID on Bluesky, the account id on Mastodon. */
  remoteId: z.string().nullable(),
  publishMode: z.enum(['api', 'reminder']),
  status: z.enum(['connected', 'disconnected']),
  statusReason: z.string().nullable(),
  limits: accountLimitsSchema,
  schedule: z.array(slotSchema),
  createdAt: epochMsSchema,
  updatedAt: epochMsSchema,
});
export type Account = z.infer<typeof accountSchema>;
