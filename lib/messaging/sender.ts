import type { SenderContext } from './protocol';

/** The parts of runtime.MessageSender we rely on. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
}

export interface SelfInfo {
  /** runtime.id */
  id: string;
  /** runtime.getURL(''), e.g. chrome-extension://<id>/ */
  origin: string;
}

/**
 * Which context sent a message. Extension pages (side panel, even opened in a tab) have a URL in
 * our origin; content scripts run in a tab with the page's URL. Anything from another extension
 * is nobody to us.
 */
export function classifySender(sender: SenderInfo, self: SelfInfo): SenderContext | null {
  if (sender.id !== self.id) return null;
  if (sender.url?.startsWith(self.origin)) return 'extension';
  if (sender.tab) return 'content';
  return null;
}
