/**
 * Which writes go through the background, and which are local edits.
 *
 * Through the background, by a message of this map (the side panel and the site scripts never do
 * these themselves):
 * - credentials and the networks: connecting, disconnecting and signing out accounts; publishing,
 *   replying, liking, reading and marking read on a network; deleting or editing a published post
 *   (only the background holds tokens);
 * - alarms and leases: publishing now, retrying, snoozing, confirming, cancelling, handing off,
 *   pausing a queue, deleting a workspace (its accounts' sign-ins end at their servers too);
 * - capture: reading a tab, filing what a site script sends, Share next;
 * - feeds: following one (its first poll), polling, "Read" on a feed item (a tab is opened);
 * - the team's runner: its keys, handing it an account's sealed sign-in and taking it back (the team server);
 * - the site scripts' registrations and the host permissions behind them;
 * - shared workspaces: linking one to the team server, syncing, and the review actions on a post
 *   (only the background holds the member's team password and talks to the team server).
 *
 * Local edits, written by the side panel straight to IndexedDB through its data layer
 * (components/data/): clips and their curation, drafts and posts, queueing into slots, moving and
 * swapping deliveries, posting schedules, listening streams, inbox labels and notes, saved replies,
 * templates, settings, workspaces, backup import. The background hears of every write by the
 * store's change feed. A local edit that changes what the background must act on — a due time, a
 * queue, a posting schedule, an import — is followed, inside its data-layer mutation and once, by
 * `schedule.changed` (components/data/schedule.ts), so the publish alarm is set again at once.
 */
import { z } from 'zod';
import { submittedCaptureSchema } from '../model';
import { wireErrorSchema } from '../errors';

import type { MessageSpec } from './spec';
import { ACCOUNTS_PROTOCOL } from './protocols/accounts';
import { CAPTURE_PROTOCOL } from './protocols/capture';
import { PUBLISH_PROTOCOL } from './protocols/publish';
import { INBOX_PROTOCOL } from './protocols/inbox';
import { INSIGHTS_PROTOCOL } from './protocols/insights';
import { WORKSPACES_PROTOCOL } from './protocols/workspaces';
import { SITES_PROTOCOL } from './protocols/sites';
import { FEEDS_PROTOCOL } from './protocols/feeds';
import { RUNNER_PROTOCOL } from './protocols/runner';
import { TEAM_PROTOCOL } from './protocols/team';

export type { SenderContext, MessageSpec } from './spec';

/**
 * The one protocol map. Every message the background accepts is here, with the schema of its
 * payload and of its answer; the background has exactly one handler for each (typed, see router.ts).
 * Each area keeps its messages in protocols/<area>.ts; they meet here, so a name used twice is
 * caught by the `satisfies` below and by the router's exhaustive handler type.
 */
export const CORE_PROTOCOL = {
  'app.status': {
    from: ['extension'],
    input: z.object({}),
    output: z.object({ startedAt: z.number(), starts: z.number(), dbVersion: z.number() }),
  },
  'capture.submit': {
    from: ['content', 'extension'],
    input: submittedCaptureSchema,
    output: z.object({ clipId: z.string(), merged: z.boolean() }),
  },
} as const satisfies Record<string, MessageSpec>;

export const PROTOCOL = {
  ...CORE_PROTOCOL,
  ...CAPTURE_PROTOCOL,
  ...ACCOUNTS_PROTOCOL,
  ...PUBLISH_PROTOCOL,
  ...INBOX_PROTOCOL,
  ...INSIGHTS_PROTOCOL,
  ...WORKSPACES_PROTOCOL,
  ...SITES_PROTOCOL,
  ...FEEDS_PROTOCOL,
  ...RUNNER_PROTOCOL,
  ...TEAM_PROTOCOL,
} as const satisfies Record<string, MessageSpec>;

export type MessageType = keyof typeof PROTOCOL;
export type MessageInput<K extends MessageType> = z.input<(typeof PROTOCOL)[K]['input']>;
export type MessageOutput<K extends MessageType> = z.infer<(typeof PROTOCOL)[K]['output']>;

export const requestSchema = z.object({
  type: z.enum(Object.keys(PROTOCOL) as [MessageType, ...MessageType[]]),
  payload: z.unknown(),
});

export const responseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: wireErrorSchema }),
]);
export type Response = z.infer<typeof responseSchema>;
