import type { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Account, Clip, Delivery, Post } from '@/lib/model';
import { createAccount, pollUntil, processAll, uniq } from '../integration/support';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

/**
 * Issue 24, "feedback everywhere", in real Chromium with the real side panel and a Bluesky account on
 * the local PDS: a clicked failure notification opens the failed post in the panel's Compose with the
 * network's reason; archiving clips says so in a toast whose Undo brings them back; a view whose
 * reads fail says so in its own place, with what to do, instead of loading for ever.
 */
describe('feedback after actions, failure notifications and per-view errors (Chromium)', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let brand: AtpAgent;
  let account: Account;

  beforeAll(async () => {
    brand = await createAccount('brand-fb');
    await processAll();
    ext = await launchWithExtension();
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await panel.page.setViewport({ width: 440, height: 1600 });
    const handle = brand.session!.handle;
    await panel.connectBluesky({ handle, password: `${handle.replace(/\.test$/, '')}-password`, server: inject('pdsUrl') });
    const connected = ((await panel.readAll('accounts')) as Account[]).find((a) => a.handle === handle)!;
    account = { ...connected, schedule: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, time: '09:00' })) }; // Settings → Posting schedule
    await panel.putRows('accounts', [account]);
    await panel.page.reload({ waitUntil: 'load' });
  });
  afterAll(async () => {
    await ext?.close();
  });

  const toastText = async (wanted: RegExp) => {
    const handle = await panel.page.waitForFunction(
      (source) => {
        const text = document.querySelector('[data-testid="toast"] p')?.textContent ?? '';
        return new RegExp(source).test(text) ? text : null;
      },
      { timeout: 10_000 },
      wanted.source,
    );
    return String(await handle.jsonValue());
  };

  it('a clicked failure notification opens the failed post in Compose, with the reason', async () => {
    const text = `Our winter blend is back ${uniq()}`;
    await panel.show('Compose');
    await panel.chooseAccount(account.handle);
    await panel.typeSharedText(text);
    await (await panel.page.waitForSelector('.compose__queue-button:not(:disabled)'))!.click();
    expect(await toastText(/^Queued for /)).toContain(`@${account.handle}`);
    const post = await pollUntil(async () => ((await panel.readAll('posts')) as Post[]).find((p) => p.text === text));
    const delivery = await pollUntil(async () => ((await panel.readAll('deliveries')) as Delivery[]).find((d) => d.postId === post.id));
    // The publisher's failure, as publish-one.ts leaves it, and its notification's id.
    const reason = 'Bluesky refused the post: the image is too large (HTTP 413).';
    await panel.putRows('deliveries', [{ ...delivery, state: 'failed', lastError: { code: 'validation', message: reason } }]);
    await panel.show('Queue');
    await panel.page.waitForSelector('[data-testid="clip-list"], [aria-label="Your queue is empty"]');

    const worker = await ext.worker();
    await worker.evaluate((id) => chrome.notifications.onClicked.dispatch(id), `delivery:${delivery.id}`);
    await panel.page.waitForFunction(
      (wanted) => document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Shared text"]')?.value === wanted,
      { timeout: 10_000 },
      text,
    );
    expect(await panel.page.$eval('#tab-compose', (tab) => tab.getAttribute('aria-selected'))).toBe('true');
    expect(await panel.status('compose-failed')).toContain(`Not published on @${account.handle}: ${reason}`);
    // The open panel answered, so no second one was opened in a tab.
    expect(ext.browser.targets().filter((target) => target.url().endsWith('/sidepanel.html'))).toHaveLength(1);
  });

  it('Archive selected says how many in a toast, and its Undo puts them back in the queue', async () => {
    const title = `Latte art basics ${uniq()}`;
    const worker = await ext.worker();
    await worker.evaluate((text) => {
      chrome.contextMenus.onClicked.dispatch(
        { menuItemId: 'clip-link', pageUrl: 'http://127.0.0.1:9/', linkUrl: `http://127.0.0.1:9/${encodeURIComponent(text)}`, linkText: text },
        { id: -1, title: 'Front' },
      );
    }, title);
    await panel.waitForClip(title);
    await (await panel.page.waitForSelector(`input[aria-label="Select ${title}"]`))!.click();
    await panel.clickButton('Archive selected');
    expect(await toastText(/^Archived /)).toBe('Archived 1 clip.');
    const clip = (await panel.readAll('clips')) as Clip[];
    expect(clip.find((c) => c.title === title)?.status).toBe('archived');

    await (await panel.page.waitForSelector('xpath/.//*[@data-testid="toast"]//button[normalize-space(.)="Undo"]'))!.click();
    expect(await toastText(/^Undone/)).toBe('Undone: 1 back in the queue.');
    expect(((await panel.readAll('clips')) as Clip[]).find((c) => c.title === title)?.status).toBe('new');
  });

  it('a view whose reads fail says so in its place, with what to do, and not only "Loading…"', async () => {
    await panel.show('Queue');
    // Every read of the database in the panel fails from now on, as a closing connection makes them.
    await panel.page.evaluate(() => {
      const saved: [object, string, unknown][] = [];
      for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype] as unknown as Record<string, unknown>[])
        for (const name of ['get', 'getAll', 'getAllKeys', 'getKey', 'count', 'openCursor', 'openKeyCursor']) {
          saved.push([proto, name, proto[name]]);
          proto[name] = () => {
            throw new DOMException('The database connection is closing.', 'InvalidStateError');
          };
        }
      (globalThis as { __restoreReads?: () => void }).__restoreReads = () =>
        saved.forEach(([proto, name, fn]) => ((proto as Record<string, unknown>)[name] = fn));
    });
    await panel.show('Calendar');
    const problem = await panel.status('read-problem');
    expect(problem).toMatch(/^The Calendar view could not read its data, so what it shows may be out of date or missing\./);
    expect(problem).toContain('reloading the side panel usually mends it');
    expect(await panel.page.$('[data-testid="loading-state"]')).not.toBeNull();

    await panel.page.evaluate(() => (globalThis as { __restoreReads?: () => void }).__restoreReads?.());
    await Promise.all([panel.page.waitForNavigation({ waitUntil: 'load' }), panel.clickButton('Reload the side panel')]);
    await panel.show('Calendar');
    await panel.page.waitForSelector('.calendar__nav', { timeout: 10_000 });
    expect(await panel.page.$('[data-testid="read-problem"]')).toBeNull();
  });
});
