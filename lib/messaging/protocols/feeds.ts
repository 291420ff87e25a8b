import { z } from 'zod';
import { idSchema } from '../../model';
import type { MessageSpec } from '../spec';

const feedUrlSchema = z
  .string()
  .trim()
  .max(8_192)
  .refine((value) => /^https?:\/\//i.test(value), { message: 'must be an http(s) address' });

/** Feeds into the queue (issue 22). Through the background: they fetch from the network and open tabs. Merged into PROTOCOL (../protocol.ts). */
export const FEEDS_PROTOCOL = {
  /**
   * Follows a feed in a workspace and polls it at once. The panel has asked for the feed host's
   * permission in the user's click before sending this. A feed that fails is still followed: its
   * row says why (`error`), and nothing else changes.
   */
  'feeds.add': {
    from: ['extension'],
    input: z.object({ workspaceId: idSchema, url: feedUrlSchema }),
    output: z.object({ feedId: z.string(), isNew: z.boolean(), title: z.string(), added: z.number(), error: z.string().nullable() }),
  },
  /** "Check now": polls one feed, or every feed of a workspace, whatever their next poll time. */
  'feeds.poll': {
    from: ['extension'],
    input: z.object({ feedId: idSchema.optional(), workspaceId: idSchema.optional() }),
    output: z.object({ polled: z.number(), added: z.number(), errors: z.number() }),
  },
  /** "Read" on a feed item: opens its page in a tab and clips it through the normal capture path. */
  'feeds.read': {
    from: ['extension'],
    input: z.object({ clipId: idSchema }),
    output: z.object({ clipId: z.string(), title: z.string(), kind: z.string(), warning: z.string().nullable() }),
  },
} as const satisfies Record<string, MessageSpec>;
