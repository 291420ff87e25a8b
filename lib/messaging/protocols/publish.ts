import { z } from 'zod';
import { deliverySchema, idSchema } from '../../model';
import type { MessageSpec } from '../spec';

const byDelivery = z.object({ deliveryId: idSchema });
const deliveryAnswer = z.object({ delivery: deliverySchema });
const panelOnly = ['extension'] as const;
const takeBackReport = z.object({
  done: z.array(deliverySchema),
  refused: z.array(z.object({ deliveryId: idSchema, reason: z.string() })),
});
const byWorkspace = z.object({ workspaceId: idSchema });
const queueNote = z.object({ deliveryId: idSchema, handle: z.string(), dueAt: z.number().nullable(), reason: z.string() });

/** The publisher: share now, retry, confirm or snooze a reminder, unschedule and undo it. Merged into PROTOCOL (../protocol.ts). */
export const PUBLISH_PROTOCOL = {
  /** Deliveries were added, moved or removed: the publish alarm is set again. */
  'schedule.changed': { from: panelOnly, input: z.object({}), output: z.object({ nextAlarmAt: z.number().nullable() }) },
  /** The post a clicked failure notification asked the panel to open, once (lib/messaging/panel-ping.ts), or null. */
  'panel.takeOpenRequest': { from: panelOnly, input: z.object({}), output: z.object({ postId: idSchema.nullable() }) },
  /** Share now: every open delivery of the post goes out at once. */
  'publish.now': { from: panelOnly, input: z.object({ postId: idSchema }), output: z.object({ deliveries: z.array(deliverySchema) }) },
  'delivery.retry': { from: panelOnly, input: byDelivery, output: deliveryAnswer },
  'delivery.publishHeld': { from: panelOnly, input: byDelivery, output: deliveryAnswer },
  'delivery.confirm': { from: panelOnly, input: byDelivery, output: deliveryAnswer },
  'delivery.snooze': {
    from: panelOnly,
    input: z.object({
      deliveryId: idSchema,
      minutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60),
    }),
    output: deliveryAnswer,
  },
  /** Unschedule: the delivery goes back to a draft of its post (a hand-off is deleted on the server first). */
  'delivery.cancel': { from: panelOnly, input: byDelivery, output: deliveryAnswer },
  /** A published post is deleted from its network (Bluesky deleteRecord, Mastodon DELETE); the delivery keeps its record. */
  'delivery.deleteFromNetwork': { from: panelOnly, input: byDelivery, output: deliveryAnswer },
  /** Mastodon: a published post gets new text, part by part (PUT /api/v1/statuses/:id), its images kept. */
  'delivery.editOnNetwork': {
    from: panelOnly,
    input: z.object({ deliveryId: idSchema, texts: z.array(z.string().max(100_000)).min(1).max(100) }),
    output: deliveryAnswer,
  },
  /** An account unticked in Compose: its delivery is cancelled for good, the post keeps the others. */
  'delivery.drop': { from: panelOnly, input: byDelivery, output: deliveryAnswer },
  /** Unschedule in bulk: a day, a campaign, the open post. Each one is refused or done on its own. */
  'delivery.cancelMany': { from: panelOnly, input: z.object({ deliveryIds: z.array(idSchema).min(1).max(5000) }), output: takeBackReport },
  /** Undo of the above: each delivery takes back the state and time it had (the rows as they were). */
  'delivery.restore': { from: panelOnly, input: z.object({ deliveries: z.array(deliverySchema).min(1).max(5000) }), output: takeBackReport },
  /** Mastodon: give a post due more than 5 minutes ahead to the server's own scheduler. */
  'delivery.handOff': { from: panelOnly, input: byDelivery, output: deliveryAnswer },
  /** Pauses a workspace's queue, taking its hand-offs back from Mastodon's scheduler (lib/publish/pause-queue.ts). */
  'queue.pause': { from: panelOnly, input: byWorkspace, output: z.object({ withdrawn: z.number(), stayed: z.array(queueNote) }) },
  /** Resumes it: late posts by the late-post policy, hand-offs handed back or named with why not. */
  'queue.resume': {
    from: panelOnly,
    input: byWorkspace,
    output: z.object({ handedBack: z.number(), notBack: z.array(queueNote), held: z.number(), late: z.number() }),
  },
} as const satisfies Record<string, MessageSpec>;
