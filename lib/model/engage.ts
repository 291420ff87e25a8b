import { z } from 'zod';
import { epochMsSchema, idSchema, networkSchema } from './common';
import { remoteRefSchema } from './delivery';
import { inboxAuthorSchema } from './inbox';
import { visibilitySchema } from './visibility';

/**
 * The poller's memory, kept in IndexedDB because the worker can die between two polls.
 * One row per account (its notification high-water mark and cadence), and one row saying
 * whether a side panel is open (the panel tells the background; polling speeds up while it is).
 */
export const accountPollSchema = z.object({
  v: z.literal(1),
  kind: z.literal('account'),
  /** The account id. */
  id: idSchema,
  /** The adapter's high-water mark: passed to notifications(cursor), replaced by what it returns. */
  cursor: z.string().nullable(),
  lastPolledAt: epochMsSchema.nullable(),
  /** The last time something new arrived or we replied: polling stays fast for a while after. */
  lastActivityAt: epochMsSchema.nullable(),
  nextPollAt: epochMsSchema,
  /** Consecutive failed polls (network, rate limit): the next one waits longer. */
  failures: z.number().int().nonnegative(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type AccountPoll = z.infer<typeof accountPollSchema>;

export const PANEL_STATE_ID = 'panel';

export const panelStateSchema = z.object({
  v: z.literal(1),
  kind: z.literal('panel'),
  id: z.literal(PANEL_STATE_ID),
  isVisible: z.boolean(),
  updatedAt: epochMsSchema,
});
export type PanelState = z.infer<typeof panelStateSchema>;

export const pollStateSchema = z.discriminatedUnion('kind', [accountPollSchema, panelStateSchema]);
export type PollState = z.infer<typeof pollStateSchema>;

/**
 * A post a listening stream found. One row per stream and post (`${streamId}:${network}:${postId}`),
 * however many accounts or polls saw it; `accountId` is the account that found it first, which
 * also replies to and likes it.
 */
export const streamResultSchema = z.object({
  v: z.literal(1),
  id: idSchema,
  streamId: idSchema,
  workspaceId: idSchema,
  accountId: idSchema,
  network: networkSchema,
  ref: remoteRefSchema,
  root: remoteRefSchema.nullable(),
  author: inboxAuthorSchema,
  text: z.string(),
  createdAt: epochMsSchema,
  foundAt: epochMsSchema,
  likedAt: epochMsSchema.nullable(),
  repliedAt: epochMsSchema.nullable(),
  clipId: idSchema.nullable(),
  /** As on inbox items (inbox.ts, issue 18): null is unknown, and a reply to it goes out `direct`. */
  visibility: visibilitySchema.nullable().default(null),
  replyMentions: z.array(z.string()).nullable().default(null),
});
export type StreamResult = z.infer<typeof streamResultSchema>;

/** A canned answer for customer care; `{name}` and `{handle}` are filled from the person answered. */
export const savedReplySchema = z.object({
  v: z.literal(1),
  id: idSchema,
  workspaceId: idSchema,
  name: z.string().trim().min(1).max(80),
  text: z.string().min(1),
  createdAt: epochMsSchema,
  updatedAt: epochMsSchema,
});
export type SavedReply = z.infer<typeof savedReplySchema>;
