import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, InboxItem } from '@/lib/model';
import { connectAs, postAs } from '../harness/mastodon/connect-account';
import { startMastodonServer, type MastodonServer } from '../harness/mastodon-server';
import { pollUntil, uniq } from '../integration/support';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

/**
 * Issue 18, hole 2, end to end against the local Mastodon server (tests/harness/mastodon-server.ts):
 * a fan's direct mention, also addressed to a friend, arrives in the Inbox; the reply box starts
 * with both @mentions and says the reply is direct; the reply sent from the side panel reaches the
 * server as visibility=direct with the mentions, and the friend is notified. A row stored before
 * Cadence kept visibilities says it will be answered direct. The e2e build holds the loopback host
 * permission, as a user's Mastodon server would be granted at connect time.
 */
describe('replying to a direct Mastodon mention from the side panel (Chromium)', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let server: MastodonServer;
  let account: Account;
  let fanToken: string;

  const audience = () => panel.page.$eval('.conversation [data-testid="reply-audience"]', (element) => element.textContent ?? '');
  const replyText = () => panel.page.$eval('.conversation [data-testid="reply-text"]', (element) => (element as HTMLTextAreaElement).value);
  const pollNow = async () => {
    const polled = (await pollUntil(async () => panel.readRow('pollState', account.id))) as Record<string, unknown>;
    await panel.putRows('pollState', [{ ...polled, nextPollAt: 0 }]);
    const worker = await ext.worker();
    await worker.evaluate(() => chrome.alarms.onAlarm.dispatch({ name: 'poll', scheduledTime: Date.now() }));
  };

  beforeAll(async () => {
    server = await startMastodonServer();
    fanToken = server.createAccount('fan').token;
    server.createAccount('friend');
    const connected = await connectAs(server, 'brand');
    ext = await launchWithExtension({ build: 'e2e' });
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await panel.page.setViewport({ width: 520, height: 2400 });
    const workspace = await panel.activeWorkspace();
    account = await panel.addMastodonAccount(connected, { id: 'acct_masto_dm', workspaceId: workspace.id });
    // The first poll only learns where the account stands.
    await (await ext.worker()).evaluate(() => chrome.alarms.onAlarm.dispatch({ name: 'poll', scheduledTime: Date.now() }));
    await pollUntil(async () => ((await panel.readRow('pollState', account.id)) as { cursor?: string } | undefined)?.cursor);
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('a direct mention is answered direct, to the same people, from the panel', async () => {
    const text = `@brand @friend psst, has order ${uniq()} shipped?`;
    const mention = await postAs(server, fanToken, { status: text, visibility: 'direct' });
    await pollNow();
    const item = (await pollUntil(async () => ((await panel.readAll('inbox')) as InboxItem[]).find((row) => row.ref?.id === mention.id))) as InboxItem;
    expect(item).toMatchObject({ kind: 'direct', visibility: 'direct', replyMentions: ['fan', 'friend'] });

    await panel.show('Inbox');
    await panel.waitForInboxText(text);
    await panel.openInboxItem(text);
    expect(await replyText()).toBe('@fan @friend ');
    expect(await audience()).toBe('Reply is direct: only @fan and @friend see it.');

    const answer = 'it left this morning, tracking follows by e-mail.';
    expect(await panel.sendReply(answer)).toBe('Sent.');
    const reply = await pollUntil(async () => server.state.visibleStatuses().find((status) => status.inReplyToId === mention.id));
    expect(reply).toMatchObject({ text: `@fan @friend ${answer}`, visibility: 'direct', accountId: connected() });
    // Both people it answers are told, as Mastodon tells the accounts a direct status mentions.
    const notified = server.state.notifications.filter((n) => n.statusId === reply.id).map((n) => server.state.accounts.get(n.accountId)!.username);
    expect(notified.sort()).toEqual(['fan', 'friend']);
    expect(ext.workerErrors).toEqual([]);
  });

  it('a mention stored before Cadence kept visibilities says it will be answered direct', async () => {
    const [stored] = (await panel.readAll('inbox')) as InboxItem[];
    const old: Record<string, unknown> = {
      ...stored!,
      id: `${account.id}:old`,
      remoteId: 'old',
      text: 'An old mention from before',
      state: 'open',
      repliedAt: null,
      replyDeliveryId: null,
    };
    delete old.visibility;
    delete old.replyMentions;
    await panel.putRows('inbox', [old]);
    await panel.page.reload({ waitUntil: 'load' });
    await panel.show('Inbox');
    await panel.waitForInboxText('An old mention from before');
    await panel.openInboxItem('An old mention from before');
    expect(await replyText()).toBe(`@${stored!.author.handle} `);
    expect(await audience()).toBe(
      `Cadence does not know who could see this post (it arrived before Cadence kept that), so the reply is sent direct. Reply is direct: only @${stored!.author.handle} sees it.`,
    );
  });

  const connected = () => server.state.accountByName('brand')!.id;
});
