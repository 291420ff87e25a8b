import { AppError, toWireError, zodMessage } from '../errors';
import { PROTOCOL, requestSchema, type MessageOutput, type MessageType, type Response, type SenderContext } from './protocol';
import { classifySender, type SelfInfo, type SenderInfo } from './sender';

export interface HandlerContext {
  from: SenderContext;
  tabId: number | null;
}

export type Handlers = {
  [K in MessageType]: (input: import('zod').infer<(typeof PROTOCOL)[K]['input']>, context: HandlerContext) => Promise<MessageOutput<K>>;
};

/**
 * The receiving end: parse the envelope, check who sent it, parse the payload, run the one
 * handler, and answer with plain data. Errors cross as `{ code, message }`.
 */
export function createMessageRouter(handlers: Handlers, self: SelfInfo) {
  return async function route(message: unknown, sender: SenderInfo & { tab?: { id?: number } }): Promise<Response> {
    try {
      const request = requestSchema.safeParse(message);
      if (!request.success) throw new AppError('unknown-message', `Not a Cadence message: ${zodMessage(request.error)}`);
      const { type, payload } = request.data;
      const spec = PROTOCOL[type];
      const from = classifySender(sender, self);
      if (!from || !(spec.from as readonly SenderContext[]).includes(from)) {
        throw new AppError('forbidden-sender', `${type} may not be sent from ${from ?? 'outside Cadence'}`);
      }
      const input = spec.input.safeParse(payload);
      if (!input.success) throw new AppError('validation', `${type}: ${zodMessage(input.error)}`);
      const handler = handlers[type] as (input: unknown, context: HandlerContext) => Promise<unknown>;
      const value = await handler(input.data, { from, tabId: sender.tab?.id ?? null });
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toWireError(error) };
    }
  };
}
