import type { AtpAgent } from '@atproto/api';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Account, Delivery, Post, Settings, Workspace } from '@/lib/model';
import { evergreenDueAt } from '@/lib/schedule/evergreen';
import { atLocalTime } from '@/lib/schedule/local-time';
import { createAccount, pollUntil, processAll, uniq } from '../integration/support';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

/**
 * Issue 4's promise, end to end: a post scheduled in Compose goes out on the `publish` alarm
 * even when the service worker was stopped in between — once, to the real local network — and
 * the calendar shows it published. And a post of an account whose session is gone waits in red.
 */
interface WorkerState {
  starts: number;
  alarmRuns: Record<string, number>;
}

const passwordOf = (handle: string) => `${handle.replace(/\.test$/, '')}-password`;

describe('publishing on the alarm to the local AT Protocol network (Chromium)', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let brand: AtpAgent;
  let handle: string;
  let account: Account;
  let zone: string;

  /** Every post record with this text in the brand's repo, straight from its PDS. */
  const recordsWithText = async (text: string) => {
    const { data } = await brand.com.atproto.repo.listRecords({ repo: brand.session!.did, collection: 'app.bsky.feed.post', limit: 100 });
    return data.records.filter((record) => (record.value as { text?: string }).text === text);
  };
  const delivery = async (id: string) => (await panel.readRow('deliveries', id)) as Delivery;

  beforeAll(async () => {
    ext = await launchWithExtension();
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await panel.page.setViewport({ width: 520, height: 2400 });
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="active-workspace"]')?.textContent !== 'No workspace yet');
    const settings = (await panel.readRow('settings', 'settings')) as Settings;
    zone = ((await panel.readRow('workspaces', settings.activeWorkspaceId!)) as Workspace).timeZone;
    brand = await createAccount('brand-pub');
    handle = brand.session!.handle;
    await processAll(); // connecting reads the profile from the AppView
    await panel.connectBluesky({ handle, password: passwordOf(handle), server: inject('pdsUrl') });
    account = ((await panel.readAll('accounts')) as Account[]).find((a) => a.handle === handle)!;
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('schedules a post a minute ahead, survives a stopped worker, publishes once on the alarm, turns the chip green and, evergreen, comes round again', async () => {
    const text = `Fresh roast on the alarm ${uniq()}`;
    await panel.show('Compose');
    await panel.chooseAccount(handle);
    await panel.typeSharedText(text);
    await panel.openComposeSection('Evergreen');
    await panel.page.click('.compose__evergreen input[type="checkbox"]'); // "Recycle this post", every 30 days by default
    // Schedule at… takes whole minutes: the first minute at least 20 s away (20–80 s ahead).
    const at = DateTime.fromMillis(Date.now() + 20_000, { zone })
      .startOf('minute')
      .plus({ minutes: 1 });
    const dueAt = atLocalTime(at.toFormat('yyyy-MM-dd'), at.toFormat('HH:mm'), zone);
    const status = await panel.scheduleAt(at.toFormat("yyyy-MM-dd'T'HH:mm"));
    expect(status).toMatch(/^Queued for \w{3} /);
    expect(status).toContain(`${at.toFormat('HH:mm')} (${zone}) on @${handle}`);

    const [scheduled, ...others] = ((await panel.readAll('deliveries')) as Delivery[]).filter((d) => d.accountId === account.id);
    expect(others).toEqual([]);
    expect(scheduled).toMatchObject({ state: 'scheduled', method: 'api', dueAt });
    await panel.show('Calendar');
    await panel.waitForChipState(scheduled!.id, 'scheduled');

    // The panel's nudge armed the one publish alarm at the post's time; then the worker dies.
    const target = await ext.workerTarget();
    const worker = (await target.worker())!;
    await pollUntil(async () => (await worker.evaluate(() => chrome.alarms.get('publish')))?.scheduledTime === dueAt, 5000);
    const before = (await panel.readRow('meta', 'worker')) as WorkerState;
    await worker.close();

    // Only the alarm can bring the background back here: nothing else talks to it meanwhile.
    await ext.nextWorker(target, dueAt - Date.now() + 60_000);
    expect(Date.now()).toBeGreaterThanOrEqual(dueAt);
    const published = await pollUntil(async () => {
      const row = await delivery(scheduled!.id);
      return row.state === 'published' || row.state === 'failed' || row.state === 'held' ? row : null;
    }, 30_000);
    expect(published).toMatchObject({ state: 'published', attempt: 1, lease: null, lastError: null });
    const after = (await panel.readRow('meta', 'worker')) as WorkerState;
    expect(after.starts).toBe(before.starts + 1);
    expect(after.alarmRuns.publish).toBe((before.alarmRuns.publish ?? 0) + 1);

    // Exactly one record on the network, and it is the one the delivery points at.
    const records = await recordsWithText(text);
    expect(records.map((record) => record.uri)).toEqual([published.remote!.id]);
    expect(records[0]!.uri).toBe(`at://${brand.session!.did}/app.bsky.feed.post/${published.rkey}`);
    expect(published.remote!.cid).toBe(records[0]!.cid);

    // The calendar, open all along, follows the background's write: the chip turns green.
    const chip = await panel.waitForChipState(published.id, 'published');
    expect(chip.className).toContain('chip--published');
    expect(chip.label).toContain(`@${handle}, published`);
    expect(chip.reason).toBeNull();
    const colour = await panel.page.$eval(`[data-delivery="${published.id}"] .chip__button`, (button) => getComputedStyle(button).borderLeftColor);
    expect(colour).toBe('rgb(46, 125, 50)');

    // Evergreen: the same post waits again, once, 30 calendar days on in the workspace's zone (no
    // posting schedule on this account, so at that very time), and nothing more went out.
    const post = (await panel.readRow('posts', published.postId)) as Post;
    expect(post.evergreenDays).toBe(30);
    const again = await pollUntil(async () => {
      const rows = ((await panel.readAll('deliveries')) as Delivery[]).filter((d) => d.postId === published.postId && d.id !== published.id);
      return rows.length ? rows : null;
    }, 10_000);
    expect(again.map((d) => [d.state, d.dueAt])).toEqual([['scheduled', evergreenDueAt(published.publishedAt!, 30, zone)]]);
    expect(await recordsWithText(text)).toHaveLength(1);

    // The delivery keeps what went out, as the network has it (Delivery.sent). Edited for its next
    // round, the post says so in Compose, and the calendar still shows the words that were posted.
    expect(published.sent?.parts.map((part) => part.text)).toEqual([(records[0]!.value as { text: string }).text]);
    await panel.page.click(`[data-delivery="${published.id}"] .chip__button`);
    await panel.page.waitForSelector('[data-testid="compose-published"]', { timeout: 10_000 });
    const nextRound = `Next round, new words ${uniq()}`;
    await panel.typeSharedText(nextRound);
    await pollUntil(async () => ((await panel.readRow('posts', published.postId)) as Post).text === nextRound, 10_000);
    await panel.show('Calendar');
    await panel.page.waitForSelector(`[data-delivery="${published.id}"] [data-testid="chip-edited"]`, { timeout: 10_000 });
    expect(await panel.page.$eval(`[data-delivery="${published.id}"] .chip__text`, (element) => element.textContent)).toBe(text.slice(0, 60));
    expect(((await delivery(published.id)).sent?.parts ?? []).map((part) => part.text)).toEqual([text]);
  }, 180_000); // the minute of Schedule at…, then the alarm
  it('a post of an account whose session was revoked waits in red with its reason, and Settings offers Reconnect', async () => {
    // The session is revoked on the PDS (com.atproto.server.deleteSession with its refresh token).
    // The PDS keeps honouring an access token until it expires (two hours), so the stored one is
    // made stale here: the publisher meets what it meets after that expiry, a refresh refused.
    const credential = (await panel.readRow('credentials', account.id)) as { secret: { accessJwt: string; refreshJwt: string } };
    const revoked = await fetch(`${inject('pdsUrl')}/xrpc/com.atproto.server.deleteSession`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential.secret.refreshJwt}` },
    });
    expect(revoked.status).toBe(200);
    await panel.putRows('credentials', [{ ...credential, secret: { ...credential.secret, accessJwt: credential.secret.refreshJwt } }]);

    const text = `After the sign-out ${uniq()}`;
    await panel.show('Compose');
    await panel.chooseAccount(handle);
    await panel.typeSharedText(text);
    await panel.clickButton('Share now');
    expect(await panel.status('compose-status')).toBe(`Publishing now on @${handle}. The Calendar shows each one when it is out.`);
    const waiting = await pollUntil(async () => {
      // The first test's evergreen post also waits, 30 days out: the one with an error is this one.
      return ((await panel.readAll('deliveries')) as Delivery[]).find((d) => d.accountId === account.id && d.state !== 'published' && d.lastError) ?? null;
    });
    expect(waiting).toMatchObject({ state: 'scheduled', lastError: { code: 'auth' } });
    expect(await panel.readRow('accounts', account.id)).toMatchObject({ status: 'disconnected' });

    await panel.show('Calendar');
    const chip = await panel.waitForChipState(waiting.id, 'scheduled');
    expect(chip.className).toContain('chip--danger');
    expect(chip.label).toContain(`@${handle}, waiting for account`);
    expect(chip.reason).toContain(`Waiting: @${handle} is disconnected (`);
    expect(chip.reason).toContain('Reconnect it in Settings → Accounts and this post goes out.');
    await panel.show('Settings');
    await panel.page.waitForSelector(`xpath/.//button[normalize-space(.)="Reconnect @${handle}"]`, { timeout: 5000 });
    expect(await recordsWithText(text)).toEqual([]);
  });
});
