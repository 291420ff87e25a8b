import type { WebWorker } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverySchema, postSchema, type Account, type Clip, type Workspace } from '@/lib/model';
import { localDate } from '@/lib/schedule/local-time';
import { nextFreeSlots } from '@/lib/schedule/next-free-slots';
import { corpusExpectation, servePages, type PageServer } from '../harness/corpus-server';
import { makeAccount, makeDelivery, makePost } from '../unit/factories';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';
import { recordNotifications, type ShownNotification } from './support/notifications';
import { openReadingTab, type ClickedTab } from './support/reading-tab';

/**
 * Issue 4: "one click puts the post in the next free slot … from the context menu on a page".
 * "Add this page to the queue" in the e2e build (its loopback hosts stand in for the activeTab
 * grant of the click): the worker reads the page, files the clip, writes the post and queues it
 * in each scheduled account's next free slot. A menu has no status line, so what happened is
 * said in a notification.
 */
const PAGE = 'ars-1';
const EVERY_DAY_AT_NINE = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, time: '09:00' }));

describe('"Add this page to the queue" from the page context menu', () => {
  let ext: ExtensionBrowser;
  let server: PageServer;
  let panel: SidePanel;
  let worker: WebWorker;
  let workspace: Workspace;
  let account: Account;
  let notifications: () => Promise<ShownNotification[]>;
  let url: string;
  const title = corpusExpectation(PAGE).title!;

  beforeAll(async () => {
    server = await servePages();
    ext = await launchWithExtension({ build: 'e2e' });
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    worker = await ext.worker();
    notifications = await recordNotifications(worker);
    workspace = await panel.activeWorkspace();
    account = makeAccount({ id: 'acct_e2e_brand', workspaceId: workspace.id, handle: 'brand.bsky.social', publishMode: 'reminder', schedule: [] });
    url = `${server.origin}/corpus/${PAGE}/`;
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  /** Right-click → "Add this page to the queue" on the page, then the notification it answers with. */
  const addThisPage = async (): Promise<string> => {
    const { page, tab } = await openReadingTab(ext, url);
    const before = (await notifications()).length;
    await worker.evaluate(
      (info, target: ClickedTab) => chrome.contextMenus.onClicked.dispatch(info, target),
      { menuItemId: 'queue-page', pageUrl: url, editable: false },
      tab,
    );
    const end = Date.now() + 10_000;
    let shown = await notifications();
    while (shown.length === before && Date.now() < end) {
      await new Promise((done) => setTimeout(done, 100));
      shown = await notifications();
    }
    await page.close();
    expect(shown.length, `one notification; worker errors: ${ext.workerErrors.join(' | ') || 'none'}`).toBe(before + 1);
    expect(shown.at(-1)!.title).toBe('Cadence');
    return shown.at(-1)!.message;
  };

  const clipOfPage = async (): Promise<Clip | undefined> => (await panel.clipRows()).find((clip) => clip.sourceUrl === url);
  const posts = async () => (await panel.readAll('posts')).map((row) => postSchema.parse(row));
  const deliveries = async () => (await panel.readAll('deliveries')).map((row) => deliverySchema.parse(row));

  it('without a posting schedule says what to do, and queues nothing', async () => {
    await panel.putRows('accounts', [account]);
    expect(await addThisPage()).toBe('Clipped, not queued: add a posting schedule in Settings first.');
    // The clip is kept, as the sentence says; no post and no delivery are written.
    expect(await clipOfPage()).toMatchObject({ kind: 'article', title, status: 'new' });
    expect(await posts()).toEqual([]);
    expect(await deliveries()).toEqual([]);
  });

  it('with a schedule puts the page in the next free slot, shown on the Calendar; pressed again, says it is already queued', async () => {
    account = { ...account, schedule: EVERY_DAY_AT_NINE };
    const zone = workspace.timeZone;
    const [firstSlot, secondSlot] = nextFreeSlots(account.schedule, { timeZone: zone, now: Date.now(), taken: [], count: 2 });
    // The first slot is already taken by another post, so the next free one is the second.
    const other = makePost({ id: 'post_e2e_other', workspaceId: workspace.id, text: 'Already planned' });
    await panel.putRows('accounts', [account]);
    await panel.putRows('posts', [other]);
    await panel.putRows('deliveries', [
      makeDelivery({ id: 'dlv_e2e_other', postId: other.id, accountId: account.id, workspaceId: workspace.id, method: 'reminder', dueAt: firstSlot! }),
    ]);
    await panel.page.reload({ waitUntil: 'load' }); // the rows were written behind the views' back

    // Within the coming week a slot is named by its weekday and time, in the workspace's zone.
    const slot = `${new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: zone }).format(secondSlot)} 09:00 on @brand.bsky.social`;
    expect(await addThisPage()).toBe(`Queued for ${slot}.`);
    const clip = (await clipOfPage())!;
    expect(clip.status).toBe('used');
    const [post, ...extraPosts] = (await posts()).filter((row) => row.clipId === clip.id);
    expect(extraPosts).toEqual([]);
    expect(post!.text).toBe(`${title}\n${clip.url}`);
    const [delivery, ...extraDeliveries] = (await deliveries()).filter((row) => row.postId === post!.id);
    expect(extraDeliveries).toEqual([]);
    expect(delivery).toMatchObject({ accountId: account.id, state: 'scheduled', method: 'reminder', dueAt: secondSlot });

    // The Calendar shows it on its day (the worker's write reaches the open panel live).
    await panel.page.bringToFront();
    const day = localDate(secondSlot!, zone);
    await panel.showCalendarWeekOf(day);
    await panel.page.waitForSelector(`[data-date="${day}"] [data-delivery="${delivery!.id}"]`, { timeout: 10_000 });
    const chip = (await panel.calendarChips()).find((candidate) => candidate.deliveryId === delivery!.id)!;
    expect(chip.text).toContain('09:00 @brand.bsky.social scheduled');
    expect(chip.text).toContain(title.slice(0, 40));

    // Pressed again: no second post, and the notification says where it already is.
    expect(await addThisPage()).toBe(`Already queued for ${slot}.`);
    expect((await posts()).filter((row) => row.clipId === clip.id)).toHaveLength(1);
    expect((await deliveries()).filter((row) => row.postId === post!.id)).toHaveLength(1);
    expect((await panel.clipRows()).filter((row) => row.sourceUrl === url)).toHaveLength(1);

    // The Queue shows the clip, now used, and its search finds it.
    const card = await panel.searchFor('minecraft exploit', { kind: 'Article', title });
    expect(card.meta).toContain(corpusExpectation(PAGE).byline);
    expect(ext.workerErrors).toEqual([]);
  });
});
