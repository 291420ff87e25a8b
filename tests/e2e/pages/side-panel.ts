import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { clipSchema, settingsSchema, workspaceSchema, type Account, type Clip, type Workspace } from '@/lib/model';
import { mastodonAccountFields, type Connected } from '../../harness/mastodon/connect-account';
import { makeAccount } from '../../unit/factories';

/** One card of the Queue as a reader sees it: its kind label ("Article", "Quote", "Post"…), title and lines. */
export interface QueueCard {
  kind: string;
  title: string;
  excerpt: string | null;
  quote: string | null;
  /** Site, author and capture time, joined by " · ". */
  meta: string;
  /** "Credit: @alice.bsky.social on Bluesky · …", or null when the clip credits no one. */
  credit: string | null;
}

/** The side panel page, opened in a tab (the same document Chrome shows in the side panel). */
export class SidePanel {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, extensionId: string): Promise<SidePanel> {
    const page = await browser.newPage();
    await page.goto(`chrome-extension://${extensionId}/sidepanel.html`, { waitUntil: 'load' });
    await page.waitForSelector('[role="tablist"]');
    return new SidePanel(page);
  }

  /** The panel's page opened another way (Firefox: tests/harness/firefox.ts opens it from the chrome scope). */
  static async attach(page: Page): Promise<SidePanel> {
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

  /** Selects a view's tab; after a reload the tabs come once the database is open, so this waits for them. */
  async show(view: string): Promise<void> {
    const tab = await this.page.waitForSelector(`#tab-${view.toLowerCase()}`, { timeout: 10_000 });
    await tab!.click();
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

  /** The active workspace, once the first run has made it (the header names it then). */
  async activeWorkspace(): Promise<Workspace> {
    await this.page.waitForFunction(() => document.querySelector('[data-testid="active-workspace"]')?.textContent !== 'No workspace yet', { timeout: 10_000 });
    const { activeWorkspaceId } = settingsSchema.parse(await this.readRow('settings', 'settings'));
    if (!activeWorkspaceId) throw new Error('the settings name no active workspace');
    return workspaceSchema.parse(await this.readRow('workspaces', activeWorkspaceId));
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

  /**
   * A Mastodon account connected as Settings → Accounts leaves it (the OAuth window cannot be driven
   * headless): the account and its credential written into the store, then the panel reloaded, since
   * they were written behind the views' back.
   */
  async addMastodonAccount(connected: Connected, ids: { id: string; workspaceId: string }): Promise<Account> {
    const account = makeAccount({ ...ids, ...mastodonAccountFields(connected) });
    await this.putRows('credentials', [{ v: 1, accountId: account.id, secret: connected.secret, updatedAt: Date.now() }]);
    await this.putRows('accounts', [account]);
    await this.page.reload({ waitUntil: 'load' });
    return account;
  }

  /** Writes rows straight into the extension's IndexedDB, as a connected account would exist. */
  async putRows(store: string, rows: unknown[]): Promise<void> {
    await this.page.evaluate(
      (storeName, values) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('cadence');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(storeName, 'readwrite');
            for (const value of values) tx.objectStore(storeName).put(value);
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      store,
      rows,
    );
  }

  /** Every row of one store, straight from IndexedDB. */
  async readAll(store: string): Promise<unknown[]> {
    return this.page.evaluate(
      (storeName) =>
        new Promise<unknown[]>((resolve, reject) => {
          const open = indexedDB.open('cadence');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction(storeName).objectStore(storeName).getAll();
            request.onsuccess = () => {
              resolve(request.result);
              open.result.close();
            };
            request.onerror = () => reject(request.error);
          };
        }),
      store,
    );
  }

  /** Types into the composer's shared text, replacing what is there. */
  async typeSharedText(text: string): Promise<void> {
    const box = await this.page.waitForSelector('textarea[aria-label="Shared text"]');
    await box!.click({ count: 3 });
    await this.page.keyboard.down('Control');
    await this.page.keyboard.press('a');
    await this.page.keyboard.up('Control');
    await this.page.keyboard.press('Backspace');
    await box!.type(text, { delay: 0 });
  }

  async sharedText(): Promise<string> {
    const box = await this.page.waitForSelector('textarea[aria-label="Shared text"]');
    return box!.evaluate((element) => (element as HTMLTextAreaElement).value);
  }

  /** The live counter of the chosen account on `network`, e.g. "12 / 300" or "12 over". */
  async counter(network: string): Promise<string> {
    return this.page.$eval(`[data-testid="counter-${network}"] .count-line__value`, (element) => element.textContent ?? '');
  }

  async waitForCounter(network: string, text: string): Promise<void> {
    await this.page.waitForFunction(
      (selector, wanted) => document.querySelector(selector)?.textContent === wanted,
      { timeout: 5000 },
      `[data-testid="counter-${network}"] .count-line__value`,
      text,
    );
  }

  async splitThread(network: string): Promise<string[]> {
    await this.page.click(`[data-testid="counter-${network}"] .count-line__split button`);
    await this.page.waitForSelector(`[data-testid="counter-${network}"] .count-line__thread`);
    return this.page.$$eval(`[data-testid="counter-${network}"] .count-line__part`, (parts) => parts.map((part) => part.textContent ?? ''));
  }

  async clickButton(label: string): Promise<void> {
    const [button] = await this.page.$$(`xpath/.//button[normalize-space(.)="${label}"]`);
    if (!button) throw new Error(`no button "${label}"`);
    await button.click();
  }

  async status(testId: string): Promise<string> {
    const element = await this.page.waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent || null, { timeout: 5000 }, testId);
    return String(await element.jsonValue());
  }

  /** Calendar chips as { date, deliveryId } of the days they sit in. */
  async calendarChips(): Promise<{ date: string; deliveryId: string; text: string }[]> {
    return this.page.$$eval('[data-date] [data-delivery]', (chips) =>
      chips.map((chip) => ({
        date: chip.closest<HTMLElement>('[data-date]')?.dataset.date ?? '',
        deliveryId: (chip as HTMLElement).dataset.delivery ?? '',
        text: chip.textContent ?? '',
      })),
    );
  }

  /** Drags a chip with the mouse onto another day of the calendar. */
  async dragChip(deliveryId: string, toDate: string): Promise<void> {
    const chip = await this.page.waitForSelector(`[data-delivery="${deliveryId}"] button`);
    const day = await this.page.waitForSelector(`[data-date="${toDate}"]`);
    const from = (await chip!.boundingBox())!;
    const to = (await day!.boundingBox())!;
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
    await this.page.mouse.up();
  }

  // The Queue view (issue 3). Rows are found by their title text, as a user finds them.

  /** The Queue's cards now in view (the list is virtual: only rows on screen exist). */
  async queueCards(): Promise<QueueCard[]> {
    return this.page.$$eval('[data-testid="clip-list"] .clip-card', (cards) =>
      cards.map((card) => ({
        kind: card.querySelector('.clip-card__kind')?.textContent ?? '',
        title: card.querySelector('.clip-card__title')?.textContent ?? '',
        excerpt: card.querySelector('.clip-card__excerpt')?.textContent ?? null,
        quote: card.querySelector('.clip-card__quote')?.textContent ?? null,
        meta: card.querySelector('.clip-card__meta')?.textContent ?? '',
        credit: card.querySelector('.clip-card__credit')?.textContent ?? null,
      })),
    );
  }

  /**
   * Searches the Queue for `query` as a user types it and resolves with the card of that kind
   * and title once the (debounced, live) results show it; throws with what they show instead.
   */
  async searchFor(query: string, { kind, title }: Pick<QueueCard, 'kind' | 'title'>, timeout = 10_000): Promise<QueueCard> {
    await this.show('Queue');
    await this.search(query);
    const isWanted = (card: QueueCard) => card.kind === kind && card.title === title;
    await this.page
      .waitForFunction(
        (wantedKind, wantedTitle) =>
          [...document.querySelectorAll('[data-testid="clip-list"] .clip-card')].some(
            (card) => card.querySelector('.clip-card__kind')?.textContent === wantedKind && card.querySelector('.clip-card__title')?.textContent === wantedTitle,
          ),
        { timeout },
        kind,
        title,
      )
      .catch(async (error: unknown) => {
        throw new Error(`searching the Queue for "${query}" shows ${JSON.stringify(await this.queueCards())}, not the ${kind} "${title}": ${String(error)}`);
      });
    return (await this.queueCards()).find(isWanted)!;
  }

  /** Presses "Compose from this" on the Queue's card titled `title`; resolves once Compose shows the draft. */
  async composeFromClip(title: string): Promise<void> {
    await this.focusClip(title);
    const [button] = await this.page.$$(`xpath/.//li[contains(@class, "clip-row")][.//*[contains(@class, "clip-card__title")][.="${title}"]]//button[normalize-space(.)="Compose from this"]`);
    if (!button) throw new Error(`no "Compose from this" on the clip "${title}"`);
    await button.click();
    await this.page.waitForSelector('textarea[aria-label="Shared text"]', { timeout: 5000 });
  }

  /** Every clip row in IndexedDB, parsed as the views parse them. */
  async clipRows(): Promise<Clip[]> {
    return (await this.readAll('clips')).map((row) => clipSchema.parse(row));
  }

  /** Polls IndexedDB until a clip passes `test` (the worker files it a moment after the command). */
  async waitForClipRow(test: (clip: Clip) => boolean, what: string, { timeoutMs = 10_000, workerErrors = [] as string[] } = {}): Promise<Clip> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.clipRows()).find(test);
      if (found) return found;
      if (Date.now() > end) throw new Error(`no clip ${what} within ${timeoutMs} ms; worker errors: ${workerErrors.join(' | ') || 'none'}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  }

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

  // The reader: Read on an article clip.

  /** The Read button of the clip titled `title`, or null when the card offers none. */
  async readButton(title: string): Promise<ElementHandle<HTMLButtonElement> | null> {
    const [button] = await this.page.$$(`xpath/.//li[contains(@class, "clip-row")][.//*[contains(@class, "clip-card__title")][.="${title}"]]//button[normalize-space(.)="Read"]`);
    return (button as ElementHandle<HTMLButtonElement> | undefined) ?? null;
  }

  /** What the reader shows, once it is open with its body in place. */
  async reader(timeout = 5000): Promise<{ title: string; meta: string; text: string; isFocused: boolean }> {
    await this.page.waitForSelector('dialog.clip-reader[open] [data-testid="reader-body"]', { timeout });
    return this.page.$eval('dialog.clip-reader', (dialog) => ({
      title: document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent ?? '',
      meta: dialog.querySelector('.clip-reader__meta')?.textContent ?? '',
      text: dialog.querySelector('[data-testid="reader-body"]')?.textContent ?? '',
      isFocused: document.activeElement === dialog,
    }));
  }

  /** Presses a button of the open reader by its words ("Close", "Compose from this"). */
  async readerButton(label: string): Promise<void> {
    const [button] = await this.page.$$(`xpath/.//dialog[contains(@class, "clip-reader")]//button[normalize-space(.)="${label}"]`);
    if (!button) throw new Error(`no button "${label}" in the reader`);
    await button.click();
  }

  async archiveSelected(): Promise<void> {
    await this.page.click('[role="toolbar"][aria-label="Selected clips"] button:first-of-type');
  }

  /** Space on a row selects it. */
  async selectClip(title: string): Promise<void> {
    await this.focusClip(title);
    await this.press(' ');
  }
  // Settings → Accounts (issue 9).

  /** A field of one Settings form, found by the form's heading and the field's label. */
  async inputIn(formLabel: string, fieldLabel: string): Promise<ElementHandle<HTMLInputElement>> {
    const selector = `xpath/.//form[@aria-labelledby=//h4[normalize-space(.)="${formLabel}"]/@id]//label[contains(normalize-space(.), "${fieldLabel}")]//input`;
    const input = await this.page.waitForSelector(selector, { timeout: 5000 }).catch(() => null);
    if (!input) throw new Error(`no field "${fieldLabel}" in "${formLabel}"`);
    return input as ElementHandle<HTMLInputElement>;
  }

  /** Connects a Bluesky account on the PDS at `server` through the Settings form, as a user does. */
  async connectBluesky({ handle, password, server }: { handle: string; password: string; server: string }): Promise<void> {
    await this.show('Settings');
    await (await this.inputIn('Connect Bluesky', 'Handle or e-mail')).type(handle);
    await (await this.inputIn('Connect Bluesky', 'App password')).type(password);
    await this.page.click('form[aria-labelledby="bsky-new-title"] details summary');
    const field = await this.inputIn('Connect Bluesky', 'Server (PDS) address');
    await field.click({ count: 3 });
    await field.type(server);
    await this.clickButton('Connect Bluesky');
    await this.page.waitForFunction((h) => document.querySelector('[data-testid="settings-status"]')?.textContent === `Connected @${h} on Bluesky.`, { timeout: 15_000 }, handle);
  }

  /**
   * Opens one of Compose's folded option sections ("Evergreen", "A/B test", "Each network’s controls"…)
   * by clicking its summary, as a user does; a section already open stays open (issue 24).
   */
  async openComposeSection(title: string): Promise<void> {
    const summary = await this.page.waitForSelector(`xpath/.//details[contains(@class, "ui-section")]/summary[starts-with(normalize-space(.), "${title}")]`, {
      timeout: 5000,
    });
    if (!(await summary!.evaluate((element) => (element.parentElement as HTMLDetailsElement).open))) await summary!.click();
    await this.page.waitForFunction(
      (wanted) => [...document.querySelectorAll('details.ui-section[open] > summary')].some((element) => element.textContent?.startsWith(wanted)),
      { timeout: 5000 },
      title,
    );
  }

  // Compose → Schedule at… (issue 2).

  /** Ticks the account in the composer's "Post to" list, unless it already is. */
  async chooseAccount(handle: string): Promise<void> {
    const box = await this.page.waitForSelector(`xpath/.//label[contains(@class, "compose__account")][span[normalize-space(.)="@${handle}"]]/input`, { timeout: 5000 });
    if (!(await box!.evaluate((input) => (input as HTMLInputElement).checked))) await box!.click();
    await this.page.waitForFunction((h) => [...document.querySelectorAll('.compose__account')].some((label) => label.textContent?.includes(`@${h}`) && label.querySelector('input')?.checked), { timeout: 5000 }, handle);
  }

  /** Picks `local` ("YYYY-MM-DDTHH:mm", the workspace's zone) and presses Schedule at…; resolves with the (fresh) status line. */
  async scheduleAt(local: string): Promise<string> {
    const field = await this.page.waitForSelector('.compose__actions input[type="datetime-local"]');
    // A datetime-local field takes its value segment by segment from the keyboard, in the
    // browser's locale order; the value setter plus `input` is what React hears from typing.
    await field!.evaluate((element, next) => {
      const input = element as HTMLInputElement;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, next);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, local);
    await this.clickButton('Schedule at…');
    const status = await this.page.waitForFunction(() => document.querySelector('[data-testid="compose-status"]')?.textContent || null, { timeout: 5000 });
    return String(await status.jsonValue());
  }

  /**
   * Opens the Calendar on the week that holds `date` (YYYY-MM-DD, the workspace's zone), stepping
   * from the week it shows, forward or back, and waiting for each week to render before the next
   * step. Tests reach a day this way instead of guessing from today's weekday whether it is in
   * this week (issue 16: that guess clicked before the calendar had rendered, on Sundays).
   */
  async showCalendarWeekOf(date: string, maxSteps = 6): Promise<void> {
    await this.show('Calendar');
    await this.page.waitForSelector('.calendar__nav', { timeout: 5000 }); // the view reads its data first
    if (await this.page.$('button[aria-label="Next month"]')) await this.clickButton('Week');
    await this.stepCalendarTo(date, 'week', '.calendar__grid--week', maxSteps);
  }

  /** Opens the Calendar's month view on the month whose grid holds `date` (YYYY-MM-DD, the workspace's zone), stepping forward or back from the month it shows. */
  async showCalendarMonthOf(date: string, maxSteps = 4): Promise<void> {
    await this.show('Calendar');
    await this.page.waitForSelector('.calendar__nav', { timeout: 5000 });
    if (!(await this.page.$('button[aria-label="Next month"]'))) await this.clickButton('Month');
    await this.stepCalendarTo(date, 'month', '.calendar__grid--month', maxSteps);
  }

  private async stepCalendarTo(date: string, mode: 'week' | 'month', grid: string, maxSteps: number): Promise<void> {
    const shown = () => this.page.$$eval(`${grid} [data-date]`, (days) => days.map((day) => (day as HTMLElement).dataset.date ?? ''));
    await this.page.waitForSelector(`${grid} [data-date]`, { timeout: 5000 });
    for (let step = 0; ; step++) {
      const days = await shown();
      if (days.includes(date)) return;
      if (step === maxSteps) throw new Error(`the Calendar shows no ${date} within ${maxSteps} ${mode}s of ${days[0]}`);
      const first = days[0]!;
      await this.page.click(`[aria-label="${date < first ? 'Previous' : 'Next'} ${mode}"]`);
      await this.page.waitForFunction(
        (selector, was) => (document.querySelector(selector) as HTMLElement | null)?.dataset.date !== was,
        { timeout: 5000 },
        `${grid} [data-date]`,
        first,
      );
    }
  }

  /** A month day's "+N more" / "Show fewer" button as assistive technology sees it, or null when the day has none. */
  async dayToggle(date: string): Promise<{ text: string; name: string; isExpanded: boolean; hiddenCount: number; isFocused: boolean } | null> {
    return this.page.evaluate((day) => {
      const button = document.querySelector<HTMLButtonElement>(`[data-date="${day}"] button[aria-expanded]`);
      if (!button) return null;
      return {
        text: button.textContent ?? '',
        name: button.getAttribute('aria-label') ?? '',
        isExpanded: button.getAttribute('aria-expanded') === 'true',
        hiddenCount: Number(button.dataset.hiddenCount),
        isFocused: document.activeElement === button,
      };
    }, date);
  }

  /** The text of one account's own variant in Compose ("Text for @handle only"), after opening its tab. */
  async variantText(handle: string): Promise<string> {
    const [tab] = await this.page.$$(`xpath/.//*[@role="tablist"][@aria-label="Text for"]/button[starts-with(normalize-space(.), "@${handle}")]`);
    if (!tab) throw new Error(`no Compose tab for @${handle}`);
    await tab.click();
    const box = await this.page.waitForSelector(`textarea[aria-label="Text for @${handle} only"]`, { timeout: 5000 });
    return box!.evaluate((element) => (element as HTMLTextAreaElement).value);
  }

  /** The calendar chip of one delivery, once it shows `state` (data-state): its classes and words. */
  async waitForChipState(deliveryId: string, state: string, timeout = 10_000): Promise<{ className: string; label: string; reason: string | null }> {
    const chip = await this.page.waitForSelector(`[data-delivery="${deliveryId}"][data-state="${state}"]`, { timeout });
    return chip!.evaluate((element) => ({
      className: element.className,
      label: element.querySelector('.chip__button')?.getAttribute('aria-label') ?? '',
      reason: element.querySelector('.chip__reason')?.textContent ?? null,
    }));
  }

  // The Inbox view (issue 6).

  /** The rows of the inbox list as the user reads them. */
  async inboxRows(): Promise<{ who: string; text: string; meta: string; isUnread: boolean }[]> {
    return this.page.$$eval('[data-testid="inbox-item"]', (rows) =>
      rows.map((row) => ({
        who: row.querySelector('.inbox-row__who')?.textContent ?? '',
        text: row.querySelector('.inbox-row__text')?.textContent ?? '',
        meta: row.querySelector('.inbox-row__meta')?.textContent ?? '',
        isUnread: row.classList.contains('inbox-row--unread'),
      })),
    );
  }

  /** Chooses `value` in one of the inbox filters: 'Account', 'Kind', 'State' or 'Label'. */
  async inboxFilter(label: 'Account' | 'Kind' | 'State' | 'Label', value: string): Promise<void> {
    await this.page.select(`form[aria-label="Inbox filters"] select[aria-label="${label}"]`, value);
  }

  async waitForInboxText(text: string, timeout = 10_000): Promise<void> {
    await this.page.waitForFunction((wanted) => [...document.querySelectorAll('[data-testid="inbox-item"] .inbox-row__text')].some((element) => element.textContent === wanted), { timeout }, text);
  }

  /** Opens the conversation of the row with this text (a click, as Enter does). */
  async openInboxItem(text: string): Promise<void> {
    const [row] = await this.page.$$(`xpath/.//button[@data-testid="inbox-item"][span[@class="inbox-row__text"][.="${text}"]]`);
    if (!row) throw new Error(`no inbox row "${text}"`);
    await row.click();
    await this.page.waitForSelector('.conversation [data-testid="reply-text"]', { timeout: 5000 });
  }

  /** Types a reply in the open conversation and sends it; resolves with the reply box's final status. */
  async sendReply(text: string): Promise<string> {
    const box = await this.page.waitForSelector('.conversation [data-testid="reply-text"]');
    await box!.type(text, { delay: 0 });
    await this.page.click('.conversation .reply-box button[type="submit"]');
    const status = await this.page.waitForFunction(() => {
      const line = document.querySelector('.conversation [data-testid="reply-status"]')?.textContent ?? '';
      return line && line !== 'Sending…' ? line : null;
    }, { timeout: 15_000 });
    return String(await status.jsonValue());
  }
}
