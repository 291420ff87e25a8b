import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '@/lib/model';
import { atLocalTime } from '@/lib/schedule/local-time';
import { makeAccount, makeDelivery, makePost } from '../unit/factories';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

const ZONE = 'Europe/Berlin';
const TIMES = ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00'];

describe('the calendar month with a busy day (Chromium)', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let account: Account;
  // Next week's Wednesday, 3 to 9 days ahead whatever today is, so a post can still be moved onto
  // it. The neighbour, its Thursday, is in the same Monday-first week and so in any month grid that
  // shows the busy day; it holds one more post.
  const wednesday = DateTime.now().setZone(ZONE).startOf('week').plus({ weeks: 1, days: 2 });
  const busy = wednesday.toISODate()!;
  const neighbour = wednesday.plus({ days: 1 }).toISODate()!;
  const busyLabel = new Date(`${busy}T12:00:00Z`).toLocaleDateString('en', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  const chipsOn = async (date: string) => (await panel.calendarChips()).filter((chip) => chip.date === date).map((chip) => chip.deliveryId);

  const schedule = (date: string, time: string) => {
    const post = makePost({
      workspaceId: account.workspaceId,
      text: `Roast notes ${date} ${time}`,
      variants: [{ accountId: account.id, text: null, thread: [] }],
    });
    const delivery = makeDelivery({
      id: `dlv_${date}_${time.replace(':', '')}`,
      postId: post.id,
      accountId: account.id,
      workspaceId: account.workspaceId,
      dueAt: atLocalTime(date, time, ZONE),
    });
    return { post, delivery };
  };

  beforeAll(async () => {
    ext = await launchWithExtension();
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await panel.page.setViewport({ width: 520, height: 2400 }); // the whole month fits, so a drag can reach any day
    const workspace = await panel.activeWorkspace();
    await panel.putRows('workspaces', [{ ...workspace, timeZone: ZONE }]);
    account = makeAccount({ id: 'acct_month', workspaceId: workspace.id, handle: 'roastery.bsky.social' });
    await panel.putRows('accounts', [account]);
    const rows = [...TIMES.map((time) => schedule(busy, time)), schedule(neighbour, '10:30')];
    await panel.putRows(
      'posts',
      rows.map((row) => row.post),
    );
    await panel.putRows(
      'deliveries',
      rows.map((row) => row.delivery),
    );
    await panel.page.reload({ waitUntil: 'load' }); // the seeded rows were written behind the views' back
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('shows a busy day’s first three posts and "+N more", which the keyboard reaches, expands and collapses', async () => {
    await panel.showCalendarMonthOf(busy);
    await panel.page.waitForSelector(`[data-date="${busy}"] button[aria-expanded]`);
    expect(await chipsOn(busy)).toEqual(TIMES.slice(0, 3).map((time) => `dlv_${busy}_${time.replace(':', '')}`));
    expect(await panel.dayToggle(busy)).toEqual({
      text: '+3 more',
      name: `+3 more posts on ${busyLabel}`,
      isExpanded: false,
      hiddenCount: 3,
      isFocused: false,
    });
    expect(await panel.dayToggle(neighbour)).toBeNull();

    // Tab from the day's last chip reaches the toggle (after that chip's own actions, if any).
    await panel.page.focus(`[data-date="${busy}"] [data-delivery="dlv_${busy}_1100"] .chip__button`);
    for (let presses = 0; presses < 6 && !(await panel.dayToggle(busy))?.isFocused; presses++) await panel.press('Tab');
    expect((await panel.dayToggle(busy))?.isFocused).toBe(true);

    await panel.press('Enter');
    await panel.page.waitForFunction((date) => document.querySelectorAll(`[data-date="${date}"] [data-delivery]`).length === 6, { timeout: 5000 }, busy);
    expect(await panel.dayToggle(busy)).toEqual({
      text: 'Show fewer',
      name: `Show fewer posts on ${busyLabel}`,
      isExpanded: true,
      hiddenCount: 0,
      isFocused: true,
    });

    await panel.press('Space');
    await panel.page.waitForFunction((date) => document.querySelectorAll(`[data-date="${date}"] [data-delivery]`).length === 3, { timeout: 5000 }, busy);
    expect(await panel.dayToggle(busy)).toMatchObject({ text: '+3 more', isExpanded: false, isFocused: true });
  });

  it('drags a post onto the collapsed busy day, which opens so the post stays in view', async () => {
    const moving = `dlv_${neighbour}_1030`;
    await panel.dragChip(moving, busy);
    await panel.page.waitForSelector(`[data-date="${busy}"] [data-delivery="${moving}"]`, { timeout: 5000 });
    expect(await chipsOn(busy)).toHaveLength(7);
    expect(await panel.dayToggle(busy)).toMatchObject({ isExpanded: true, text: 'Show fewer' });
    expect(await chipsOn(neighbour)).toEqual([]);
    expect(await panel.status('calendar-status')).toMatch(/^Moved to \w{3} .* 10:30 \(Europe\/Berlin\)/);
  });
});
