import { z } from 'zod';
import { feedLinkSchema, submittedCaptureSchema } from '../../model';
import type { MessageSpec } from '../spec';

/** Capture started from Cadence's own pages and the site scripts. Merged into PROTOCOL (../protocol.ts). */
export const CAPTURE_PROTOCOL = {
  /**
   * "Clip this page" in the Queue: clips the active tab of the last focused browser window. The
   * answer says what was filed, and why it is only a link when the page could not be read.
   */
  'capture.activeTab': {
    from: ['extension'],
    input: z.object({}),
    // feeds: what the page names in <link rel="alternate"> (issue 22), for "Follow this site's feed".
    output: z.object({
      clipId: z.string(),
      merged: z.boolean(),
      title: z.string(),
      kind: z.string(),
      warning: z.string().nullable(),
      feeds: z.array(feedLinkSchema).max(20).optional(),
    }),
  },
  /**
   * "Share next" on a post of a social site (entrypoints/social.content.ts): files the clip, writes
   * a post from it and queues it in the next free slot of each account of the active workspace.
   * Only a site script sends it; the answer is the sentence its status shows, with or without a queue.
   */
  'capture.shareNext': {
    from: ['content'],
    input: submittedCaptureSchema,
    output: z.object({
      clipId: z.string(),
      postId: z.string().nullable(),
      queued: z.array(z.object({ accountId: z.string(), handle: z.string(), dueAt: z.number() })),
      message: z.string(),
    }),
  },
  /**
   * "Undo" beside a Share next that queued (issue 18, hole 9): takes the post it wrote out of the
   * queue again. Only for a post Share next made, and only for a while after.
   */
  'capture.undoShareNext': {
    from: ['content'],
    input: z.object({ postId: z.string().min(1).max(100) }),
    output: z.object({ message: z.string() }),
  },
} as const satisfies Record<string, MessageSpec>;
