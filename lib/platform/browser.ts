import { browser as wxtBrowser } from 'wxt/browser';
import type { Browser } from 'webextension-polyfill';

/**
 * The one `browser` of Cadence: wxt.config.ts aliases `wxt/browser` to webextension-polyfill,
 * so this is the promise-based polyfill in every context (and WXT's fake browser under vitest).
 * Typed as the polyfill, which is what runs.
 */
export const browser = wxtBrowser as unknown as Browser;

/** Chrome's side panel API, which the polyfill does not type (Firefox uses sidebar_action). */
interface SidePanelApi {
  setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
  open(options: { tabId?: number; windowId?: number }): Promise<void>;
}

export function chromeSidePanel(): SidePanelApi | undefined {
  return (globalThis as { chrome?: { sidePanel?: SidePanelApi } }).chrome?.sidePanel;
}

/** The toolbar icon opens the side panel (Chrome; Firefox's sidebar_action needs nothing). */
export function openPanelOnActionClick(): void {
  void chromeSidePanel()
    ?.setPanelBehavior({ openPanelOnActionClick: true })
    .catch((error: unknown) => console.error('Cadence: could not set the side panel behaviour', error));
}
