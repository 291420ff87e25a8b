import { RichText, type AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Account, Delivery, InboxItem } from '@/lib/model';
import type { LaunchedFirefox } from '../harness/firefox';
import { createAccount, pollUntil, processAll, uniq } from '../integration/support';
import type { SidePanel } from '../e2e/pages/side-panel';
import { launchFirefoxWithPanel } from './support/launch';

/**
 * Issue 21: the inbox in Firefox. A fan on another account of the local AT Protocol network
 * mentions the connected brand; the event page's `poll` alarm brings it in, the Inbox of the
 * sidebar page lists it, and a reply typed there lands on the PDS once, as a reply to the mention.
 */
const passwordOf = (handle: string) => `${handle.replace(/\.test$/, '')}-password`;

interface PostRecord {
  uri: string;
  cid: string;
  value: { text?: string; reply?: { root: { uri: string; cid: string }; parent: { uri: string; cid: string } } };
}

describe('the inbox against the local AT Protocol network (Firefox)', () => {
  let firefox: LaunchedFirefox;
  let panel: SidePanel;
  let brand: AtpAgent;
  let fan: AtpAgent;
  let account: Account;

  /** The extension's toolbar badge, read from the panel's page (browser.action is there in Firefox). */
  const badge = () => panel.page.evaluate(() => chrome.action.getBadgeText({}));
  /** Every post record in the brand's repo that replies to `uri`, straight from its PDS. */
  const repliesTo = async (uri: string) => {
    const { data } = await brand.com.atproto.repo.listRecords({ repo: brand.session!.did, collection: 'app.bsky.feed.post', limit: 100 });
    return (data.records as PostRecord[]).filter((record) => record.value.reply?.parent.uri === uri);
  };

  beforeAll(async () => {
    ({ firefox, panel } = await launchFirefoxWithPanel({ build: 'e2e' }));
    await panel.page.setViewport({ width: 520, height: 2400 });
    await panel.activeWorkspace();
    brand = await createAccount('brand-ffin');
    fan = await createAccount('fan-ffin');
    await processAll(); // connecting reads the brand's profile from the AppView
    const handle = brand.session!.handle;
    await panel.connectBluesky({ handle, password: passwordOf(handle), server: inject('pdsUrl') });
    account = ((await panel.readAll('accounts')) as Account[]).find((a) => a.handle === handle)!;
  });
  afterAll(async () => {
    await firefox?.dispose();
  });

  it('a mention from another account arrives on the poll alarm, is listed in the Inbox, and the reply sent from there goes out once', async () => {
    expect(await badge()).toBe('');
    const mention = new RichText({ text: `Hey @${account.handle}, do you ship to Firefox users? ${uniq()}` });
    await mention.detectFacets(fan);
    expect(mention.facets?.length).toBe(1);
    const posted = await fan.post({ text: mention.text, facets: mention.facets });
    await processAll();
    // The AppView writes notifications a moment after indexing the post: wait until the network shows it.
    await pollUntil(async () => (await brand.app.bsky.notification.listNotifications({ limit: 10 })).data.notifications.some((n) => n.uri === posted.uri));

    // Connecting polled the account at once (before the mention); its next poll time has come, and
    // the poll alarm goes off half a second from now: a real alarm, fired by Firefox to the event page.
    const polled = (await pollUntil(async () => panel.readRow('pollState', account.id))) as Record<string, unknown>;
    await panel.putRows('pollState', [{ ...polled, nextPollAt: 0 }]);
    await panel.page.evaluate(() => chrome.alarms.create('poll', { when: Date.now() + 500 }));
    const item = (await pollUntil(async () => ((await panel.readAll('inbox')) as InboxItem[]).find((row) => row.ref?.id === posted.uri))) as InboxItem;
    expect(item).toMatchObject({
      accountId: account.id,
      kind: 'mention',
      state: 'open',
      isRead: false,
      text: mention.text,
      author: { handle: fan.session!.handle },
    });
    await pollUntil(async () => (await badge()) === '1', 5000);
    // The poller set the alarm again for the account's next poll.
    expect((await panel.page.evaluate(() => chrome.alarms.get('poll')))?.scheduledTime).toBeGreaterThan(Date.now());

    await panel.show('Inbox');
    await panel.waitForInboxText(mention.text);
    const [row, ...more] = await panel.inboxRows();
    expect(more).toEqual([]);
    expect(row!.who).toContain(`@${fan.session!.handle} mentioned`);
    expect(row!.meta).toContain(`to @${account.handle}`);
    expect(row!.isUnread).toBe(true);

    // A reply from the inbox goes out: once, on the brand's PDS, under the mention (its root and parent).
    await panel.openInboxItem(mention.text);
    const answer = `Yes, worldwide — and from Firefox too! ${uniq()}`;
    expect(await panel.sendReply(answer)).toBe('Sent.');
    const [reply, ...again] = await pollUntil(async () => {
      const found = await repliesTo(posted.uri);
      return found.length > 0 ? found : null;
    });
    expect(again).toEqual([]);
    expect(reply!.value.text).toBe(answer);
    expect(reply!.value.reply).toEqual({ root: { uri: posted.uri, cid: posted.cid }, parent: { uri: posted.uri, cid: posted.cid } });

    // In Cadence: the item is done and read, it points at the published reply, and the badge is clear.
    const done = (await panel.readRow('inbox', item.id)) as InboxItem;
    expect(done).toMatchObject({ state: 'done', isRead: true });
    const delivery = (await panel.readRow('deliveries', done.replyDeliveryId!)) as Delivery;
    expect(delivery).toMatchObject({ state: 'published', accountId: account.id, attempt: 1 });
    expect(delivery.remote!.id).toBe(reply!.uri);
    await pollUntil(async () => (await badge()) === '', 5000);
    // And a moment later it is still the only one.
    await new Promise((done) => setTimeout(done, 2000));
    expect(await repliesTo(posted.uri)).toHaveLength(1);
  });

  it('with no error in the background or the panel', async () => {
    expect(await firefox.extensionErrors()).toEqual([]);
  });
});
