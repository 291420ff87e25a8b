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

  // The Queue view (issue 3). Rows are found by their title text, as a user finds them.

  /** Types into the queue's search box, replacing what is there, and waits out its debounce. */
  async search(text: string): Promise<void> {
    const box = await this.page.waitForSelector('[role="search"] input[type="search"]');
    await box!.click({ count: 3 });
    await this.page.keyboard.press('Backspace');
    if (text) await box!.type(text, { delay: 0 });
  }

  /** Chooses `value` in one of the queue filters: 'Kind', 'Status', 'Tag' or 'Site'. */
  async filter(label: 'Kind' | 'Status' | 'Tag' | 'Site', value: string): Promise<void> {
    const selector = `[role="search"] select[aria-label="${label}"]`;
    await this.page.waitForFunction((sel, wanted) => [...(document.querySelector<HTMLSelectElement>(sel)?.options ?? [])].some((o) => o.value === wanted), { timeout: 5000 }, selector, value);
    await this.page.select(selector, value);
  }

  /** Waits until the queue shows exactly these titles, in this order. */
  async waitForTitles(titles: string[], timeout = 5000): Promise<void> {
    await this.page
      .waitForFunction(
        (wanted) => JSON.stringify([...document.querySelectorAll('[data-testid="clip-list"] .clip-card__title')].map((link) => link.textContent)) === wanted,
        { timeout },
        JSON.stringify(titles),
      )
      .catch(async (error: unknown) => {
        throw new Error(`queue shows ${JSON.stringify(await this.clipTitles())}, wanted ${JSON.stringify(titles)}: ${String(error)}`);
      });
  }

  async matchCount(): Promise<string> {
    return this.page.$eval('[data-testid="match-count"]', (element) => element.textContent ?? '');
  }

  /** Focuses the row of the clip titled `title`, as ↑/↓ would. */
  async focusClip(title: string): Promise<void> {
    const found = await this.page.$$eval(
      '.clip-row',
      (rows, wanted) => {
        const row = (rows as HTMLElement[]).find((element) => element.querySelector('.clip-card__title')?.textContent === wanted);
        row?.focus();
        return row !== undefined;
      },
      title,
    );
    if (!found) throw new Error(`no clip titled "${title}" in the queue`);
  }

  async focusedClipTitle(): Promise<string | null> {
    return this.page.evaluate(() => document.activeElement?.closest('.clip-row')?.querySelector('.clip-card__title')?.textContent ?? null);
  }

  /** Enter on a row opens its tags and note; typing tags and Enter saves them. */
  async tagClip(title: string, tags: string): Promise<void> {
    await this.focusClip(title);
    await this.press('Enter');
    const input = await this.page.waitForSelector('.clip-editor input');
    await input!.type(tags, { delay: 0 });
    await this.press('Enter');
    await this.page.waitForSelector('.clip-editor', { hidden: true });
  }

  async archiveSelected(): Promise<void> {
    await this.page.click('[role="toolbar"][aria-label="Selected clips"] button:first-of-type');
  }

  /** Space on a row selects it. */
  async selectClip(title: string): Promise<void> {
    await this.focusClip(title);
    await this.press(' ');
  }
}
