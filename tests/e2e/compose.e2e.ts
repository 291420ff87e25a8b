import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, Delivery, Post, Settings, Slot, Workspace } from '@/lib/model';
import { atLocalTime, localDate } from '@/lib/schedule/local-time';
import { nextFreeSlots } from '@/lib/schedule/next-free-slots';
import { makeDelivery, makePost } from '../unit/factories';
import { SidePanel } from './pages/side-panel';
import { composeSays, pressIn, tickOnly, untick } from './pages/take-back';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

const ZONE = 'Europe/Berlin';
// Monday to Saturday, so the day after a slot is always in the same Monday-first week.
const everyWorkday = (time: string): Slot[] => [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, time }));

function account(id: string, workspaceId: string, network: 'bluesky' | 'mastodon', handle: string, time: string): Account {
  return {
    v: 1,
    id,
    workspaceId,
    network,
    handle,
    displayName: handle,
    avatarUrl: null,
    serverUrl: network === 'bluesky' ? 'https://bsky.social' : 'https://mastodon.social',
    remoteId: null,
    publishMode: 'api',
    status: 'connected',
    statusReason: null,
    limits: { maxCharacters: network === 'bluesky' ? 300 : 500, charactersPerUrl: network === 'bluesky' ? null : 23, maxImages: 4, maxImageBytes: 1_000_000 },
    schedule: everyWorkday(time),
    createdAt: 1,
    updatedAt: 1,
  };
}

