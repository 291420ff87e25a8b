import { z } from 'zod';
import { epochMsSchema, idSchema, networkSchema } from './common';
import { remoteRefSchema } from './delivery';
import { visibilitySchema } from './visibility';

export const inboxAuthorSchema = z.object({
  handle: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  remoteId: z.string(),
});

/** The labels customer care starts with; any other text is a custom label. */
export const STANDARD_LABELS = ['question', 'complaint', 'praise', 'lead'] as const;

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
  author: inboxAuthorSchema,
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
  /*
   * Added by the poller (issue 6), defaulted so rows written before read as they were:
   * the post itself (with Bluesky's cid, needed to reply to or like it), its thread root,
   * the post of ours it answers or quotes, and what we did about it.
   */
  ref: remoteRefSchema.nullable().default(null),
  root: remoteRefSchema.nullable().default(null),
  subject: remoteRefSchema.nullable().default(null),
  replyDeliveryId: idSchema.nullable().default(null),
  likedAt: epochMsSchema.nullable().default(null),
  repostedAt: epochMsSchema.nullable().default(null),
  /*
   * Added for issue 18 (a reply never widens the audience of what it answers), defaulted so rows
   * written before read as they were: who can see the post (null: unknown, answered `direct`), and
   * the accounts a reply addresses as the network's own clients prefill them (null: not kept then).
   */
  visibility: visibilitySchema.nullable().default(null),
  replyMentions: z.array(z.string()).nullable().default(null),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;
