import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, Delivery, Settings, Workspace } from '@/lib/model';
import { engagementOf, medianMinutes, seedRows, seedsAt, ZONE, type Seeds } from './support/insights-seed';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';
import { pdfText } from './support/pdf-text';

const now = Date.now();
const dateIn = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE }).toISODate()!;
const today = dateIn(now);
/** "9 Mar", built from Intl's parts so the test does not share the page's formatter. */
const dayMonth = (date: string) => {
  const parts = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', timeZone: 'UTC' }).formatToParts(new Date(`${date}T12:00:00Z`));
  return `${parts.find((p) => p.type === 'day')!.value} ${parts.find((p) => p.type === 'month')!.value}`;
};
const percent = (engagements: number, followers: number) => `${((engagements / followers) * 100).toFixed(2)}%`;

/** What the seeds add up to, worked out by hand from the rows (no lib/analytics, no DOM). */
function expectedFrom(seeds: Seeds) {
  const posts = seeds.recent;
  const engagements = posts.reduce((sum, seed) => sum + engagementOf(seed), 0);
  const top = [...posts].sort((a, b) => engagementOf(b) - engagementOf(a))[0]!;
  const followersBefore = seeds.followers[0]!.followers;
  const arm = (name: string) => posts.find((p) => p.experiment?.arm === name)!;
  const byCampaign = new Map<string, number[]>();
  for (const seed of posts) byCampaign.set(seed.campaign ?? '(none)', [...(byCampaign.get(seed.campaign ?? '(none)') ?? []), engagementOf(seed)]);
  return {
    posts: posts.length,
    engagements,
    followerChange: seeds.followers.at(-1)!.followers - followersBefore,
    responseMinutes: medianMinutes(seeds.inbox),
    replied: seeds.inbox.filter((i) => i.repliedAt !== null).length,
    unanswered: seeds.inbox.filter((i) => i.repliedAt === null).length,
    top: { text: top.text, engagements: engagementOf(top) },
    groups: [...byCampaign].map(([key, values]) => [
      key,
      String(values.length),
      String(values.reduce((a, b) => a + b, 0)),
      (values.reduce((a, b) => a + b, 0) / values.length).toFixed(1),
    ]),
    experiment: { a: percent(engagementOf(arm('A')), followersBefore), b: percent(engagementOf(arm('B')), followersBefore) },
  };
}

