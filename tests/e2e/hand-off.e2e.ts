import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, Delivery, Workspace } from '@/lib/model';
import { connectAs, postAs, type Connected } from '../harness/mastodon/connect-account';
import { startMastodonServer, type MastodonServer } from '../harness/mastodon-server';
import { pollUntil, uniq } from '../integration/support';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

/**
 * Issue 17, hand-off to Mastodon's scheduler, through the real side panel against the project's
 * Mastodon test server (tests/harness/mastodon-server.ts): Compose's choice hands one post to the
 * server (`scheduled_at`), the Calendar chip says the server holds it, the edit lock sends the
 * user to “Cancel hand-off”, which deletes it on the server and makes it a draft again; too short
 * a notice is refused before anything is written, and a server already holding its 25 posts for
 * that day keeps the post with the browser, in plain words.
 */
const CHOICE = "Publish from Mastodon's server (works with the browser closed)";

describe("handing a post to Mastodon's scheduler from the side panel (Chromium)", () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let server: MastodonServer;
  let connected: Connected;
  let account: Account;
  let workspace: Workspace;

  const day = (at: number) => DateTime.fromMillis(at, { zone: workspace.timeZone }).toFormat('yyyy-MM-dd');
  /** Two days ahead at 12:00 in the workspace's zone, whatever today is. */
  const later = () => DateTime.now().setZone(workspace.timeZone).plus({ days: 2 }).set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
  const tickChoice = async () => {
    const box = await panel.page.waitForSelector(`xpath/.//label[contains(@class, "compose__hand-off")][contains(., "${CHOICE}")]/input`, { timeout: 5000 });
    if (!(await box!.evaluate((input) => (input as HTMLInputElement).checked))) await box!.click();
  };
  const ofAccount = async () => ((await panel.readAll('deliveries')) as Delivery[]).filter((d) => d.accountId === account.id);

  beforeAll(async () => {
    server = await startMastodonServer();
    connected = await connectAs(server, 'brand');
    ext = await launchWithExtension({ build: 'e2e' });
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await panel.page.setViewport({ width: 520, height: 2400 });
    workspace = await panel.activeWorkspace();
    account = await panel.addMastodonAccount(connected, { id: 'acct_masto_hand_off', workspaceId: workspace.id });
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('hands a single post to the server, shows it on the chip, and takes it back with Cancel hand-off', async () => {
    const text = `Doors open at noon ${uniq()}`;
    await panel.show('Compose');
    await panel.chooseAccount(account.handle);
    await panel.typeSharedText(text);
    await tickChoice();
    const at = later();
    const status = await panel.scheduleAt(at.toFormat("yyyy-MM-dd'T'HH:mm"));
    expect(status).toContain(`on @${account.handle}. Handed to @${account.handle}'s Mastodon server: it goes out at that time even with the browser closed.`);

    // The server holds it, at that instant; Cadence points at what it holds.
    const held = [...server.state.scheduled.values()];
    expect(held.map((row) => [row.status.text, row.scheduledAt])).toEqual([[text, new Date(at.toMillis()).toISOString()]]);
    const [delivery] = await ofAccount();
    expect(delivery).toMatchObject({ state: 'scheduled', method: 'server-scheduled', dueAt: at.toMillis(), remote: { id: held[0]!.id, url: '' } });

    await panel.showCalendarWeekOf(day(at.toMillis()));
    const chip = await panel.waitForChipState(delivery!.id, 'scheduled');
    expect(chip.label).toContain(`@${account.handle}, on Mastodon’s server: ${text}`);
    const note = await panel.page.$eval(`[data-delivery="${delivery!.id}"] [data-testid="chip-hand-off"] p`, (element) => element.textContent);
    expect(note).toBe(
      `Held by @${account.handle}'s Mastodon server, out at 12:00 (${workspace.timeZone}) even with the browser closed. Its words cannot change there.`,
    );

    // Compose says why the words are locked and where to go; that control is on the chip.
    await panel.page.click(`[data-delivery="${delivery!.id}"] .chip__button`);
    expect(await panel.status('compose-locked')).toContain('To edit it, choose “Cancel hand-off” on its Calendar chip');
    await panel.showCalendarWeekOf(day(at.toMillis()));
    await panel.page.waitForSelector(`[data-delivery="${delivery!.id}"] [data-testid="chip-hand-off"]`);
    const [cancel] = await panel.page.$$(`xpath/.//li[@data-delivery="${delivery!.id}"]//button[normalize-space(.)="Cancel hand-off"]`);
    await cancel!.click();
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="calendar-status"]')?.textContent?.startsWith('Hand-off cancelled'), {
      timeout: 10_000,
    });
    expect(await panel.status('calendar-status')).toBe(
      `Hand-off cancelled: @${account.handle}'s server no longer holds the post, and it is a draft again. Open it in Compose to edit or schedule it.`,
    );
    expect(server.state.scheduled.size).toBe(0);
    expect(server.state.visibleStatuses().filter((status) => status.text === text)).toEqual([]);
    expect(await pollUntil(async () => ((await ofAccount()).find((d) => d.id === delivery!.id)?.state === 'draft' ? true : null))).toBe(true);
    expect(await panel.page.$(`[data-delivery="${delivery!.id}"]`)).toBeNull();
  });

  it('refuses too short a notice before writing anything, and keeps a post the full server refuses with the browser, in plain words', async () => {
    // The cancelled post stays a draft as it is; Compose starts a new one.
    await panel.page.evaluate(() => localStorage.removeItem('cadence.compose.postId'));
    await panel.page.reload({ waitUntil: 'load' });
    await panel.show('Compose');
    const text = `Only with the browser ${uniq()}`;
    await panel.chooseAccount(account.handle);
    await panel.typeSharedText(text);
    await tickChoice();
    const soon = DateTime.now().setZone(workspace.timeZone).plus({ minutes: 3 });
    expect(await panel.scheduleAt(soon.toFormat("yyyy-MM-dd'T'HH:mm"))).toBe(
      `Mastodon's server needs at least 5 minutes' notice: pick a later time, or untick “${CHOICE}” to publish from Cadence.`,
    );
    expect((await ofAccount()).filter((d) => d.state === 'scheduled')).toEqual([]);

    // Another app filled the server's 25 for that UTC day (Mastodon's ScheduledStatus DAILY_LIMIT).
    const at = later();
    const utcNoon = Date.parse(`${new Date(at.toMillis()).toISOString().slice(0, 10)}T12:00:00Z`);
    for (let i = 0; i < 25; i++)
      await postAs(server, connected.secret.accessToken, { status: `elsewhere ${i}`, scheduled_at: new Date(utcNoon + i * 60_000).toISOString() });
    const status = await panel.scheduleAt(at.toFormat("yyyy-MM-dd'T'HH:mm"));
    expect(status).toContain(
      `The server did not take it, so Cadence publishes it then (keep the browser open): @${account.handle}'s Mastodon server holds no more scheduled posts (`,
    );
    expect(status).toContain(
      'You have exceeded the limit of 25 scheduled posts for today). It stays scheduled with Cadence, which needs the browser open at that time.',
    );
    const kept = (await ofAccount()).find((d) => d.state === 'scheduled')!;
    expect(kept).toMatchObject({ method: 'api', dueAt: at.toMillis(), remote: null });
    expect(server.state.scheduled.size).toBe(25);
    expect(ext.workerErrors).toEqual([]);
  });
});
