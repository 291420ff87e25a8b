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
