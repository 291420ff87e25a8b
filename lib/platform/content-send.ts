import type { MessageInput, MessageOutput } from '../messaging/protocol';

interface RuntimeLike {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

/**
 * The site script's way to the background, without the polyfill or zod in its bundle: Chrome's
 * MV3 `chrome.runtime.sendMessage` and Firefox's `browser.runtime.sendMessage` both return
 * promises. The background validates the payload and the sender (lib/messaging/router.ts); this
 * end only unwraps the `{ ok, value | error }` answer, and shows the answer as text, never markup.
 */
export async function sendFromContent<K extends 'capture.submit' | 'capture.shareNext'>(type: K, payload: MessageInput<K>): Promise<MessageOutput<K>> {
  const scope = globalThis as { browser?: RuntimeLike; chrome?: RuntimeLike };
  const api = scope.browser ?? scope.chrome;
  if (!api) throw new Error('Cadence is not available on this page.');
  const answer = (await api.runtime.sendMessage({ type, payload }).catch(() => null)) as { ok?: unknown; value?: unknown; error?: { message?: unknown } } | null;
  if (answer?.ok === true) return answer.value as MessageOutput<K>;
  const message = answer?.error?.message;
  throw new Error(typeof message === 'string' ? message : 'Cadence did not answer. Reload the page and try again.');
}
