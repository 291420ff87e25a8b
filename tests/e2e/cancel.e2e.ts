import type { AtpAgent } from '@atproto/api';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Account, Delivery, Workspace } from '@/lib/model';
import { atLocalTime } from '@/lib/schedule/local-time';
import { createAccount, pollUntil, processAll, uniq } from '../integration/support';
import { makeDelivery, makePost } from '../unit/factories';
import { SidePanel } from './pages/side-panel';
import { calendarSays, chipTool, composeSays, moveChip, pressIn, tickOnly, untick } from './pages/take-back';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

/**
 * Issue 17, through the real side panel against the local AT Protocol network: a post taken back
 * from its calendar chip goes to drafts and is not published when its time passes; an account
 * unticked in Compose after queueing is cancelled there and never published, while the other
 * account still is; a post moved with the Move… form to a date and time shows that time and
 * publishes then; a day and a campaign go back to drafts at once, with Undo.
 *
 * Clocks: the three posts share one due minute, the first whole minute at least two minutes
 * ahead of the test's start, in the workspace's zone, so the test reads the same on any day and
 * hour (the publish alarm really fires then: it is the product's own timer).
 */
const ZONE = 'Europe/Berlin';
const passwordOf = (handle: string) => `${handle.replace(/\.test$/, '')}-password`;