describe('Insights, the client report, and planning from history in Chromium', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let workspace: Workspace;
  const seeds = seedsAt(now);
  const expected = expectedFrom(seeds);
  /** A post planned for next Wednesday 10:00: that day is no gap. */
  const nextMonday = DateTime.fromMillis(now, { zone: ZONE }).startOf('week').plus({ weeks: 1 });
  const planned = nextMonday.plus({ days: 2, hours: 10 });

  beforeAll(async () => {
    ext = await launchWithExtension();
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await panel.page.setViewport({ width: 480, height: 2000 });
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="active-workspace"]')?.textContent !== 'No workspace yet');
    const settings = (await panel.readRow('settings', 'settings')) as Settings;
    workspace = { ...((await panel.readRow('workspaces', settings.activeWorkspaceId!)) as Workspace), name: 'Acme Bakery', timeZone: ZONE };
    const rows = seedRows(seeds, workspace);
    const scheduled: Delivery = {
      ...rows.deliveries[0]!,
      id: 'dlv_e2e_planned',
      postId: 'post_e2e_1',
      state: 'scheduled',
      dueAt: planned.toMillis(),
      attempt: 0,
      remote: null,
      publishedAt: null,
    };
    await panel.putRows('workspaces', [workspace]);
    await panel.putRows('accounts', rows.accounts);
    await panel.putRows('posts', rows.posts);
    await panel.putRows('deliveries', [...rows.deliveries, scheduled]);
    await panel.putRows('metrics', rows.metrics);
    await panel.putRows('inbox', rows.inbox);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('shows the totals, draws the charts on canvas and gives their numbers as a table', async () => {
    await panel.page.reload({ waitUntil: 'load' }); // the seeded rows were written behind the views' back
    await panel.show('Insights');
    await panel.page.waitForSelector('[data-testid="summary-cards"]', { timeout: 10_000 });
    const cards = await panel.page.$eval('[data-testid="summary-cards"]', (el) => el.textContent ?? '');
    expect(cards).toContain(`Posts published${expected.posts}`);
    expect(cards).toContain(`Engagements${expected.engagements}`);
    expect(cards).toContain(`Follower change+${expected.followerChange}`);
    expect(cards).toContain(`Median response time${expected.responseMinutes} min`);
    await panel.page.waitForSelector('.chart canvas');
    expect(await panel.page.$$eval('.chart canvas', (canvases) => canvases.length)).toBeGreaterThanOrEqual(2); // engagement and followers

    const table = await panel.page.$$eval('[data-testid="engagement-table"] tbody tr', (rows) =>
      rows.map((row) => [...row.children].map((cell) => cell.textContent)),
    );
    const withPosts = table.filter((row) => row[1] !== '0');
    expect(withPosts.map((row) => Number(row[2])).reduce((a, b) => a + b, 0)).toBe(expected.engagements);
    expect(withPosts.map((row) => Number(row[1])).reduce((a, b) => a + b, 0)).toBe(expected.posts);
    const top = await panel.page.$$eval('[data-testid="top-posts"] li', (items) => items.map((item) => item.textContent ?? ''));
    expect(top[0]).toMatch(new RegExp(`^${expected.top.text}.*${expected.top.engagements} engagements`));
    const groups = await panel.page.$$eval('[data-testid="group-table"] tbody tr', (rows) =>
      rows.map((row) => [...row.children].map((cell) => cell.textContent)),
    );
    expect(groups).toEqual(expected.groups.sort((a, b) => Number(b[2]) - Number(a[2])));
    const response = await panel.page.$$eval('[data-testid="response-table"] tbody tr', (rows) =>
      rows.map((row) => [...row.children].map((cell) => cell.textContent)),
    );
    expect(response).toEqual([['acme.test', `${expected.responseMinutes} min`, String(expected.replied), String(expected.unanswered)]]);
    // Best times read each account's whole history, not the 30 days on screen.
    const best = await panel.page.$eval('[data-testid="best-times"]', (el) => el.textContent);
    expect(best).toContain(`acme.test: Not enough data yet — ${expected.posts} measured posts of the 20 needed`);
    expect(best).toContain(
      `acme-history.test: Tue 09:00, Thu 13:00, Sat 10:00 (from ${seeds.history.length} measured posts, by engagements per post until followers are read)`,
    );
  });

  it('renders the client report and prints a PDF whose text carries the report’s totals', async () => {
    const from = dateIn(now - 7 * 24 * 3_600_000);
    const page = await ext.browser.newPage();
    await page.goto(`chrome-extension://${ext.extensionId}/report.html?workspace=${encodeURIComponent(workspace.id)}&from=${from}&to=${today}`, {
      waitUntil: 'load',
    });
    await page.waitForSelector('[data-testid="report"] .chart canvas', { timeout: 10_000 });

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await page.close();
    const { pages, text } = await pdfText(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(2); // the audience section starts a new page
    expect(pages.length).toBeLessThanOrEqual(6);
    const range =
      from.slice(0, 4) === today.slice(0, 4)
        ? `${dayMonth(from)} – ${dayMonth(today)} ${today.slice(0, 4)}`
        : `${dayMonth(from)} ${from.slice(0, 4)} – ${dayMonth(today)} ${today.slice(0, 4)}`;
    expect(pages[0]).toContain(`Acme Bakery: social media report ${range}`);
    expect(text).toContain(`Posts published ${expected.posts}`);
    expect(text).toContain(`Engagements ${expected.engagements}`);
    expect(text).toContain(`Follower change +${expected.followerChange}`);
    expect(text).toContain(`Median response time ${expected.responseMinutes} min`);
    expect(text).toContain(`acme.test ${expected.responseMinutes} min ${expected.replied} ${expected.unanswered}`); // the response table
    expect(text).toContain(`Top posts 1. ${expected.top.text} ${expected.top.engagements} engagements`);
    expect(text).toContain(`A likely did better: ${expected.experiment.a} vs ${expected.experiment.b} engagement rate`);
    // Each publish day's posts and engagements: the engagement table is printed open under its chart.
    const days = new Map<string, [number, number]>();
    for (const seed of seeds.recent) {
      const [posts, engagements] = days.get(dateIn(seed.publishedAt)) ?? [0, 0];
      days.set(dateIn(seed.publishedAt), [posts + 1, engagements + engagementOf(seed)]);
    }
    for (const [date, [posts, engagements]] of days) expect(text).toContain(`${dayMonth(date)} ${posts} ${engagements}`);
  });

  it('offers best times in the posting schedule, and one key press adds a slot', async () => {
    await panel.show('Settings');
    const suggestions = await panel.page.waitForSelector('[data-testid="schedule-suggestions"]', { timeout: 10_000 });
    expect(await suggestions!.evaluate((el) => el.textContent)).toContain(`not enough data yet — ${expected.posts} measured posts of the 20 needed`);

    await panel.page.select('[aria-labelledby="settings-schedule"] select', 'acct_hist');
    await panel.page.waitForSelector('[data-testid="schedule-suggestions"] button');
    const offers = () => panel.page.$$eval('[data-testid="schedule-suggestions"] li', (items) => items.map((item) => item.textContent));
    expect(await offers()).toEqual(['Add Tue 09:00', 'Add Thu 13:00', 'Add Sat 10:00']);
    expect(await panel.page.$eval('[data-testid="schedule-suggestions"]', (el) => el.textContent)).toContain(
      `Suggested from your history (${seeds.history.length} measured posts`,
    );

    await panel.page.focus('[data-testid="schedule-suggestions"] li button');
    await panel.press('Enter');
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="schedule-suggestions"] li')?.textContent === 'Tue 09:00 — in your schedule');
    expect(((await panel.readRow('accounts', 'acct_hist')) as Account).schedule).toEqual([{ weekday: 2, time: '09:00' }]);
    expect(await panel.status('settings-status')).toBe('Added Tue 09:00 from your history.');
    await panel.page.waitForFunction(() => document.activeElement?.textContent === 'Add Thu 13:00'); // focus moved on to the next offer
    expect(
      await panel.page.$$eval('[data-weekday="2"] .schedule__times li', (items) => items.map((item) => item.textContent?.replace('×', '').trim())),
    ).toEqual(['09:00']);
  });

  it('shows the gaps of next week’s plan with best times to fill them', async () => {
    const dates = Array.from({ length: 7 }, (_, i) => nextMonday.plus({ days: i }).toISODate()!);
    await panel.showCalendarWeekOf(dates[0]!);
    const gapDays = () => panel.page.$$eval('[data-testid="plan-gap"]', (notes) => notes.map((note) => note.closest<HTMLElement>('[data-date]')!.dataset.date));
    await panel.page.waitForFunction(() => document.querySelectorAll('[data-testid="gap-suggestion"]').length > 0, { timeout: 10_000 });
    const wednesday = planned.toISODate()!;
    expect(await gapDays()).toEqual(dates.filter((date) => date !== wednesday));
    expect(await panel.status('plan-gaps')).toContain('Gaps in the plan this week:');

    // Thursday 13:00 beats the account's mean and is not in its schedule; Tuesday 09:00 is a slot already, Saturday 10:00 is below the mean.
    const thursday = dates[3]!;
    const offered = await panel.page.$$eval('[data-testid="gap-suggestion"]', (buttons) =>
      buttons.map((b) => [b.closest<HTMLElement>('[data-date]')!.dataset.date, b.textContent]),
    );
    expect(offered).toEqual([[thursday, '+ 13:00 @acme-history.test']]);
    expect(await panel.page.$eval(`[data-date="${dates[1]}"]`, (day) => day.textContent)).toContain('09:00 @acme-history.test — free');

    await panel.page.focus('[data-testid="gap-suggestion"]');
    await panel.press('Enter');
    await panel.page.waitForFunction(
      (date) => document.querySelector(`[data-date="${date}"] [data-testid="free-slot"]`)?.textContent === '13:00 @acme-history.test — free',
      {},
      thursday,
    );
    expect(((await panel.readRow('accounts', 'acct_hist')) as Account).schedule).toEqual([
      { weekday: 2, time: '09:00' },
      { weekday: 4, time: '13:00' },
    ]);
    expect(await panel.page.$$('[data-testid="gap-suggestion"]')).toHaveLength(0);
    expect(await panel.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('plan-gap'); // focus stays in the day
    expect(await panel.status('plan-gaps-status')).toBe('Added Thu 13:00 to @acme-history.test’s posting schedule: “Add to queue” in Compose fills it.');
  });
});
