import type { StoreName } from './stores';

/** What changed, never the data: listeners re-read what they show. */
export interface Change {
  store: StoreName;
  keys: string[];
  op: 'put' | 'delete';
}

export type ChangeListener = (change: Change) => void;

export interface ChangeFeed {
  publish(change: Change): void;
  subscribe(listener: ChangeListener): () => void;
  close(): void;
}

export const CHANGE_CHANNEL = 'cadence-changes';

/**
 * Every write is announced on a BroadcastChannel shared by the background and every open view
 * (same extension origin). BroadcastChannel does not echo to its sender, so local listeners are
 * told directly.
 */
export function createChangeFeed(channelName = CHANGE_CHANNEL): ChangeFeed {
  const listeners = new Set<ChangeListener>();
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(channelName);
  const notify = (change: Change) => {
    for (const listener of listeners) listener(change);
  };
  channel?.addEventListener('message', (event: MessageEvent<Change>) => notify(event.data));
  return {
    publish(change) {
      notify(change);
      channel?.postMessage(change);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      channel?.close();
    },
  };
}