const nextDay = (date: string) => new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('compose, queue and calendar in Chromium', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let bluesky: Account;
  let mastodon: Account;

  beforeAll(async () => {
    ext = await launchWithExtension();
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await panel.page.setViewport({ width: 520, height: 2400 }); // the whole week fits, so a drag can reach any day
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="active-workspace"]')?.textContent !== 'No workspace yet');
    const settings = (await panel.readRow('settings', 'settings')) as Settings;
    const workspace = (await panel.readRow('workspaces', settings.activeWorkspaceId!)) as Workspace;
    await panel.putRows('workspaces', [{ ...workspace, timeZone: ZONE }]);
    bluesky = account('acct_bsky', workspace.id, 'bluesky', 'ada.bsky.social', '09:00');
    mastodon = account('acct_masto', workspace.id, 'mastodon', 'ada@mastodon.social', '10:00');
    await panel.putRows('accounts', [bluesky, mastodon]);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('counts per network while typing, keeps the draft across a reload, and splits a thread', async () => {
    await panel.page.reload({ waitUntil: 'load' }); // the seeded rows were written behind the views' back
    await panel.show('Compose');
    await panel.typeSharedText('Hello from Cadence');
    await panel.waitForCounter('bluesky', '18 / 300');
    await panel.waitForCounter('mastodon', '18 / 500');

    await new Promise((done) => setTimeout(done, 800)); // past the 400 ms autosave
    await panel.page.reload({ waitUntil: 'load' });
    await panel.show('Compose');
    expect(await panel.sharedText()).toBe('Hello from Cadence');

    const sentence = 'Scheduling posts across networks needs counters that agree with each network. ';
    await panel.typeSharedText(sentence.repeat(5).trim()); // 389 characters: over Bluesky's 300, within Mastodon's 500
    await panel.waitForCounter('bluesky', '89 over');
    await panel.waitForCounter('mastodon', '389 / 500');
    const parts = await panel.splitThread('bluesky');
    expect(parts.length).toBe(2);
    expect(parts[0]).toMatch(/ 1\/2$/);
    expect(await panel.counter('bluesky')).not.toMatch(/over/);
  });

  it('queues to both accounts in their next slots, shows them on the calendar, and keeps a drag after reload', async () => {
    const now = Date.now();
    await panel.clickButton('Add to queue');
    expect(await panel.status('compose-status')).toMatch(
      /^Queued for \w{3} 09:00 \(Europe\/Berlin\) on @ada\.bsky\.social; \w{3} 10:00 \(Europe\/Berlin\) on @ada@mastodon\.social/,
    );

    const expected = (a: Account) => nextFreeSlots(a.schedule, { timeZone: ZONE, now, taken: [], count: 1 })[0]!;
    const deliveries = (await panel.readAll('deliveries')) as Delivery[];
    expect(deliveries.map((d) => [d.accountId, d.state, d.dueAt]).sort()).toEqual([
      [bluesky.id, 'scheduled', expected(bluesky)],
      [mastodon.id, 'scheduled', expected(mastodon)],
    ]);

    // Each chip on its own slot's day. The two slots can fall in different weeks (on a Saturday
    // between 09:00 and 10:00 Bluesky's next slot is Monday's): visit their weeks in date order.
    const blueskyDate = localDate(expected(bluesky), ZONE);
    const onCalendar = [
      { date: blueskyDate, id: deliveries.find((d) => d.accountId === bluesky.id)!.id },
      { date: localDate(expected(mastodon), ZONE), id: deliveries.find((d) => d.accountId === mastodon.id)!.id },
    ].sort((a, b) => a.date.localeCompare(b.date));
    for (const { date, id } of onCalendar) {
      await panel.showCalendarWeekOf(date);
      await panel.page.waitForSelector(`[data-date="${date}"] [data-delivery="${id}"]`);
      expect((await panel.calendarChips()).filter((chip) => chip.deliveryId === id).map((chip) => chip.date)).toEqual([date]);
    }
    await panel.showCalendarWeekOf(blueskyDate);

    const moving = deliveries.find((d) => d.accountId === bluesky.id)!;
    const target = nextDay(blueskyDate);
    await panel.dragChip(moving.id, target);
    await panel.page.waitForSelector(`[data-date="${target}"] [data-delivery="${moving.id}"]`);

    await panel.page.reload({ waitUntil: 'load' });
    await panel.showCalendarWeekOf(target);
    await panel.page.waitForSelector(`[data-date="${target}"] [data-delivery="${moving.id}"]`);
    const after = (await panel.readAll('deliveries')) as Delivery[];
    expect(after.find((d) => d.id === moving.id)!.dueAt).toBe(atLocalTime(target, '09:00', ZONE));
    const other = deliveries.find((d) => d.accountId === mastodon.id)!;
    expect(after.find((d) => d.id === other.id)).toEqual(other);
  });

  it('opens a clip from the Queue in Compose with its title and link prefilled', async () => {
    const worker = await ext.worker();
    await worker.evaluate(() => {
      chrome.contextMenus.onClicked.dispatch(
        { menuItemId: 'clip-link', pageUrl: 'http://127.0.0.1:9/', linkUrl: 'http://127.0.0.1:9/espresso', linkText: 'Espresso at home' },
        { id: -1, title: 'Front page' },
      );
    });
    await panel.waitForClip('Espresso at home');
    await panel.composeFromClip('Espresso at home');
    expect(await panel.selectedView()).toBe('Compose');
    await panel.page.waitForFunction(
      () => (document.querySelector('textarea[aria-label="Shared text"]') as HTMLTextAreaElement | null)?.value.includes('Espresso at home'),
      { timeout: 5000 },
    );
    expect(await panel.sharedText()).toContain('http://127.0.0.1:9/espresso');
    // The draft made from the clip is stored at once: closing the panel does not lose it.
    await panel.page.reload({ waitUntil: 'load' });
    await panel.show('Compose');
    await panel.page.waitForFunction(
      () => (document.querySelector('textarea[aria-label="Shared text"]') as HTMLTextAreaElement | null)?.value.includes('Espresso at home'),
      { timeout: 5000 },
    );
  });

  it('a post with Mastodon’s scheduler shows why its words are locked, and copies into a new draft that edits freely', async () => {
    const settings = (await panel.readRow('settings', 'settings')) as Settings;
    const post = makePost({
      workspaceId: settings.activeWorkspaceId!,
      text: 'As handed to the server',
      variants: [{ accountId: mastodon.id, text: null, thread: [] }],
    });
    const handedOff = makeDelivery({
      postId: post.id,
      accountId: mastodon.id,
      workspaceId: post.workspaceId,
      network: 'mastodon',
      method: 'server-scheduled',
      state: 'scheduled',
      dueAt: Date.now() + 2 * 86_400_000,
      remote: { id: '91', url: '', cid: null },
    });
    await panel.putRows('posts', [post]);
    await panel.putRows('deliveries', [handedOff]);
    await panel.page.evaluate((id) => localStorage.setItem('cadence.compose.postId', id), post.id);
    await panel.page.reload({ waitUntil: 'load' });
    await panel.show('Compose');

    const notice = await panel.page.waitForSelector('[data-testid="compose-locked"]', { timeout: 5000 });
    expect(await notice!.evaluate((element) => element.textContent)).toContain('This post is with your Mastodon server’s scheduler, which takes no changes.');
    expect(await panel.page.$eval('textarea[aria-label="Shared text"]', (box) => box.matches(':disabled'))).toBe(true); // disabled by its fieldset
    expect(await panel.sharedText()).toBe('As handed to the server');

    await panel.clickButton('Copy to a new draft');
    await panel.page.waitForSelector('[data-testid="compose-locked"]', { hidden: true, timeout: 5000 });
    const copyId = await panel.page.evaluate(() => localStorage.getItem('cadence.compose.postId'));
    expect(copyId).not.toBe(post.id);
    await panel.page.focus('textarea[aria-label="Shared text"]');
    await panel.page.keyboard.down('Control');
    await panel.page.keyboard.press('End');
    await panel.page.keyboard.up('Control');
    await panel.page.keyboard.type(' (take two)');
    await expect
      .poll(async () => ((await panel.readRow('posts', copyId!)) as Post | undefined)?.text, { timeout: 5000 })
      .toBe('As handed to the server (take two)');
    expect(((await panel.readRow('posts', post.id)) as Post).text).toBe('As handed to the server');
  });
  it('writes the next slot on Add to queue, and its toast says where the post went with an Undo that takes it back to drafts (issue 24)', async () => {
    await panel.page.evaluate(() => localStorage.removeItem('cadence.compose.postId')); // a fresh draft
    await panel.page.reload({ waitUntil: 'load' });
    await panel.show('Compose');
    await panel.page.waitForSelector('textarea[aria-label="Shared text"]:not(:disabled)');
    await panel.typeSharedText('Our toast test post.');
    const slot = await panel.page.waitForSelector('.compose__queue-button[data-slot]', { timeout: 5000 });
    expect(await slot!.evaluate((button) => button.getAttribute('data-slot'))).toMatch(/^\w{3} \d{2}:00$/);
    const before = new Set(((await panel.readAll('deliveries')) as Delivery[]).map((d) => d.id));
    await panel.clickButton('Add to queue');
    const toast = await panel.page.waitForSelector('[data-testid="toast"]', { timeout: 5000 });
    expect(await toast!.evaluate((element) => element.querySelector('p')?.textContent)).toMatch(/^Queued for \w{3} \d{2}:00 \(Europe\/Berlin\) on @/);
    const queued = ((await panel.readAll('deliveries')) as Delivery[]).filter((d) => !before.has(d.id));
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.every((d) => d.state === 'scheduled')).toBe(true);

    await panel.page.click('[data-testid="toast"] button:first-of-type');
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="toast"] p')?.textContent?.startsWith('Undone:'), { timeout: 5000 });
    await expect
      .poll(
        async () => ((await panel.readAll('deliveries')) as Delivery[]).filter((d) => queued.some((q) => q.id === d.id) && d.state === 'scheduled').length,
        { timeout: 5000 },
      )
      .toBe(0);
  });

  it('unticking an account by mistake costs nothing: its own text and first comment come back with Undo', async () => {
    await panel.page.evaluate(() => localStorage.removeItem('cadence.compose.postId')); // a fresh draft
    await panel.page.reload({ waitUntil: 'load' });
    await panel.show('Compose');
    await tickOnly(panel, [bluesky.handle, mastodon.handle]);
    await panel.typeSharedText('Our untick test post.');
    await panel.openComposeSection('First comment');
    const comment = await panel.page.waitForSelector(`[data-testid="first-comment-${mastodon.id}"]`, { timeout: 5000 });
    await comment!.type('Tickets at the door.', { delay: 0 });
    const stored = async () => ((await panel.readAll('posts')) as Post[]).find((p) => p.text === 'Our untick test post.');
    await expect
      .poll(async () => (await stored())?.firstComments?.find((c) => c.accountId === mastodon.id)?.text, { timeout: 5000 })
      .toBe('Tickets at the door.');

    await untick(panel, mastodon.handle);
    expect(await composeSays(panel, 'Unticked')).toBe(`Unticked @${mastodon.handle}: its first comment went with it.`);
    await expect.poll(async () => (await stored())?.firstComments ?? [], { timeout: 5000 }).toEqual([]);
    await pressIn(panel, '[data-testid="compose-queued-status"]', 'Undo');
    expect(await composeSays(panel, 'Undone')).toBe(`Undone: @${mastodon.handle} is ticked again with its first comment.`);
    await expect
      .poll(
        async () => {
          const post = await stored();
          return [post?.variants.some((v) => v.accountId === mastodon.id), post?.firstComments?.find((c) => c.accountId === mastodon.id)?.text];
        },
        { timeout: 5000 },
      )
      .toEqual([true, 'Tickets at the door.']);
    expect(await panel.page.$eval(`[data-testid="first-comment-${mastodon.id}"]`, (box) => (box as HTMLTextAreaElement).value)).toBe('Tickets at the door.');
  });
});
