import type { AtpAgent } from '@atproto/api';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Delivery, Workspace } from '@/lib/model';
import { createAccount, pollUntil, processAll } from '../integration/support';
import { makeAccount } from '../unit/factories';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

/**
 * Issue 17, validation at the moment of queueing, through the real side panel against the local
 * AT Protocol network: Add to queue, Schedule at… and Share now refuse a variant over its limit,
 * naming the account, the count and the limit, and Compose says so while typing; a reminder
 * network (X) gets a warning and is queued; a message sent past the view (publish.now) is refused
 * by the background; and a post edited past its limit after queueing fails at its time with the
 * same words, and nothing reaches the network.
 */
const passwordOf = (handle: string) => `${handle.replace(/\.test$/, '')}-password`;

describe('queueing refuses what the network would refuse (Chromium, local AT Protocol network)', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let brand: AtpAgent;
  let handle: string;
  let workspace: Workspace;
  const xHandle = 'brand_on_x';

  const records = async () => {
    const { data } = await brand.com.atproto.repo.listRecords({ repo: brand.session!.did, collection: 'app.bsky.feed.post', limit: 100 });
    return data.records;
  };
  const deliveries = async () => (await panel.readAll('deliveries')) as Delivery[];
  const pressAndRead = async (label: string) => {
    await panel.page.evaluate(() => (document.querySelector('[data-testid="compose-status"]')!.textContent = ''));
    await panel.clickButton(label);
    return panel.status('compose-status');
  };
  /** Two days ahead at 12:00 in the workspace's zone, whatever today is. */
  const later = () => DateTime.now().setZone(workspace.timeZone).plus({ days: 2 }).set({ hour: 12, minute: 0, second: 0, millisecond: 0 });

  beforeAll(async () => {
    ext = await launchWithExtension();
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await panel.page.setViewport({ width: 520, height: 2400 });
    workspace = await panel.activeWorkspace();
    brand = await createAccount('brand-val');
    handle = brand.session!.handle;
    await processAll();
    await panel.connectBluesky({ handle, password: passwordOf(handle), server: inject('pdsUrl') });
    const x = makeAccount({
      id: 'acct_x_val',
      workspaceId: workspace.id,
      network: 'x',
      handle: xHandle,
      publishMode: 'reminder',
      limits: { maxCharacters: 280, charactersPerUrl: 23, maxImages: 4, maxImageBytes: 5_000_000 },
    });
    await panel.putRows('accounts', [x]);
    await panel.page.reload({ waitUntil: 'load' }); // the X account was written behind the views' back
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('refuses 400 characters to Bluesky on every path, naming the account, the count and the limit; X only warns', async () => {
    await panel.show('Compose');
    await panel.chooseAccount(handle);
    await panel.chooseAccount(xHandle);
    await panel.typeSharedText('a'.repeat(400));
    const bluesky = `@${handle}: 400 characters, Bluesky allows 300 — split it into a thread or shorten it.`;
    const x = `@${xHandle}: 400 characters, X allows 280 — split it into a thread or shorten it. (you can still fix it on the share page)`;
    // Said while typing, before any button.
    await panel.page.waitForFunction(
      (wanted) => document.querySelector('[data-testid="queue-check"]')?.textContent?.includes(wanted),
      { timeout: 5000 },
      bluesky,
    );
    expect(await panel.status('queue-check')).toContain(x);

    expect(await pressAndRead('Add to queue')).toBe(`Not queued: ${bluesky} The draft is saved.`);
    expect(await panel.scheduleAt(later().toFormat("yyyy-MM-dd'T'HH:mm"))).toBe(`Not queued: ${bluesky} The draft is saved.`);
    expect(await pressAndRead('Share now')).toBe(`Not shared: ${bluesky} The draft is saved.`);
    expect((await deliveries()).filter((d) => d.state !== 'draft')).toEqual([]);

    // Past the view: the background's publish.now refuses the same post in the same words.
    expect(await pressAndRead('Save draft')).toBe('Draft saved.'); // draft deliveries, as Share now leaves them
    const postId = (await deliveries())[0]!.postId;
    const answer = await panel.page.evaluate((id) => chrome.runtime.sendMessage({ type: 'publish.now', payload: { postId: id } }), postId);
    expect(answer).toMatchObject({ ok: false, error: { code: 'validation', message: bluesky } });
    expect((await deliveries()).filter((d) => d.state !== 'draft')).toEqual([]);
    expect(await records()).toEqual([]);
  });

  it('queues 290 characters: within Bluesky, over X, which is warned and queued anyway', async () => {
    await panel.typeSharedText('b'.repeat(290));
    const at = later();
    const status = await panel.scheduleAt(at.toFormat("yyyy-MM-dd'T'HH:mm"));
    expect(status).toMatch(new RegExp(`^Queued for \\w{3} 12:00 .* on @${handle.replace(/\./g, '\\.')}; .* on @${xHandle}\\.`));
    expect(status).toContain(`@${xHandle}: 290 characters, X allows 280 — split it into a thread or shorten it. (you can still fix it on the share page)`);
    expect(
      (await deliveries())
        .filter((d) => d.state === 'scheduled')
        .map((d) => d.method)
        .sort(),
    ).toEqual(['api', 'reminder']);
  });

  it('a post edited past its limit after queueing fails at its time with the same words, and nothing is sent', async () => {
    const scheduled = (await deliveries()).find((d) => d.state === 'scheduled' && d.method === 'api')!;
    const day = (at: number) => DateTime.fromMillis(at, { zone: workspace.timeZone }).toFormat('yyyy-MM-dd');
    await panel.showCalendarWeekOf(day(scheduled.dueAt!));
    await panel.page.click(`[data-delivery="${scheduled.id}"] .chip__button`); // opens it in Compose
    await panel.page.waitForFunction(
      () => (document.querySelector('textarea[aria-label="Shared text"]') as HTMLTextAreaElement | null)?.value === 'b'.repeat(290),
    );
    await panel.typeSharedText('c'.repeat(350));
    await pollUntil(async () => ((await panel.readRow('posts', scheduled.postId)) as { text: string }).text === 'c'.repeat(350));
    // Its time comes now: the publish alarm runs at once.
    await panel.putRows('deliveries', [{ ...((await panel.readRow('deliveries', scheduled.id)) as Delivery), dueAt: Date.now() - 1000 }]);
    const worker = await ext.worker();
    await worker.evaluate(() => chrome.alarms.onAlarm.dispatch({ name: 'publish', scheduledTime: Date.now() }));
    const failed = await pollUntil(async () => {
      const row = (await panel.readRow('deliveries', scheduled.id)) as Delivery;
      return row.state === 'failed' ? row : null;
    });
    expect(failed.lastError).toEqual({ code: 'validation', message: `@${handle}: 350 characters, Bluesky allows 300 — split it into a thread or shorten it.` });
    await panel.showCalendarWeekOf(day(failed.dueAt!));
    const chip = await panel.waitForChipState(failed.id, 'failed');
    expect(chip.reason).toBe(failed.lastError!.message);
    expect(await records()).toEqual([]);
    expect(ext.workerErrors).toEqual([]);
  });
});
