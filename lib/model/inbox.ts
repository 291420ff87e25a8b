import { z } from 'zod';
import { epochMsSchema, idSchema, networkSchema } from './common';

export const inboxItemSchema = z.object({
  v: z.literal(1),
  /** `<accountId>:<remote id>` so the same notification polled twice is one row. */
  id: idSchema,
  accountId: idSchema,
  workspaceId: idSchema,
  network: networkSchema,
  kind: z.enum(['mention', 'reply', 'quote', 'direct']),
  remoteId: z.string(),
  url: z.string(),
  author: z.object({
    handle: z.string(),
    displayName: z.string(),
    avatarUrl: z.string().nullable(),
    remoteId: z.string(),
  }),
  text: z.string(),
  /** Our delivery this answers, when it answers one of our published posts. */
  inReplyTo: z.object({ remoteId: z.string(), deliveryId: idSchema.nullable() }).nullable(),
  createdAt: epochMsSchema,
  receivedAt: epochMsSchema,
  isRead: z.boolean(),
  state: z.enum(['open', 'done', 'snoozed']),
  snoozedUntil: epochMsSchema.nullable(),
  labels: z.array(z.string()),
  repliedAt: epochMsSchema.nullable(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;
