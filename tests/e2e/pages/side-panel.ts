import type { Browser, Page } from 'puppeteer-core';

/** The side panel page, opened in a tab (the same document Chrome shows in the side panel). */
export class SidePanel {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, extensionId: string): Promise<SidePanel> {
    const page = await browser.newPage();
    await page.goto(`chrome-extension://${extensionId}/sidepanel.html`, { waitUntil: 'load' });
    await page.waitForSelector('[role="tablist"]');
    return new SidePanel(page);
  }

  async selectedView(): Promise<string> {
    return this.page.$eval('[role="tab"][aria-selected="true"]', (tab) => tab.textContent ?? '');
  }

  async focusedText(): Promise<string> {
    return this.page.evaluate(() => document.activeElement?.textContent ?? '');
  }

  async press(key: Parameters<Page['keyboard']['press']>[0]): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** The heading of the current view, once it has loaded its data. */
  async panelHeading(): Promise<string> {
    const heading = await this.page.waitForSelector('[role="tabpanel"] h2', { timeout: 5000 });
    return heading!.evaluate((element) => element.textContent ?? '');
  }

  async show(view: string): Promise<void> {
    await this.page.click(`#tab-${view.toLowerCase()}`);
  }

  async clipTitles(): Promise<string[]> {
    return this.page.$$eval('[data-testid="clip-list"] .clip-card__title', (links) => links.map((link) => link.textContent ?? ''));
  }

  async waitForClip(title: string, timeout = 10_000): Promise<void> {
    await this.show('Queue');
    await this.page.waitForFunction(
      (wanted) => [...document.querySelectorAll('.clip-card__title')].some((link) => link.textContent === wanted),
      { timeout },
      title,
    );
  }

  /** Reads one row straight from the extension's IndexedDB, as the views do. */
  async readRow(store: string, key: string): Promise<unknown> {
    return this.page.evaluate(
      (storeName, rowKey) =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('cadence');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction(storeName).objectStore(storeName).get(rowKey);
            request.onsuccess = () => {
              resolve(request.result);
              open.result.close();
            };
            request.onerror = () => reject(request.error);
          };
        }),
      store,
      key,
    );
  }
}
