import { z } from 'zod';
import { epochMsSchema, idSchema, timeZoneSchema } from './common';

/** One client of the social media manager. Accounts, queue, streams and reports hang off it. */
export const workspaceSchema = z.object({
  v: z.literal(1),
  id: idSchema,
  name: z.string().trim().min(1).max(80),
  timeZone: timeZoneSchema,
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
  /**
   * Set while the manager has paused this workspace's queue (issue 17): nothing of it publishes on
   * the alarms until Resume (lib/publish/pause-queue.ts). `withdrawn`: the hand-offs the pause took
   * back from Mastodon's scheduler, handed back on resume; `stayed`: those it could not take back,
   * which the server still publishes, with why. Absent on rows written before pausing existed.
   */
  queuePause: z
    .object({
      since: epochMsSchema,
      withdrawn: z.array(idSchema),
      stayed: z.array(z.object({ deliveryId: idSchema, handle: z.string(), dueAt: epochMsSchema.nullable(), reason: z.string() })),
    })
    .optional(),
  createdAt: epochMsSchema,
  updatedAt: epochMsSchema,
});
export type Workspace = z.infer<typeof workspaceSchema>;
