/**
 * The background's nudge to an open side panel that it has something to show (a clicked failure
 * notification, issue 24). Like the change feed (lib/store/change-feed.ts) it carries nothing: the
 * panel then asks with the typed `panel.takeOpenRequest` message, which is parsed and sender-checked.
 */
export const PANEL_CHANNEL = 'cadence-panel';

let sender: BroadcastChannel | null = null;

export function pingPanel(): void {
  sender ??= new BroadcastChannel(PANEL_CHANNEL); // kept open, as the change feed keeps its channel
  sender.postMessage('open-request');
}

/** Calls `onPing` at every nudge; returns the way to stop listening. */
export function onPanelPing(onPing: () => void): () => void {
  const channel = new BroadcastChannel(PANEL_CHANNEL);
  channel.onmessage = () => onPing();
  return () => channel.close();
}
