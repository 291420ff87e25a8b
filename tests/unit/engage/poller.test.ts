import { describe, expect, it } from 'vitest';
import { createPoller } from '@/lib/engage/poller';
import { unreadCount } from '@/lib/engage/unread';
import { NetworkError } from '@/lib/errors';
import { defaultSettings, type Account } from '@/lib/model';
import { openStore, validRows, type Store } from '@/lib/store';
import { makeAccount, makeDelivery } from '../factories';
import { createFakeNetwork } from './fake-adapter';

const MINUTE = 60_000;

async function setUp(accountOverrides: Partial<Account> = {}) {
  const store = await openStore();
  const account = await store.accounts.put(makeAccount(accountOverrides));
  const fake = createFakeNetwork();
  let time = 1_800_000_000_000;
  const clock = { now: () => time, advance: (ms: number) => (time += ms) };
  const poller = (on: Store = store) => createPoller({ store: on, now: clock.now, adapterFor: () => fake.adapter });
  return { store, account, fake, clock, poller };
}

const inbox = async (store: Store) => validRows(await store.inbox.list({ index: 'by-createdAt', direction: 'prev' }));

describe('the inbox poller', () => {
  it('makes one notifications call per poll with the stored cursor, and stores each notification once', async () => {
    const { store, account, fake, clock, poller } = await setUp();
    fake.notify('hi @me');
    fake.notify('hello again @me');
    const first = await poller().run();
    expect(first.added.map((item) => item.text)).toEqual(['hi @me', 'hello again @me']);
    expect(first.added[0]!.id).toBe(`${account.id}:${first.added[0]!.remoteId}`);

    fake.notify('third');
    clock.advance(10 * MINUTE);
    const second = await poller().run();
    expect(second.added.map((item) => item.text)).toEqual(['third']);
    expect(fake.calls.notifications).toEqual([null, '2']);
    expect(await inbox(store)).toHaveLength(3);
    store.close();
  });

  it('never resets what the user did with a row when the network sends the same notification again', async () => {
    const { store, fake, clock, poller } = await setUp();
    fake.notify('where is my order?');
    const [item] = (await poller().run()).added;
    await store.inbox.update(item!.id, (current) => current && { ...current, state: 'done', isRead: true, labels: ['complaint'] });
    // A cursor lost (say, a worker killed between writing rows and writing the cursor): the network repeats itself.
    await store.pollState.update(item!.accountId, (current) => (current?.kind === 'account' ? { ...current, cursor: null } : undefined));
    clock.advance(10 * MINUTE);
    expect((await poller().run()).added).toEqual([]);
    expect(await inbox(store)).toMatchObject([{ state: 'done', isRead: true, labels: ['complaint'] }]);
    store.close();
  });

  it('the alarm, start-up and the panel asking at once make one request, not one each', async () => {
    const { store, fake, poller } = await setUp();
    fake.notify('hi @me');
    const one = poller();
    const runs = await Promise.all([one.run(), one.setPanelVisible(true).then(() => one.run()), one.run()]);
    expect(fake.calls.notifications).toEqual([null]);
    expect(runs.flatMap((run) => run.added).map((item) => item.text)).toEqual(['hi @me']);
    expect(await inbox(store)).toHaveLength(1);
    store.close();
  });

  it('a new poller over the same database (a restarted worker) continues from the stored cursor', async () => {
    const { store, fake, clock, poller } = await setUp();
    fake.notify('one');
    await poller().run();
    store.close();
    const reopened = await openStore();
    fake.notify('two');
    clock.advance(10 * MINUTE);
    expect((await poller(reopened).run()).added.map((item) => item.text)).toEqual(['two']);
    expect(fake.calls.notifications).toEqual([null, '1']);
    expect(await inbox(reopened)).toHaveLength(2);
    reopened.close();
  });

  it('polls only accounts that are due, and says when the next one is', async () => {
    const { fake, clock, poller, store } = await setUp();
    const run = await poller().run();
    expect(run.nextPollAt).toBe(clock.now() + 5 * MINUTE); // quiet, panel closed
    clock.advance(MINUTE);
    await poller().run();
    expect(fake.calls.notifications).toHaveLength(1);
    clock.advance(4 * MINUTE);
    await poller().run();
    expect(fake.calls.notifications).toHaveLength(2);
    store.close();
  });

  it('polls faster once the panel is open, and not at all when polling is off', async () => {
    const { fake, clock, poller, store } = await setUp();
    await poller().run();
    clock.advance(MINUTE);
    await poller().setPanelVisible(true);
    expect((await poller().run()).nextPollAt).toBe(clock.now() + MINUTE);
    expect(fake.calls.notifications).toHaveLength(2);

    await store.settings.put({ ...defaultSettings(), polling: 'off' });
    clock.advance(10 * MINUTE);
    expect(await poller().run()).toMatchObject({ nextPollAt: null });
    expect(fake.calls.notifications).toHaveLength(2);
    store.close();
  });

  it('links a reply to our published post to its delivery', async () => {
    const { fake, poller, store, account } = await setUp();
    const ours = { id: 'at://me/app.bsky.feed.post/ours', url: 'https://bsky.app/ours', cid: 'c' };
    await store.deliveries.put(makeDelivery({ accountId: account.id, state: 'published', remote: ours, id: 'dlv_ours' }));
    fake.notify('great post', 'reply', ours);
    fake.notify('unrelated', 'mention');
    const { added } = await poller().run();
    expect(added.map((item) => item.inReplyTo)).toEqual([{ remoteId: ours.id, deliveryId: 'dlv_ours' }, null]);
    store.close();
  });

  it('marks the account disconnected on an AuthError and stops polling it, without throwing', async () => {
    const { fake, clock, poller, store, account } = await setUp();
    fake.expireToken();
    const run = await poller().run();
    expect(run.nextPollAt).toBeNull();
    const row = await store.accounts.get(account.id);
    expect(row?.ok && row.value).toMatchObject({ status: 'disconnected', statusReason: 'Token expired' });
    clock.advance(60 * MINUTE);
    await poller().run();
    expect(fake.calls.notifications).toHaveLength(1);
    store.close();
  });

  it('backs off after a network error and recovers', async () => {
    const { fake, clock, poller, store, account } = await setUp();
    fake.failNext(new NetworkError('offline'));
    expect((await poller().run()).nextPollAt).toBe(clock.now() + 10 * MINUTE);
    const state = await store.pollState.get(account.id);
    expect(state?.ok && state.value).toMatchObject({ failures: 1, lastError: { code: 'network', message: 'offline' } });
    fake.failNext(null);
    fake.notify('back');
    clock.advance(10 * MINUTE);
    expect((await poller().run()).added).toHaveLength(1);
    store.close();
  });

  it('wakes snoozed items whose time has come, and the badge counts them again', async () => {
    const { fake, clock, poller, store } = await setUp();
    fake.notify('a');
    fake.notify('b');
    const [a, b] = (await poller().run()).added;
    expect(await unreadCount(store)).toBe(2);
    await store.inbox.update(a!.id, (current) => current && { ...current, state: 'snoozed', snoozedUntil: clock.now() + 30 * MINUTE });
    await store.inbox.update(b!.id, (current) => current && { ...current, isRead: true });
    expect(await unreadCount(store)).toBe(0);
    clock.advance(31 * MINUTE);
    await poller().run();
    expect(await inbox(store)).toMatchObject([{ id: b!.id }, { id: a!.id, state: 'open', snoozedUntil: null }]);
    expect(await unreadCount(store)).toBe(1);
    store.close();
  });

  it('polls the streams of each account with their own cursor and keeps one result per post', async () => {
    const { fake, clock, poller, store, account } = await setUp();
    await store.streams.put({
      v: 1,
      id: 'st_1',
      workspaceId: 'ws_1',
      name: 'Brand',
      kind: 'keyword',
      query: 'acme',
      accountIds: [account.id],
      cursors: {},
      lastPolledAt: null,
      createdAt: 1,
    });
    fake.say('I love Acme coffee');
    fake.say('something else');
    expect((await poller().run()).found.map((result) => result.text)).toEqual(['I love Acme coffee']);
    fake.say('acme again');
    clock.advance(10 * MINUTE);
    expect((await poller().run()).found.map((result) => result.text)).toEqual(['acme again']);
    expect(fake.calls.search).toEqual([null, '2']);
    expect(await store.streamResults.count()).toBe(2);
    store.close();
  });
});
