import { z } from 'zod';
import { remoteRefSchema } from '../../model';
import type { MessageSpec } from '../spec';

const refSchema = remoteRefSchema;
const authorSchema = z.object({ remoteId: z.string(), handle: z.string(), displayName: z.string(), avatarUrl: z.string().nullable() });

/** A post as adapters return it (lib/networks/types.ts RemotePost), for conversation threads. */
export const remotePostSchema = z.object({
  ref: refSchema,
  author: authorSchema,
  text: z.string(),
  createdAt: z.number(),
  inReplyTo: refSchema.nullable(),
  root: refSchema.nullable(),
  counts: z.record(z.string(), z.number()),
});

/** The inbox and listening: poll now, reply, like, repost, threads, read markers. Merged into PROTOCOL (../protocol.ts). */
export const INBOX_PROTOCOL = {
  /** The side panel opened or was hidden: the poller speeds up while someone is looking. */
  'panel.visible': {
    from: ['extension'],
    input: z.object({ visible: z.boolean() }),
    output: z.object({ nextPollAt: z.number().nullable() }),
  },
  /** "Check now": polls every account and stream at once, whatever the cadence. */
  'inbox.poll': {
    from: ['extension'],
    input: z.object({}),
    output: z.object({ added: z.number().int(), found: z.number().int(), nextPollAt: z.number().nullable() }),
  },
  'inbox.thread': {
    from: ['extension'],
    input: z.object({ accountId: z.string(), ref: refSchema }),
    output: z.object({ posts: z.array(remotePostSchema) }),
  },
  /** A reply from the inbox or listening, through the exactly-once path (lib/engage/reply.ts). */
  'inbox.reply': {
    from: ['extension'],
    input: z.object({
      accountId: z.string(),
      text: z.string(),
      replyTo: z.object({ parent: refSchema, root: refSchema }),
      inboxItemId: z.string().nullable(),
      streamResultId: z.string().nullable(),
    }),
    // remote is null when the background's own publish run has the reply and sends it a moment later.
    output: z.object({ deliveryId: z.string(), remote: refSchema.nullable() }),
  },
  'engage.react': {
    from: ['extension'],
    input: z.object({
      accountId: z.string(),
      ref: refSchema,
      how: z.enum(['like', 'repost']),
      inboxItemId: z.string().nullable(),
      streamResultId: z.string().nullable(),
    }),
    output: z.object({ ref: refSchema }),
  },
  /** Read flags here, and the network's own marker as far as every older item is read. */
  'inbox.markRead': {
    from: ['extension'],
    input: z.object({ ids: z.array(z.string()).min(1), isRead: z.boolean() }),
    output: z.object({ moved: z.array(z.string()) }),
  },
} as const satisfies Record<string, MessageSpec>;
