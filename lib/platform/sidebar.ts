import { browser } from './browser';

/**
 * Firefox's toolbar button opens the sidebar (issue 21). Firefox has no sidePanel: the panel is a
 * sidebar_action, and a button with no popup fires action.onClicked. sidebarAction.open() and
 * toggle() are honoured only while the click's user gesture lasts, that is synchronously inside the
 * listener: no await may come before the call
 * (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/sidebarAction/toggle).
 * In Chrome the listener never fires: openPanelOnActionClick hands the click to the side panel.
 */
export interface SidebarApi {
  toggle(): Promise<void>;
}

/** The action.onClicked listener: toggles the sidebar where there is one, before anything else runs. */
export function createActionClick(sidebar: () => SidebarApi | undefined): () => void {
  return () => {
    const api = sidebar();
    if (!api) return;
    api.toggle().catch((error: unknown) => console.error('Cadence: the sidebar could not be opened', error));
  };
}

/** Firefox's sidebarAction; undefined in Chrome. */
export function firefoxSidebar(): SidebarApi | undefined {
  return (browser as { sidebarAction?: SidebarApi }).sidebarAction;
}
