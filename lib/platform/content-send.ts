import type { MessageInput, MessageOutput, MessageType } from '../messaging/protocol';
import type { PROTOCOL } from '../messaging/protocol';

interface RuntimeLike {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: { addListener(listener: (message: unknown) => void): void; removeListener(listener: (message: unknown) => void): void };
  };
}

/** The messages a content script may send: those whose spec allows the `content` sender. */
export type ContentMessage = { [K in MessageType]: 'content' extends (typeof PROTOCOL)[K]['from'][number] ? K : never }[MessageType];

/**
 * The site script's way to the background, without the polyfill or zod in its bundle: Chrome's
 * MV3 `chrome.runtime` and Firefox's `browser.runtime` both return promises.
 */
export function contentRuntime(): RuntimeLike['runtime'] | null {
  const scope = globalThis as { browser?: RuntimeLike; chrome?: RuntimeLike };
  return (scope.browser ?? scope.chrome)?.runtime ?? null;
}

/**
 * Sends one message. The background validates the payload and the sender
 * (lib/messaging/router.ts); this end only unwraps the `{ ok, value | error }` answer, and shows
 * the answer as text, never markup.
 */
export async function sendFromContent<K extends ContentMessage>(type: K, payload: MessageInput<K>): Promise<MessageOutput<K>> {
  const runtime = contentRuntime();
  if (!runtime) throw new Error('Cadence is not available on this page.');
  const answer = (await runtime.sendMessage({ type, payload }).catch(() => null)) as { ok?: unknown; value?: unknown; error?: { message?: unknown } } | null;
  if (answer?.ok === true) return answer.value as MessageOutput<K>;
  const message = answer?.error?.message;
  throw new Error(typeof message === 'string' ? message : 'Cadence did not answer. Reload the page and try again.');
}
