import { z } from 'zod';
import { clipCaptureSchema } from '../model';
import { wireErrorSchema } from '../errors';

/** Which context may send a message: content scripts only capture; extension pages command. */
export type SenderContext = 'content' | 'extension';

interface MessageSpec {
  from: readonly SenderContext[];
  input: z.ZodType;
  output: z.ZodType;
}

/**
 * The one protocol map. Every message the background accepts is here, with the schema of its
 * payload and of its answer; the background has exactly one handler for each (typed, see router.ts).
 */
export const PROTOCOL = {
  'app.status': {
    from: ['extension'],
    input: z.object({}),
    output: z.object({ startedAt: z.number(), starts: z.number(), dbVersion: z.number() }),
  },
  'capture.submit': {
    from: ['content', 'extension'],
    input: clipCaptureSchema,
    output: z.object({ clipId: z.string(), merged: z.boolean() }),
  },
  'schedule.changed': {
    from: ['extension'],
    input: z.object({}),
    output: z.object({ nextAlarmAt: z.number().nullable() }),
  },
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
