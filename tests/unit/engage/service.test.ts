import { describe, expect, it, vi } from 'vitest';
import { createEngageService } from '@/lib/engage/service';
import { sendReply } from '@/lib/engage/reply';
import { NetworkError } from '@/lib/errors';
import type { HandlerContext } from '@/lib/messaging';
import { INBOX_PROTOCOL } from '@/lib/messaging/protocols/inbox';
import { openStore, validRows } from '@/lib/store';
import { makeAccount } from '../factories';
import { createFakePorts } from '../fake-ports';
import { createFakeNetwork } from './fake-adapter';

const panel: HandlerContext = { from: 'extension', tabId: null };

async function setUp() {
  const store = await openStore();
  const account = await store.accounts.put(makeAccount());
  const fake = createFakeNetwork();
  const time = 1_800_000_000_000;
  const { ports, badge } = createFakePorts();
  const service = createEngageService({ store: Promise.resolve(store), now: () => time, ports }, { adapterFor: () => fake.adapter });
  const handlers = service.handlers!;
  return { store, account, fake, service, handlers, ports, badge, now: () => time };
}

describe('the engage background service', () => {
  it('handles every inbox and listening message', () => {
    const { handlers } = { handlers: createEngageService({ store: new Promise(() => undefined), now: () => 0, ports: createFakePorts().ports }).handlers! };
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(INBOX_PROTOCOL).sort());
  });

  it('on the poll alarm stores mentions, shows the unread count on the badge and sets the next alarm', async () => {
    const { fake, service, store, ports, badge } = await setUp();
    const notify = vi.mocked(ports.notifications.show);
    fake.notify('hi @me');
    fake.notify('and again');
    await service.onAlarm!('poll');
    expect(badge.text).toBe('2');
    expect(notify).toHaveBeenCalledTimes(1);
    expect(await ports.alarms.when('poll')).toBeDefined();
    const [item] = validRows(await store.inbox.list());
    await store.inbox.update(item!.id, (current) => current && { ...current, state: 'done' });
    await vi.waitFor(async () => expect(badge.text).toBe('1'));
    store.close();
  });

  it('takes 300 mentions in with one announcement, two counts of the inbox at most and one badge write (issue 18, hole 11: was 302 and 301)', async () => {
    const { fake, handlers, store, ports, badge } = await setUp();
    await handlers['inbox.poll']!({}, panel); // the first poll after setting up, with nothing to bring
    await vi.waitFor(async () => expect(badge.text).toBe(''));
    for (let i = 0; i < 300; i += 1) fake.notify(`mention ${i}`);
    const announcements: number[] = [];
    store.feed.subscribe((change) => {
      if (change.store === 'inbox') announcements.push(change.keys.length);
    });
    const scans = vi.spyOn(store.inbox, 'list');
    const badgeWrites = vi.mocked(ports.badge.show);
    badgeWrites.mockClear();
    await handlers['inbox.poll']!({}, panel);
    await vi.waitFor(async () => expect(badge.text).toBe('99+'));
    await new Promise((done) => setTimeout(done, 50)); // any re-read still to come
    expect(announcements).toEqual([300]);
    // The poll's own look for snoozed items to wake is one read; the badge's count of open items is the rest.
    const counts = scans.mock.calls.filter(([options]) => JSON.stringify(options?.query).includes('"open"'));
    expect(counts.length).toBeLessThanOrEqual(2);
    expect(scans.mock.calls.length - counts.length).toBe(1);
    expect(badgeWrites).toHaveBeenCalledTimes(1);
    expect(validRows(await store.inbox.list())).toHaveLength(300);
    store.close();
  });

  it('polls an account as soon as it is connected, and sets the poll alarm', async () => {
    const { fake, store, ports } = await setUp();
    const second = await store.accounts.put(makeAccount({ handle: 'second.test' }));
    await vi.waitFor(() => expect(fake.calls.notifications.length).toBeGreaterThanOrEqual(2));
    expect(fake.calls.notifications).toEqual([null, null]); // both accounts, each polled once
    expect(validRows(await store.pollState.list()).map((row) => row.id)).toContain(second.id);
    expect(await ports.alarms.when('poll')).toBeDefined();
    store.close();
  });

  it('replies as a post with one delivery, marks the item done, and a retry after a failure reuses the same record key', async () => {
    const { fake, service, handlers, store, account } = await setUp();
    const mention = fake.notify('where is my order?');
    await service.onAlarm!('poll');
    const [item] = validRows(await store.inbox.list());
    const input = {
      accountId: account.id,
      text: 'On its way!',
      replyTo: { parent: mention.ref, root: mention.ref },
      inboxItemId: item!.id,
      streamResultId: null,
    };

    fake.failNext(new NetworkError('timeout'));
    await expect(handlers['inbox.reply']!(input, panel)).rejects.toThrow(/timeout.*try again by itself/);
    const waiting = validRows(await store.deliveries.list());
    expect(waiting).toMatchObject([{ state: 'retrying', lastError: { code: 'network' } }]);

    fake.failNext(null);
    const sent = await handlers['inbox.reply']!(input, panel);
    const deliveries = validRows(await store.deliveries.list());
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ id: sent.deliveryId, state: 'published', attempt: 2 });
    expect(new Set(fake.calls.publish.map((call) => call.rkey)).size).toBe(1);
    expect(fake.calls.publish[1]!.replyTo).toEqual({ parent: mention.ref, root: mention.ref, visibility: 'public' });
    const [post] = validRows(await store.posts.list());
    expect(post).toMatchObject({ text: 'On its way!', replyTo: { parent: mention.ref } });
    expect(await store.inbox.get(item!.id)).toMatchObject({ value: { state: 'done', isRead: true, replyDeliveryId: sent.deliveryId } });
    store.close();
  });

  it('refuses an empty or too long reply with a sentence, and sends nothing', async () => {
    const { store, account, fake, now } = await setUp();
    const ref = { id: 'at://x/1', url: 'https://x', cid: 'c' };
    const deps = { store, now, adapterFor: () => fake.adapter };
    await expect(sendReply(deps, { accountId: account.id, text: '  ', replyTo: { parent: ref, root: ref }, retryOf: null })).rejects.toThrow('empty');
    await expect(sendReply(deps, { accountId: account.id, text: 'x'.repeat(301), replyTo: { parent: ref, root: ref }, retryOf: null })).rejects.toThrow(
      '1 over the 300',
    );
    expect(fake.calls.publish).toEqual([]);
    expect(await store.deliveries.count()).toBe(0);
    store.close();
  });

  it('marking read moves the network marker as far as every older item is read', async () => {
    const { fake, service, handlers, store } = await setUp();
    fake.notify('old');
    fake.notify('new');
    await service.onAlarm!('poll');
    const [newer, older] = validRows(await store.inbox.list({ index: 'by-createdAt', direction: 'prev' }));
    expect(await handlers['inbox.markRead']!({ ids: [newer!.id], isRead: true }, panel)).toEqual({ moved: [] });
    expect(await handlers['inbox.markRead']!({ ids: [older!.id], isRead: true }, panel)).toEqual({ moved: [newer!.accountId] });
    // Everything read: the marker may go to the poll cursor, the newest position polled.
    expect(fake.calls.markSeen).toEqual([{ remoteId: newer!.remoteId, at: newer!.createdAt, cursor: '2' }]);
    store.close();
  });

  it('reading an older item while a newer one is unread moves the marker to that item only, never past the unread one', async () => {
    const { fake, service, handlers, store } = await setUp();
    fake.notify('old');
    fake.notify('new');
    await service.onAlarm!('poll');
    const [newer, older] = validRows(await store.inbox.list({ index: 'by-createdAt', direction: 'prev' }));
    expect(await handlers['inbox.markRead']!({ ids: [older!.id], isRead: true }, panel)).toEqual({ moved: [older!.accountId] });
    expect(fake.calls.markSeen).toEqual([{ remoteId: older!.remoteId, at: older!.createdAt, cursor: null }]);
    expect(newer!.isRead).toBe(false);
    store.close();
  });
});
