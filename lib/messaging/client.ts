import { AppError, fromWireError, zodMessage } from '../errors';
import { PROTOCOL, responseSchema, type MessageInput, type MessageOutput, type MessageType } from './protocol';

export type RawSend = (message: unknown) => Promise<unknown>;

/**
 * The sending end, for any context. `send` is runtime.sendMessage (the side panel passes browser.runtime.sendMessage, components/shell/App.tsx);
 * it is a parameter so this runs under vitest.
 */
export function createMessenger(send: RawSend) {
  return async function request<K extends MessageType>(type: K, payload: MessageInput<K>): Promise<MessageOutput<K>> {
    const raw = await send({ type, payload }).catch((error: unknown) => {
      throw new AppError('internal', `Cadence's background did not answer: ${error instanceof Error ? error.message : String(error)}`);
    });
    const response = responseSchema.safeParse(raw);
    if (!response.success) throw new AppError('internal', `Malformed answer to ${type}: ${zodMessage(response.error)}`);
    if (!response.data.ok) throw fromWireError(response.data.error);
    const output = PROTOCOL[type].output.safeParse(response.data.value);
    if (!output.success) throw new AppError('internal', `Malformed answer to ${type}: ${zodMessage(output.error)}`);
    return output.data as MessageOutput<K>;
  };
}

export type Messenger = ReturnType<typeof createMessenger>;
