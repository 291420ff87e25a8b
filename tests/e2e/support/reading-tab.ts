import type { Page } from 'puppeteer-core';
import type { ExtensionBrowser } from './launch';

/** The tab object a menu click or shortcut hands the worker's listeners. */
export interface ClickedTab {
  id: number;
  url: string;
  title: string;
  windowId: number;
}

/**
 * Opens `url` in its own tab, as the user reads it, and returns the page and the tab a click
 * would hand the worker. Chrome puts url and title in that tab object because the click grants
 * activeTab; tabs.query leaves them out for hosts the build has no permission for, so they are
 * filled in from the page here, as the grant would. The page's own dialogs are dismissed: a
 * hostile page's frames may alert, which is the page's business.
 */
export async function openReadingTab(ext: ExtensionBrowser, url: string): Promise<{ page: Page; tab: ClickedTab }> {
  const page = await ext.browser.newPage();
  page.on('dialog', (dialog) => void dialog.dismiss());
  await page.goto(url, { waitUntil: 'load' });
  await page.bringToFront();
  const [tab] = await (await ext.worker()).evaluate(() => chrome.tabs.query({ active: true, lastFocusedWindow: true }));
  if (!tab?.id) throw new Error(`the worker sees no active tab at ${url}`);
  return { page, tab: { id: tab.id, windowId: tab.windowId, url: tab.url ?? page.url(), title: tab.title ?? (await page.title()) } };
}