describe('cancel, unschedule, untick and retime (Chromium, local AT Protocol network)', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let one: AtpAgent;
  let two: AtpAgent;
  let workspace: Workspace;
  const accounts: Record<'one' | 'two', Account> = {} as never;
  const due = DateTime.now().setZone(ZONE).plus({ minutes: 2 }).startOf('minute').plus({ minutes: 1 });
  const dueDate = due.toFormat('yyyy-MM-dd');
  const dueTime = due.toFormat('HH:mm');
  const dueAt = atLocalTime(dueDate, dueTime, ZONE);
  const texts = { chip: `Taken back from the chip ${uniq()}`, untick: `Unticked on one account ${uniq()}`, moved: `Moved to the minute ${uniq()}` };
  const ids: Record<keyof typeof texts | 'untickOther', string> = {} as never;

  const recordsWithText = async (agent: AtpAgent, text: string) => {
    const { data } = await agent.com.atproto.repo.listRecords({ repo: agent.session!.did, collection: 'app.bsky.feed.post', limit: 100 });
    return data.records.filter((record) => (record.value as { text?: string }).text === text);
  };
  const deliveries = async () => (await panel.readAll('deliveries')) as Delivery[];
  const row = async (id: string | undefined) => {
    if (!id) throw new Error('no delivery id: an earlier step of this file failed');
    return (await panel.readRow('deliveries', id)) as Delivery;
  };
  /** Writes the post in Compose for these accounts and schedules it at `local`; resolves with its deliveries. */
  const scheduleNew = async (text: string, handles: string[], local: string) => {
    const before = new Set((await deliveries()).map((d) => d.id));
    await panel.show('Compose');
    await tickOnly(panel, handles);
    await panel.typeSharedText(text);
    expect(await panel.scheduleAt(local)).toMatch(/^Queued for /);
    return pollUntil(async () => {
      const added = (await deliveries()).filter((d) => !before.has(d.id));
      return added.length === handles.length ? added : null;
    }, 5000);
  };
  const handleOf = (key: 'one' | 'two') => accounts[key].handle;

  beforeAll(async () => {
    ext = await launchWithExtension();
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await panel.page.setViewport({ width: 520, height: 2400 });
    workspace = await panel.activeWorkspace();
    await panel.putRows('workspaces', [{ ...workspace, timeZone: ZONE }]);
    await panel.page.reload({ waitUntil: 'load' });
    one = await createAccount('take-one');
    two = await createAccount('take-two');
    await processAll(); // connecting reads the profile from the AppView
    for (const agent of [one, two]) {
      await panel.connectBluesky({ handle: agent.session!.handle, password: passwordOf(agent.session!.handle), server: inject('pdsUrl') });
      await panel.page.reload({ waitUntil: 'load' }); // the form keeps the handle it connected: a fresh one for the next
    }
    const connected = (await panel.readAll('accounts')) as Account[];
    accounts.one = connected.find((a) => a.handle === one.session!.handle)!;
    accounts.two = connected.find((a) => a.handle === two.session!.handle)!;
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('Unschedule on a chip puts the post back in drafts, with Undo that puts it back at its time', async () => {
    const [scheduled] = await scheduleNew(texts.chip, [handleOf('one')], `${dueDate}T${dueTime}`);
    ids.chip = scheduled!.id;
    await panel.showCalendarWeekOf(dueDate);
    await panel.waitForChipState(ids.chip, 'scheduled');

    await chipTool(panel, ids.chip, 'Unschedule');
    expect(await calendarSays(panel, 'Unscheduled')).toBe(
      `Unscheduled the ${dueTime} post on @${handleOf('one')}: it is back in drafts and will not be published.`,
    );
    await panel.page.waitForSelector(`[data-delivery="${ids.chip}"]`, { hidden: true, timeout: 5000 });
    expect(await row(ids.chip)).toMatchObject({ state: 'draft', dueAt: null });
    // The chip is gone, so the keyboard lands on Undo.
    expect(await panel.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('calendar-undo');

    await panel.press('Enter');
    expect(await calendarSays(panel, 'Undone')).toBe('Undone: the post is back on the calendar.');
    await panel.waitForChipState(ids.chip, 'scheduled');
    expect(await row(ids.chip)).toMatchObject({ state: 'scheduled', dueAt });

    // Taken back for good this time: it must still be a draft after its minute has passed (last test).
    await chipTool(panel, ids.chip, 'Unschedule');
    await calendarSays(panel, 'Unscheduled');
    expect((await row(ids.chip)).state).toBe('draft');
  });

  it('Move… takes a post to another date and time of day in the workspace’s zone, and the chip shows it', async () => {
    const tomorrow = DateTime.now().setZone(ZONE).plus({ days: 1 }).toFormat('yyyy-MM-dd');
    const [placed] = await scheduleNew(texts.moved, [handleOf('one')], `${tomorrow}T09:00`);
    ids.moved = placed!.id;
    await panel.showCalendarWeekOf(tomorrow);
    await panel.waitForChipState(ids.moved, 'scheduled');

    await moveChip(panel, ids.moved, dueDate, dueTime);
    expect(await calendarSays(panel, 'Moved')).toBe(`Moved to ${due.toFormat('ccc yyyy-MM-dd HH:mm')} (${ZONE}).`);
    await panel.showCalendarWeekOf(dueDate);
    await panel.page.waitForSelector(`[data-date="${dueDate}"] [data-delivery="${ids.moved}"]`, { timeout: 5000 });
    expect(await panel.page.$eval(`[data-delivery="${ids.moved}"] .chip__time`, (element) => element.textContent)).toBe(dueTime);
    expect(await row(ids.moved)).toMatchObject({ state: 'scheduled', dueAt });
  });

  // Last of the scheduling steps: the post it opens stays open in Compose.
  it('Compose shows the open post’s waiting deliveries; Unschedule and Undo work there; unticking an account cancels it there', async () => {
    const placed = await scheduleNew(texts.untick, [handleOf('one'), handleOf('two')], `${dueDate}T${dueTime}`);
    ids.untick = placed.find((d) => d.accountId === accounts.two.id)!.id;
    ids.untickOther = placed.find((d) => d.accountId === accounts.one.id)!.id;
    await panel.showCalendarWeekOf(dueDate);
    await panel.page.click(`[data-delivery="${ids.untickOther}"] .chip__button`); // opens the post in Compose
    const queued = await panel.page.waitForSelector('[data-testid="compose-queued"]', { timeout: 10_000 });
    const words = await queued!.evaluate((element) => element.textContent ?? '');
    for (const key of ['one', 'two'] as const) expect(words).toContain(`${dueTime} (${ZONE}) on @${handleOf(key)}`);

    await pressIn(panel, '[data-testid="compose-queued"]', 'Unschedule');
    expect(await composeSays(panel, 'Unscheduled')).toBe('Unscheduled this post: 2 posts are back in drafts and will not be published.');
    expect((await row(ids.untick)).state).toBe('draft');
    await pressIn(panel, '[data-testid="compose-queued-status"]', 'Undo');
    expect(await composeSays(panel, 'Undone')).toBe('Undone: 2 posts are back on the calendar.');
    expect([(await row(ids.untick)).state, (await row(ids.untickOther)).state]).toEqual(['scheduled', 'scheduled']);

    await untick(panel, handleOf('two'));
    expect(await composeSays(panel, 'Cancelled')).toBe(
      `Cancelled on @${handleOf('two')} (was ${due.toFormat('ccc yyyy-MM-dd HH:mm')}): it will not be published there.`,
    );
    expect(await row(ids.untick)).toMatchObject({ state: 'cancelled' });
    expect((await row(ids.untickOther)).state).toBe('scheduled');
    await pollUntil(
      async () => !(await panel.page.$eval('[data-testid="compose-waiting"]', (element) => element.textContent ?? '')).includes(`on @${handleOf('two')}`),
      5000,
    );
  });

  it('at the due minute publishes the moved post and the ticked account, never the unscheduled or the unticked one', async () => {
    expect(Date.now(), 'the steps above ran past the due minute: the test proves nothing about it').toBeLessThan(dueAt);
    const out = (id: string) => async () => {
      const current = await row(id);
      return current.state === 'published' || current.state === 'failed' || current.state === 'held' ? current : null;
    };
    const moved = await pollUntil(out(ids.moved), dueAt - Date.now() + 60_000);
    const kept = await pollUntil(out(ids.untickOther), 30_000);
    expect([moved.state, kept.state]).toEqual(['published', 'published']);
    expect(Date.now()).toBeGreaterThanOrEqual(dueAt);
    // One more run after the minute, as the next alarm would: still nothing for the two taken back.
    await (await ext.worker()).evaluate(() => chrome.alarms.onAlarm.dispatch({ name: 'publish', scheduledTime: Date.now() }));
    await new Promise((done) => setTimeout(done, 1500));
    expect(await row(ids.chip)).toMatchObject({ state: 'draft', dueAt: null, attempt: 0 });
    expect(await row(ids.untick)).toMatchObject({ state: 'cancelled', attempt: 0 });

    expect(await recordsWithText(one, texts.chip)).toEqual([]);
    expect(await recordsWithText(two, texts.untick)).toEqual([]);
    expect((await recordsWithText(one, texts.untick)).map((r) => r.uri)).toEqual([kept.remote!.id]);
    expect((await recordsWithText(one, texts.moved)).map((r) => r.uri)).toEqual([moved.remote!.id]);

    // The calendar, open all along, shows the moved post published at its new time.
    await panel.showCalendarWeekOf(dueDate);
    const chip = await panel.waitForChipState(ids.moved, 'published');
    expect(chip.label).toContain(`${dueTime} @${handleOf('one')}, published`);
    expect((await panel.calendarChips()).map((c) => c.deliveryId)).not.toContain(ids.untick);
  }, 240_000);

  it('Unschedule day and Unschedule campaign take many posts back at once, with Undo', async () => {
    // Next week's Wednesday and Thursday, 3 to 9 days ahead whatever today is, in one Monday-first week.
    const wednesday = DateTime.now().setZone(ZONE).startOf('week').plus({ weeks: 1, days: 2 });
    const [wed, thu] = [wednesday.toISODate()!, wednesday.plus({ days: 1 }).toISODate()!];
    const seed = (date: string, time: string, campaign: string | null) => {
      const post = makePost({
        workspaceId: workspace.id,
        text: `Plan ${date} ${time}`,
        campaign,
        variants: [{ accountId: accounts.one.id, text: null, thread: [] }],
      });
      const delivery = makeDelivery({
        id: `dlv_${date.replaceAll('-', '')}_${time.replace(':', '')}`,
        postId: post.id,
        accountId: accounts.one.id,
        workspaceId: workspace.id,
        dueAt: atLocalTime(date, time, ZONE),
      });
      return { post, delivery };
    };
    const rows = [seed(wed, '10:00', 'Spring beans'), seed(wed, '15:00', null), seed(thu, '10:00', 'Spring beans')];
    await panel.putRows(
      'posts',
      rows.map((r) => r.post),
    );
    await panel.putRows(
      'deliveries',
      rows.map((r) => r.delivery),
    );
    await panel.page.reload({ waitUntil: 'load' }); // the seeded rows were written behind the views' back
    const [wedSpring, wedOther, thuSpring] = rows.map((r) => r.delivery.id) as [string, string, string];
    const states = async () => Promise.all([wedSpring, wedOther, thuSpring].map(async (id) => (await row(id)).state));

    await panel.showCalendarWeekOf(wed);
    await panel.page.waitForSelector(`[data-delivery="${wedOther}"]`, { timeout: 5000 });
    await pressIn(panel, `[data-date="${wed}"] .day__head`, 'Unschedule day');
    const wedLabel = new Date(`${wed}T12:00:00Z`).toLocaleDateString('en', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
    expect(await calendarSays(panel, 'Unscheduled')).toBe(`Unscheduled ${wedLabel}: 2 posts are back in drafts and will not be published.`);
    expect(await states()).toEqual(['draft', 'draft', 'scheduled']);
    await pressIn(panel, '.calendar__notice', 'Undo');
    await calendarSays(panel, 'Undone: 2 posts');
    expect(await states()).toEqual(['scheduled', 'scheduled', 'scheduled']);

    await pressIn(panel, `[data-date="${thu}"] [data-testid="campaign-band"]`, 'Spring beans');
    const menu = await panel.page.waitForSelector(`[data-date="${thu}"] .day__band-menu`, { timeout: 5000 });
    expect(await menu!.evaluate((element) => element.querySelector('p')?.textContent)).toBe('2 posts of “Spring beans” wait to be published, on any date.');
    await pressIn(panel, `[data-date="${thu}"] .day__band-menu`, 'Unschedule campaign');
    expect(await calendarSays(panel, 'Unscheduled')).toBe('Unscheduled the campaign “Spring beans”: 2 posts are back in drafts and will not be published.');
    expect(await states()).toEqual(['draft', 'scheduled', 'draft']);
    await panel.page.waitForSelector(`[data-delivery="${thuSpring}"]`, { hidden: true, timeout: 5000 });
  });
});
