import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markRead } from '@/lib/engage/actions';
import type { EngageDeps } from '@/lib/engage/deps';
import { createPoller } from '@/lib/engage/poller';
import { unreadCount } from '@/lib/engage/unread';
import type { Account, InboxItem } from '@/lib/model';
import { createAdapter, credentialVault } from '@/lib/networks';
import { openStore, validRows, type Store } from '@/lib/store';
import { addMastodonAccount, postAs, type Connected } from '../../harness/mastodon/connect-account';
import { startMastodonServer, type MastodonServer } from '../../harness/mastodon-server';
import { makeDelivery } from '../../unit/factories';
import { uniq } from '../support';

/**
 * The inbox of a Mastodon account through the product: the real poller and store (fake-indexeddb)
 * poll the contract server while a fan mentions, replies to and quotes the brand — more at once
 * than one page holds — across repeated polls and a restart; every mention lands exactly once,
 * the cursor survives, reads in another app arrive read, and marking read moves the server's marker.
 */
const now = () => Date.now();
const dbName = `mastodon-engage-${uniq()}`;
let server: MastodonServer;
let store: Store;
let account: Account;
let connected: Connected;
let fanToken: string;

const depsOf = (on: Store): EngageDeps => ({
  store: on,
  now,
  adapterFor: (of) => createAdapter({ account: of, vault: credentialVault(on, of.id, now), fetch, now }),
});
const poll = async () => (await createPoller(depsOf(store)).run({ force: true })).added;
const inbox = async (): Promise<InboxItem[]> => validRows(await store.inbox.list()).filter((item) => item.accountId === account.id);
const cursorOf = async () => {
  const row = await store.pollState.get(account.id);
  return row?.ok && row.value.kind === 'account' ? row.value.cursor : undefined;
};
const brandId = () => server.state.accountByName('brand')!.id;
const newestNotificationId = () => server.state.notifications.filter((n) => n.accountId === brandId()).at(-1)!.id;

beforeAll(async () => {
  server = await startMastodonServer({ apiVersion: 7 }); // Mastodon 4.5: fans quote our posts
  store = await openStore({ name: dbName });
  ({ account, connected } = await addMastodonAccount(store, server, 'brand'));
  fanToken = server.createAccount('fan').token;
});
afterAll(async () => {
  store?.close();
  await server?.close();
});

describe('the Mastodon inbox through the poller', () => {
  it('lands every mention, reply and quote exactly once across pages, repeated polls and a restart', async () => {
    // Connected before anything was said: the first poll finds nothing and remembers where it stands.
    expect(await poll()).toEqual([]);
    expect(await cursorOf()).toBe('0');

    // Our published post, as the publisher leaves it, for replies and quotes to point at.
    const ours = await depsOf(store)
      .adapterFor(account)
      .publish({
        parts: [{ text: 'Our new roast is out', media: [], link: null }],
        lang: 'en',
        idempotencyKey: uniq(),
        rkey: null,
        done: [],
        replyTo: null,
        scheduledAt: null,
      });
    const ourRef = ours.parts[0]!;
    await store.deliveries.put(
      makeDelivery({ id: 'dlv_ours', accountId: account.id, network: 'mastodon', state: 'published', publishedAt: now(), remote: ourRef, parts: ours.parts }),
    );

    const sent: string[] = [];
    const say = async (params: Record<string, unknown>) => {
      const status = await postAs(server, fanToken, params);
      sent.push(status.id);
      return status;
    };
    // 100 mentions: more than one catch-up page (80) holds.
    for (let i = 0; i < 100; i++) await say({ status: `@brand question ${i}` });
    const reply = await say({ status: '@brand tastes great!', in_reply_to_id: ourRef.id });
    const quote = await say({ status: 'Look at this @brand', quoted_status_id: ourRef.id }); // a mention and a quote: one item

    const seen = new Map<string, number>();
    const count = (items: InboxItem[]) => items.forEach((item) => seen.set(item.ref!.id, (seen.get(item.ref!.id) ?? 0) + 1));
    count(await poll());
    expect(seen.size).toBe(102);
    expect(await cursorOf()).toBe(newestNotificationId());
    count(await poll()); // nothing new

    // A restart: a new poller over the same database continues from the stored cursor.
    store.close();
    store = await openStore({ name: dbName });
    count(await poll());
    for (let i = 0; i < 3; i++) await say({ status: `@brand after the restart ${i}` });
    count(await poll());
    count(await poll());

    expect([...seen.keys()].sort()).toEqual([...sent].sort());
    expect([...seen.values()].every((times) => times === 1)).toBe(true);
    const items = await inbox();
    expect(items).toHaveLength(105);
    expect(await cursorOf()).toBe(newestNotificationId());

    const byStatus = (id: string) => items.find((item) => item.ref?.id === id)!;
    expect(byStatus(reply.id)).toMatchObject({ kind: 'reply', network: 'mastodon', inReplyTo: { remoteId: ourRef.id, deliveryId: 'dlv_ours' } });
    expect(byStatus(quote.id)).toMatchObject({ kind: 'quote', inReplyTo: { remoteId: ourRef.id, deliveryId: 'dlv_ours' } });
    expect(byStatus(sent[0]!)).toMatchObject({
      kind: 'mention',
      text: '@brand question 0',
      author: { handle: `fan@${new URL(server.url).host}` },
      isRead: false,
    });
    expect(await unreadCount(store)).toBe(105);
  });

  it('moves the server marker when everything is marked read, and what was read elsewhere arrives read', async () => {
    const moved = await markRead(
      depsOf(store),
      (await inbox()).map((item) => item.id),
      true,
    );
    expect(moved).toEqual([account.id]);
    expect(server.state.markers.get(brandId())?.lastReadId).toBe(newestNotificationId());
    expect(await unreadCount(store)).toBe(0);

    // Two more; the user reads the first in another app, which moves the account's marker there.
    const first = await postAs(server, fanToken, { status: '@brand read on my phone' });
    const firstNotification = newestNotificationId();
    const second = await postAs(server, fanToken, { status: '@brand not read yet' });
    const phone = await fetch(`${server.url}/api/v1/markers`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${connected.secret.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ notifications: { last_read_id: firstNotification } }),
    });
    expect(phone.status).toBe(200);

    const added = await poll();
    expect(added.map((item) => [item.ref!.id, item.isRead])).toEqual([
      [first.id, true],
      [second.id, false],
    ]);
    expect(await unreadCount(store)).toBe(1);
    // An idle poll after that costs the server one request.
    const before = server.requests.length;
    expect(await poll()).toEqual([]);
    expect(server.requests.slice(before).map((request) => request.path)).toEqual(['/api/v1/notifications']);
  });
});
