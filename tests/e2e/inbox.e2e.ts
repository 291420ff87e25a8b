import { AtpAgent, RichText } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Account, Delivery, InboxItem } from '@/lib/model';
import { createAccount, pollUntil, processAll, uniq } from '../integration/support';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, waitInWorker, type ExtensionBrowser } from './support/launch';

/**
 * Issue 6, end to end: a fan on the local AT Protocol network mentions the connected brand; the
 * poll alarm brings it in, the toolbar badge counts it, the Inbox lists it, a reply typed in the
 * side panel lands on the network as a reply to the mention, and the item is done.
 */
const passwordOf = (handle: string) => `${handle.replace(/\.test$/, '')}-password`;

describe('the inbox against the local AT Protocol network (Chromium)', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let brand: AtpAgent;
  let fan: AtpAgent;
  let account: Account;

  const badge = async () => (await ext.worker()).evaluate(() => chrome.action.getBadgeText({}));
  /** The account's next poll time has come, and the poll alarm fires as Chrome fires it. */
  const pollNow = async () => {
    const polled = (await pollUntil(async () => panel.readRow('pollState', account.id))) as Record<string, unknown>;
    await panel.putRows('pollState', [{ ...polled, nextPollAt: 0 }]);
    await (await ext.worker()).evaluate(() => chrome.alarms.onAlarm.dispatch({ name: 'poll', scheduledTime: Date.now() }));
  };

  beforeAll(async () => {
    ext = await launchWithExtension();
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await panel.page.setViewport({ width: 520, height: 2400 });
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="active-workspace"]')?.textContent !== 'No workspace yet');
    brand = await createAccount('brand-inbox');
    fan = await createAccount('fan-inbox');
    await processAll(); // connecting reads the brand's profile from the AppView
    const handle = brand.session!.handle;
    await panel.connectBluesky({ handle, password: passwordOf(handle), server: inject('pdsUrl') });
    account = ((await panel.readAll('accounts')) as Account[]).find((a) => a.handle === handle)!;
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('a mention arrives on the poll alarm, counts on the badge, is answered from the panel and is done', async () => {
    expect(await badge()).toBe('');
    const mention = new RichText({ text: `Hey @${account.handle}, is the roastery open on Sunday? ${uniq()}` });
    await mention.detectFacets(fan);
    expect(mention.facets?.length).toBe(1);
    const posted = await fan.post({ text: mention.text, facets: mention.facets });
    await processAll();
    // The AppView writes notifications a moment after indexing the post: wait until the network shows it.
    await pollUntil(async () => (await brand.app.bsky.notification.listNotifications({ limit: 10 })).data.notifications.some((n) => n.uri === posted.uri));

    // Connecting polled the account at once (before the mention); its next poll time has come.
    await pollNow();
    const worker = await ext.worker();
    await waitInWorker(worker, () => chrome.action.getBadgeText({}).then((text) => text === '1'), [], 15_000);
    const item = (await pollUntil(async () => ((await panel.readAll('inbox')) as InboxItem[]).find((row) => row.ref?.id === posted.uri))) as InboxItem;
    expect(item).toMatchObject({
      accountId: account.id,
      kind: 'mention',
      state: 'open',
      isRead: false,
      text: mention.text,
      author: { handle: fan.session!.handle },
    });
    // The poller set the alarm for the account's next poll.
    expect((await worker.evaluate(() => chrome.alarms.get('poll')))?.scheduledTime).toBeGreaterThan(Date.now());

    await panel.show('Inbox');
    await panel.waitForInboxText(mention.text);
    const [row, ...more] = await panel.inboxRows();
    expect(more).toEqual([]);
    expect(row!.who).toContain(`@${fan.session!.handle} mentioned`);
    expect(row!.meta).toContain(`to @${account.handle}`);
    expect(row!.isUnread).toBe(true);

    await panel.openInboxItem(mention.text);
    const answer = `Yes, from 9 to 1 — see you there! ${uniq()}`;
    expect(await panel.sendReply(answer)).toBe('Sent.');

    // On the network: the brand's reply sits under the fan's mention.
    await processAll();
    const appView = new AtpAgent({ service: inject('bskyUrl') });
    type Reply = { post: { uri: string; author: { did: string }; record: { text?: string; reply?: { parent: { uri: string }; root: { uri: string } } } } };
    const repliesByBrand = async () => {
      const { data } = await appView.app.bsky.feed.getPostThread({ uri: posted.uri, depth: 1 });
      return ((data.thread as { replies?: Reply[] }).replies ?? []).filter((reply) => reply.post.author.did === brand.session!.did);
    };
    const ours = await pollUntil(async () => {
      const found = await repliesByBrand();
      return found.length > 0 ? found : null;
    });
    expect(ours.map((reply) => reply.post.record.text)).toEqual([answer]);
    expect(ours[0]!.post.record.reply).toMatchObject({ parent: { uri: posted.uri }, root: { uri: posted.uri } });

    // In Cadence: the item is done and read, it points at the published reply, and the badge is clear.
    const done = (await panel.readRow('inbox', item.id)) as InboxItem;
    expect(done).toMatchObject({ state: 'done', isRead: true });
    expect(done.repliedAt).toEqual(expect.any(Number));
    const reply = (await panel.readRow('deliveries', done.replyDeliveryId!)) as Delivery;
    expect(reply).toMatchObject({ state: 'published', accountId: account.id });
    expect(reply.remote!.id).toBe(ours[0]!.post.uri);
    // It left the working (open) list, and the done list shows it.
    await panel.page.waitForFunction(() => document.querySelectorAll('[data-testid="inbox-item"]').length === 0, { timeout: 5000 });
    await panel.inboxFilter('State', 'done');
    await panel.waitForInboxText(mention.text, 5000);
    expect((await panel.inboxRows()).map((shown) => [shown.text, shown.meta.endsWith(' · done'), shown.isUnread])).toEqual([[mention.text, true, false]]);
    await waitInWorker(worker, () => chrome.action.getBadgeText({}).then((text) => text === ''), [], 5000);
  });

  it('Like and Repost say so in a toast and land on the network; Done and Snooze each offer an Undo that puts the item back (issue 24)', async () => {
    const mention = new RichText({ text: `@${account.handle} the new winter blend is lovely ${uniq()}` });
    await mention.detectFacets(fan);
    const posted = await fan.post({ text: mention.text, facets: mention.facets });
    await processAll();
    await pollUntil(async () => (await brand.app.bsky.notification.listNotifications({ limit: 10 })).data.notifications.some((n) => n.uri === posted.uri));
    await pollNow();
    const item = (await pollUntil(async () => ((await panel.readAll('inbox')) as InboxItem[]).find((row) => row.ref?.id === posted.uri))) as InboxItem;

    await panel.inboxFilter('State', 'open');
    await panel.waitForInboxText(mention.text);
    await panel.openInboxItem(mention.text);
    const toast = async (wanted: string) => {
      const shown = await panel.page.waitForFunction(
        (text) => [...document.querySelectorAll('[data-testid="toast"] p')].find((p) => p.textContent === text)?.textContent ?? null,
        { timeout: 10_000 },
        wanted,
      );
      return String(await shown.jsonValue());
    };
    const press = async (name: string) => {
      const [button] = await panel.page.$$(`xpath/.//section[contains(@class,"conversation")]//button[normalize-space(.)="${name}"]`);
      if (!button) throw new Error(`no "${name}" in the conversation`);
      await button.click();
    };
    const undo = async (text: string) => {
      const [button] = await panel.page.$$(`xpath/.//*[@data-testid="toast"][p[.="${text}"]]//button[normalize-space(.)="Undo"]`);
      if (!button) throw new Error(`no Undo beside "${text}"`);
      await button.click();
    };

    await press('Like');
    expect(await toast('Liked.')).toBe('Liked.');
    await press('Repost');
    expect(await toast('Reposted.')).toBe('Reposted.');
    // On the network: the brand's like and repost of the fan's post.
    await processAll();
    const appView = new AtpAgent({ service: inject('bskyUrl') });
    await pollUntil(async () => {
      const [likes, reposts] = await Promise.all([
        appView.app.bsky.feed.getLikes({ uri: posted.uri }),
        appView.app.bsky.feed.getRepostedBy({ uri: posted.uri }),
      ]);
      const byBrand = (did: string) => did === brand.session!.did;
      return likes.data.likes.some((like) => byBrand(like.actor.did)) && reposts.data.repostedBy.some((actor) => byBrand(actor.did)) ? true : null;
    });

    const done = `Done: @${fan.session!.handle}’s item.`;
    await (await panel.page.waitForSelector('.conversation [data-testid="mark-done"]'))!.click();
    expect(await toast(done)).toBe(done);
    await pollUntil(async () => ((await panel.readRow('inbox', item.id)) as InboxItem).state === 'done' || null);
    await undo(done);
    const back = `Undone: the item from @${fan.session!.handle} is back in the inbox.`;
    expect(await toast(back)).toBe(back);
    expect((await panel.readRow('inbox', item.id)) as InboxItem).toMatchObject({ state: 'open', snoozedUntil: null });
    await panel.waitForInboxText(mention.text, 5000);

    await panel.openInboxItem(mention.text);
    await panel.page.select('.conversation select[aria-label="Snooze"]', '4');
    expect(await toast('Snoozed: 4 hours.')).toBe('Snoozed: 4 hours.');
    expect(
      (
        (await pollUntil(async () => {
          const row = (await panel.readRow('inbox', item.id)) as InboxItem;
          return row.state === 'snoozed' ? row : null;
        })) as InboxItem
      ).snoozedUntil,
    ).toBeGreaterThan(Date.now());
    await undo('Snoozed: 4 hours.');
    expect(await toast(back)).toBe(back);
    expect((await panel.readRow('inbox', item.id)) as InboxItem).toMatchObject({ state: 'open', snoozedUntil: null });
  });
});
