import type { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Account, Delivery, Post, Workspace } from '@/lib/model';
import { wallTime } from '@/lib/schedule/wall-time';
import { connectAs } from '../harness/mastodon/connect-account';
import { startMastodonServer, type MastodonServer } from '../harness/mastodon-server';
import { createAccount, pollUntil, processAll, uniq } from '../integration/support';
import { makeDelivery, makePost } from '../unit/factories';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

/**
 * Issue 17, the manager's hold on the queue, through the real side panel: the drafts list of
 * Compose (search, reopen, delete with Undo), reordering an account's queue by keyboard, and
 * pausing a workspace's queue — nothing reaches the local AT Protocol network on the alarm while
 * paused, hand-offs leave the local Mastodon server's scheduler and come back on resume, and what
 * came due meanwhile follows the late-post policy. Times are relative to now in a pinned zone.
 */
const ZONE = 'Europe/Berlin';
const passwordOf = (handle: string) => `${handle.replace(/\.test$/, '')}-password`;

describe('drafts, queue order and pausing the queue (Chromium)', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let server: MastodonServer;
  let brand: AtpAgent;
  let bluesky: Account;
  let mastodon: Account;
  let workspace: Workspace;

  const delivery = async (id: string) => (await panel.readRow('deliveries', id)) as Delivery;
  const recordsWithText = async (text: string) => {
    const { data } = await brand.com.atproto.repo.listRecords({ repo: brand.session!.did, collection: 'app.bsky.feed.post', limit: 100 });
    return data.records.filter((record) => (record.value as { text?: string }).text === text);
  };
  /** A post and its scheduled delivery on `account`, written as Compose's Schedule at… leaves them. */
  const seedScheduled = async (account: Account, text: string, dueAt: number) => {
    const post = makePost({ id: `post_${uniq()}`, workspaceId: workspace.id, text, variants: [{ accountId: account.id, text: null, thread: [] }] });
    const row = makeDelivery({
      id: `dlv_${uniq()}`,
      postId: post.id,
      accountId: account.id,
      workspaceId: workspace.id,
      network: account.network,
      dueAt,
      idempotencyKey: crypto.randomUUID(),
    });
    await panel.putRows('posts', [post]);
    await panel.putRows('deliveries', [row]);
    return row;
  };
  const send = (type: string, payload: unknown) =>
    panel.page.evaluate((t, p) => chrome.runtime.sendMessage({ type: t, payload: p }), type, payload) as Promise<{ ok: boolean }>;
  const statusText = (testId: string, startsWith: string) =>
    panel.page
      .waitForFunction(
        (id, start) => {
          const text = document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
          return text.startsWith(start) ? text : null;
        },
        { timeout: 15_000 },
        testId,
        startsWith,
      )
      .then(async (handle) => String(await handle.jsonValue()));

  beforeAll(async () => {
    server = await startMastodonServer();
    const connected = await connectAs(server, 'brand');
    ext = await launchWithExtension({ build: 'e2e' }); // its loopback host permission stands in for the user's Mastodon server grant
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await panel.page.setViewport({ width: 520, height: 2400 });
    workspace = { ...(await panel.activeWorkspace()), timeZone: ZONE };
    await panel.putRows('workspaces', [workspace]);
    brand = await createAccount('brand-queue');
    await processAll();
    await panel.page.reload({ waitUntil: 'load' });
    await panel.connectBluesky({ handle: brand.session!.handle, password: passwordOf(brand.session!.handle), server: inject('pdsUrl') });
    bluesky = ((await panel.readAll('accounts')) as Account[]).find((a) => a.handle === brand.session!.handle)!;
    mastodon = await panel.addMastodonAccount(connected, { id: `acct_masto_${uniq()}`, workspaceId: workspace.id });
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('lists the drafts, finds one by an accent-free word, reopens it in Compose, and deletes one with Undo', async () => {
    await panel.show('Compose');
    await panel.typeSharedText('Café crème at dawn, our new roast');
    await pollUntil(async () => ((await panel.readAll('posts')) as Post[]).some((p) => p.text.startsWith('Café crème')), 5000);
    await panel.page.click('[data-testid="drafts-toggle"]');
    expect(await panel.panelHeading()).toBe('Drafts');
    await panel.clickButton('New draft');
    await panel.typeSharedText('Tea time notes for Friday');
    await pollUntil(async () => ((await panel.readAll('posts')) as Post[]).some((p) => p.text === 'Tea time notes for Friday'), 5000);

    await panel.page.click('[data-testid="drafts-toggle"]');
    expect(await panel.status('drafts-count')).toBe('2 drafts');
    const texts = () => panel.page.$$eval('[data-testid="drafts-list"] .drafts__text', (items) => items.map((item) => item.textContent));
    expect(await texts()).toEqual(['Tea time notes for Friday', 'Café crème at dawn, our new roast']);

    await (await panel.page.waitForSelector('input[aria-label="Search drafts"]', { timeout: 5000 }))!.type('CREME');
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="drafts-count"]')?.textContent === '1 of 2 drafts match');
    expect(await texts()).toEqual(['Café crème at dawn, our new roast']);
    // By keyboard: Tab from the search box passes New draft and lands on the draft, Enter opens it.
    await panel.press('Tab');
    await panel.press('Tab');
    expect(await panel.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Open the draft “Café crème at dawn, our new roast” in Compose',
    );
    await panel.press('Enter');
    await panel.page.waitForFunction(
      () => (document.querySelector('textarea[aria-label="Shared text"]') as HTMLTextAreaElement | null)?.value === 'Café crème at dawn, our new roast',
      { timeout: 5000 },
    );

    await panel.page.click('[data-testid="drafts-toggle"]');
    await (await panel.page.waitForSelector('input[aria-label="Search drafts"]', { timeout: 5000 }))!.type('zzz');
    expect(await panel.status('drafts-empty')).toContain('No draft matches “zzz”.');
    await panel.clickButton('Clear search');
    await (await panel.page.waitForSelector('button[aria-label="Delete the draft “Tea time notes for Friday”"]', { timeout: 5000 }))!.click();
    expect(await panel.status('drafts-status')).toBe('Deleted the draft “Tea time notes for Friday”. Undo');
    await pollUntil(async () => JSON.stringify(await texts()) === JSON.stringify(['Café crème at dawn, our new roast']), 5000);
    expect(((await panel.readAll('posts')) as Post[]).some((p) => p.text === 'Tea time notes for Friday')).toBe(false);
    await panel.clickButton('Undo');
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="drafts-count"]')?.textContent === '2 drafts');
    expect(await panel.status('drafts-status')).toBe('The draft “Tea time notes for Friday” is back.');
  });

  it('reorders an account’s queue from the keyboard, trading the two slot times', async () => {
    const now = Date.now();
    const first = await seedScheduled(bluesky, `First in line ${uniq()}`, now + 2 * 3_600_000);
    const second = await seedScheduled(bluesky, `Second in line ${uniq()}`, now + 3 * 3_600_000);
    await panel.page.reload({ waitUntil: 'load' });
    await panel.show('Calendar');
    await (await panel.page.waitForSelector('xpath/.//summary[normalize-space(.)="Reorder the queue"]', { timeout: 10_000 }))!.click();
    const order = () =>
      panel.page.$$eval(`section[aria-label="Queue of @${bluesky.handle}"] li`, (rows) => rows.map((row) => (row as HTMLElement).dataset.queued));
    await pollUntil(async () => (await order()).length === 2, 5000);
    expect(await order()).toEqual([first.id, second.id]);

    await panel.page.focus(`[data-queued="${first.id}"] button:last-of-type`); // "Later"
    await panel.press('Enter');
    await pollUntil(async () => (await order())[0] === second.id, 5000);
    const when = wallTime(second.dueAt!, ZONE);
    expect(await panel.status('queue-order-status')).toContain(`to ${when.weekday} ${when.date} ${when.time} (${ZONE});`);
    expect((await delivery(first.id)).dueAt).toBe(second.dueAt);
    expect((await delivery(second.id)).dueAt).toBe(first.dueAt);

    // The moved post keeps the focus; Alt+↑ moves it back up.
    await pollUntil(
      async () => panel.page.evaluate((id) => document.activeElement?.closest('[data-queued]')?.getAttribute('data-queued') === id, first.id),
      5000,
    );
    await panel.page.keyboard.down('Alt');
    await panel.press('ArrowUp');
    await panel.page.keyboard.up('Alt');
    await pollUntil(async () => (await order())[0] === first.id, 5000);
    expect((await delivery(first.id)).dueAt).toBe(first.dueAt);
  });

  it('pauses the queue: nothing goes out on the alarm, hand-offs leave Mastodon’s scheduler, and Resume brings them back by the late-post policy', async () => {
    const soonText = `Due while paused ${uniq()}`;
    const soon = await seedScheduled(bluesky, soonText, Date.now() + 20_000); // time enough to press Pause first
    const handedText = `Handed to the server ${uniq()}`;
    const handed = await seedScheduled(mastodon, handedText, Date.now() + 2 * 3_600_000);
    const movedText = `Moved sooner while paused ${uniq()}`;
    const moved = await seedScheduled(mastodon, movedText, Date.now() + 3 * 3_600_000);
    for (const row of [handed, moved]) expect(await send('delivery.handOff', { deliveryId: row.id })).toMatchObject({ ok: true });
    const onServer = (text: string) => [...server.state.scheduled.values()].filter((row) => row.status.text === text);
    expect(onServer(handedText)).toHaveLength(1);
    expect(onServer(movedText)).toHaveLength(1);
    await send('schedule.changed', {});

    await panel.page.reload({ waitUntil: 'load' });
    await panel.show('Calendar');
    await panel.page.waitForSelector('xpath/.//button[normalize-space(.)="Pause queue"]', { timeout: 5000 });
    await panel.clickButton('Pause queue');
    expect(await statusText('queue-status', 'Queue paused')).toBe(
      `Queue paused: nothing of “${workspace.name}” is published until you press Resume queue. 2 posts taken back from Mastodon’s scheduler, handed back when you resume.`,
    );
    expect(onServer(handedText)).toEqual([]);
    expect(onServer(movedText)).toEqual([]);
    expect(await delivery(handed.id)).toMatchObject({ state: 'scheduled', method: 'api', remote: null });
    const banner = await panel.page.waitForSelector('[data-testid="queue-paused"]', { timeout: 5000 });
    expect(await banner!.evaluate((element) => element.textContent)).toContain(`The queue of “${workspace.name}” is paused since`);
    expect(await panel.status('queue-withdrawn')).toContain('2 posts were taken back from Mastodon’s scheduler');
    // No alarm for the paused queue; its due post stays put when the alarm runs all the same.
    const worker = await ext.worker();
    await pollUntil(async () => !(await worker.evaluate(() => chrome.alarms.get('publish'))), 5000);
    await new Promise((done) => setTimeout(done, Math.max(0, soon.dueAt! - Date.now()) + 500));
    await worker.evaluate(() => chrome.alarms.onAlarm.dispatch({ name: 'publish', scheduledTime: Date.now() }));
    await new Promise((done) => setTimeout(done, 1500));
    expect((await delivery(soon.id)).state).toBe('scheduled');
    expect(await recordsWithText(soonText)).toEqual([]);

    // Meanwhile: one hand-off is moved to 3 minutes from now, too soon for Mastodon's scheduler, and
    // a post due two hours ago turns up (as from a backup), later than the 30-minute late window.
    const movedAt = Date.now() + 3 * 60_000;
    await panel.putRows('deliveries', [{ ...(await delivery(moved.id)), dueAt: movedAt }]);
    const overdue = await seedScheduled(bluesky, `Long overdue ${uniq()}`, Date.now() - 2 * 3_600_000);

    await panel.clickButton('Resume queue');
    expect(await statusText('queue-pause-status', 'Queue of')).toBe(
      `Queue of “${workspace.name}” resumed. 1 post handed back to Mastodon’s scheduler. 1 post that came due while paused goes out now, within your late-post window. ` +
        '1 post that came due while paused is held, as Settings → Publishing says: choose Publish now on the Calendar, or move it. 1 post could not go back to Mastodon’s scheduler:',
    );
    const at = wallTime(movedAt, ZONE);
    expect(await panel.status('queue-not-back')).toBe(
      `@${mastodon.handle}, due ${at.weekday} ${at.date} ${at.time}: It is due in less than 5 minutes, too soon for Mastodon’s scheduler, so Cadence publishes it from the browser: keep the browser open until then.`,
    );
    expect(await panel.page.$('[data-testid="queue-paused"]')).toBeNull();

    await pollUntil(async () => (await delivery(soon.id)).state === 'published', 20_000);
    expect(await recordsWithText(soonText)).toHaveLength(1);
    const late = wallTime(overdue.dueAt!, ZONE);
    expect(await delivery(overdue.id)).toMatchObject({
      state: 'held',
      lastError: { code: 'late', message: `Due at ${late.time} on ${late.weekday} ${late.date} while the queue was paused — publish now or reschedule.` },
    });
    expect(await delivery(handed.id)).toMatchObject({ state: 'scheduled', method: 'server-scheduled', remote: { url: '' } });
    expect(onServer(handedText)).toHaveLength(1);
    expect(await delivery(moved.id)).toMatchObject({ state: 'scheduled', method: 'api', dueAt: movedAt });
    expect(onServer(movedText)).toEqual([]);
    await panel.clickButton('Dismiss');
    await panel.page.waitForSelector('[data-testid="queue-resumed"]', { hidden: true, timeout: 5000 });
    expect(ext.workerErrors).toEqual([]);
  }, 90_000);
});
