import type { Tabs, Windows } from 'webextension-polyfill';
import { AppError } from '../errors';
import { browser } from './browser';

/**
 * Chrome grants activeTab on the toolbar icon, a context-menu item or a keyboard shortcut, not on
 * a click inside the side panel (developer.chrome.com/docs/extensions/develop/concepts/activeTab).
 * Without a grant (or a host permission) the tab's URL is hidden from us, so nothing, not even a
 * link, can be filed: the panel says what works instead.
 */
export const NO_GRANT =
  'Chrome lets Cadence read a tab only after you invoke Cadence on it. Press Alt+Shift+S on the page, right-click it and choose “Clip page to Cadence”, or click the Cadence icon while the page is open, then try again.';

/** The tab the user is looking at: the active tab of the last focused browser window (the side panel is not a window). */
export async function activeBrowsingTab(): Promise<Tabs.Tab & { url: string }> {
  // Chrome and Firefox take windowTypes here (windows.QueryOptions); the polyfill's types lag behind.
  const window = await browser.windows.getLastFocused({ windowTypes: ['normal'] } as Windows.GetInfo);
  const [tab] = await browser.tabs.query({ active: true, windowId: window.id });
  if (!tab || tab.id === undefined) throw new AppError('cannot-capture', 'No browser tab is open to clip.');
  if (!tab.url) throw new AppError('cannot-capture', NO_GRANT);
  return { ...tab, url: tab.url };
}
