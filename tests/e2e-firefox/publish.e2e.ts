import type { AtpAgent } from '@atproto/api';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Account, Delivery, Settings, Workspace } from '@/lib/model';
import { atLocalTime } from '@/lib/schedule/local-time';
import type { LaunchedFirefox } from '../harness/firefox';
import { createAccount, pollUntil, processAll, uniq } from '../integration/support';
import type { SidePanel } from '../e2e/pages/side-panel';
import { launchFirefoxWithPanel } from './support/launch';

/**
 * Issue 21: a post composed and scheduled in Firefox's sidebar page goes out on the `publish`
 * alarm of the event page, exactly once, to the local PDS. The clock: the post is due at the
 * first whole minute at least 15 s away, read in the workspace's own zone, so the test holds on
 * any day and at any hour (15–75 s of waiting for the real alarm; Firefox has no way to fire one
 * early from outside).
 */
interface WorkerState {
  starts: number;
  alarmRuns: Record<string, number>;
}

const passwordOf = (handle: string) => `${handle.replace(/\.test$/, '')}-password`;

describe('publishing on the alarm to the local AT Protocol network (Firefox)', () => {
  let firefox: LaunchedFirefox;
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
  /** The extension's alarm, read from the panel's page (browser.alarms is there in Firefox). */
  const publishAlarm = () => panel.page.evaluate(() => chrome.alarms.get('publish'));

  beforeAll(async () => {
    // The e2e build: its loopback host permissions stand in for the grant Connect asks for in a click.
    ({ firefox, panel } = await launchFirefoxWithPanel({ build: 'e2e' }));
    await panel.page.setViewport({ width: 520, height: 2400 });
    await panel.activeWorkspace();
    const settings = (await panel.readRow('settings', 'settings')) as Settings;
    zone = ((await panel.readRow('workspaces', settings.activeWorkspaceId!)) as Workspace).timeZone;
    brand = await createAccount('brand-ffpub');
    handle = brand.session!.handle;
    await processAll(); // connecting reads the profile from the AppView
    await panel.connectBluesky({ handle, password: passwordOf(handle), server: inject('pdsUrl') });
    account = ((await panel.readAll('accounts')) as Account[]).find((a) => a.handle === handle)!;
  });
  afterAll(async () => {
    await firefox?.dispose();
  });

  it('schedules a post in Compose, and the alarm publishes it once to the PDS', async () => {
    const text = `Firefox roast on the alarm ${uniq()}`;
    await panel.show('Compose');
    await panel.chooseAccount(handle);
    await panel.typeSharedText(text);
    const at = DateTime.fromMillis(Date.now() + 15_000, { zone })
      .startOf('minute')
      .plus({ minutes: 1 });
    const dueAt = atLocalTime(at.toFormat('yyyy-MM-dd'), at.toFormat('HH:mm'), zone);
    const status = await panel.scheduleAt(at.toFormat("yyyy-MM-dd'T'HH:mm"));
    expect(status).toMatch(/^Queued for \w{3} /);
    expect(status).toContain(`${at.toFormat('HH:mm')} (${zone}) on @${handle}`);

    const [scheduled, ...others] = ((await panel.readAll('deliveries')) as Delivery[]).filter((d) => d.accountId === account.id);
    expect(others).toEqual([]);
    expect(scheduled).toMatchObject({ state: 'scheduled', method: 'api', dueAt });
    // The panel's nudge armed the one publish alarm at the post's time, and nothing is out yet.
    await pollUntil(async () => (await publishAlarm())?.scheduledTime === dueAt, 5000);
    expect(await recordsWithText(text)).toEqual([]);
    const before = (await panel.readRow('meta', 'worker')) as WorkerState;

    await panel.show('Calendar');
    const published = await pollUntil(
      async () => {
        const row = (await panel.readRow('deliveries', scheduled!.id)) as Delivery;
        return row.state === 'published' || row.state === 'failed' || row.state === 'held' ? row : null;
      },
      dueAt - Date.now() + 30_000,
    );
    expect(Date.now()).toBeGreaterThanOrEqual(dueAt);
    expect(published).toMatchObject({ state: 'published', attempt: 1, lease: null, lastError: null });
    expect(published.publishedAt).toBeGreaterThanOrEqual(dueAt);
    const after = (await panel.readRow('meta', 'worker')) as WorkerState;
    expect(after.alarmRuns.publish).toBe((before.alarmRuns.publish ?? 0) + 1);

    // Exactly one record on the PDS, and it is the one the delivery points at.
    const records = await recordsWithText(text);
    expect(records.map((record) => record.uri)).toEqual([published.remote!.id]);
    expect(records[0]!.uri).toBe(`at://${brand.session!.did}/app.bsky.feed.post/${published.rkey}`);
    expect(published.remote!.cid).toBe(records[0]!.cid);
    // The calendar, open all along, follows the background's write.
    const chip = await panel.waitForChipState(published.id, 'published');
    expect(chip.label).toContain(`@${handle}, published`);

    // A while later, still one: no second alarm run sent it again.
    await new Promise((done) => setTimeout(done, 3000));
    expect(await recordsWithText(text)).toHaveLength(1);
    expect(((await panel.readRow('deliveries', published.id)) as Delivery).attempt).toBe(1);
  }, 150_000); // the minute of Schedule at…, then the alarm

  it('with no error in the background or the panel', async () => {
    expect(await firefox.extensionErrors()).toEqual([]);
  });
});
