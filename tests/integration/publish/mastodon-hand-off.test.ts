import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Account, Delivery } from '@/lib/model';
import { createAdapter, credentialVault } from '@/lib/networks';
import { LEASE_MS } from '@/lib/publish/claim';
import { CONTENT_LOADERS } from '@/lib/publish/content-loaders';
import type { PublisherDeps } from '@/lib/publish/deps';
import { publishDue } from '@/lib/publish/publish-due';
import { newDelivery } from '@/lib/schedule/delivery-rows';
import { openStore, type Store } from '@/lib/store';
import { addMastodonAccount } from '../../harness/mastodon/connect-account';
import { startMastodonServer, type MastodonServer } from '../../harness/mastodon-server';
import { makePost } from '../../unit/factories';
import { uniq } from '../support';

/**
 * A worker killed while handing a post to Mastodon's scheduler (`scheduled_at`), after the server
 * took it and before the delivery recorded the scheduled status: the publisher that takes the
 * expired lease over asks the contract server and never hands the same post over twice.
 */
let server: MastodonServer;
let store: Store;
let account: Account;
const clock = { now: Date.now() };
let workers = 0;

const deps = (): PublisherDeps => ({
  store,
  now: () => clock.now,
  owner: `worker_${++workers}`,
  adapterFor: (of) => createAdapter({ account: of, vault: credentialVault(store, of.id, Date.now), fetch, now: Date.now }),
  notify: async () => {},
  random: () => 0.5,
  loaders: CONTENT_LOADERS,
});

beforeAll(async () => {
  server = await startMastodonServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  clock.now = Date.now();
  store = await openStore({ name: `hand-off-${uniq()}` });
  ({ account } = await addMastodonAccount(store, server, `brand${uniq()}`));
});
afterEach(() => store.close());

/** The row as the dead worker left it: claimed for the hand-off, its lease run out. */
async function deadHandOff(text: string): Promise<Delivery> {
  const post = await store.posts.put(makePost({ workspaceId: account.workspaceId, text }));
  const dueAt = clock.now + 3_600_000;
  const claimedAt = clock.now - LEASE_MS - 1000;
  const row = newDelivery(post.id, account, { state: 'scheduled', dueAt }, claimedAt);
  return store.deliveries.put({ ...row, state: 'publishing', method: 'server-scheduled', lease: { owner: 'dead', until: claimedAt + LEASE_MS }, updatedAt: claimedAt });
}

/** The request that reached the server before the kill, with the delivery's own key and time. */
async function reachedServer(delivery: Delivery, text: string) {
  const adapter = deps().adapterFor(account);
  await adapter.publish({ parts: [{ text, media: [], link: null }], lang: null, idempotencyKey: delivery.idempotencyKey, rkey: null, done: [], replyTo: null, scheduledAt: delivery.dueAt });
  // Mastodon forgets the key after an hour and clears it in a scheduled status: it cannot help.
  server.state.idempotency.clear();
}

const reload = async (id: string) => {
  const row = await store.deliveries.get(id);
  if (!row?.ok) throw new Error(`delivery ${id} is gone`);
  return row.value;
};
const scheduledWith = (text: string) => [...server.state.scheduled.values()].filter((row) => row.status.text === text);
const statusesWith = (text: string) => server.state.visibleStatuses().filter((status) => status.text === text);

describe('recovering a Mastodon hand-off after the worker died', () => {
  it('finds the post the server holds and points the delivery at it, without handing it over again', async () => {
    const text = `Held by the server ${uniq()}`;
    const delivery = await deadHandOff(text);
    await reachedServer(delivery, text);
    const [held] = scheduledWith(text);

    await publishDue(deps());
    expect(await reload(delivery.id)).toMatchObject({ state: 'scheduled', method: 'server-scheduled', lease: null, remote: { id: held!.id, url: '' }, parts: [{ id: held!.id }] });
    expect(scheduledWith(text)).toHaveLength(1);

    // At its time the server publishes it, and the delivery is recorded as published: still one post.
    server.runScheduler(delivery.dueAt!);
    clock.now = delivery.dueAt!;
    await publishDue(deps());
    expect((await reload(delivery.id)).state).toBe('published');
    expect(statusesWith(text)).toHaveLength(1);
  });

  it('finds the post the server already published while the browser was shut', async () => {
    const text = `Published while away ${uniq()}`;
    const delivery = await deadHandOff(text);
    await reachedServer(delivery, text);
    const [status] = server.runScheduler(delivery.dueAt!).filter((s) => s.text === text);
    clock.now = delivery.dueAt! + 60_000;

    await publishDue(deps());
    expect(await reload(delivery.id)).toMatchObject({ state: 'published', lease: null, remote: { id: status!.id, url: expect.stringContaining(status!.id) } });
    expect(statusesWith(text)).toHaveLength(1);
    expect(scheduledWith(text)).toHaveLength(0);
  });

  it('takes a hand-off that never reached the server back onto the browser schedule, which publishes it once', async () => {
    const text = `Never arrived ${uniq()}`;
    const delivery = await deadHandOff(text);

    await publishDue(deps());
    expect(await reload(delivery.id)).toMatchObject({ state: 'scheduled', method: 'api', lease: null, remote: null, lastError: null });
    expect(scheduledWith(text)).toHaveLength(0);

    clock.now = delivery.dueAt!;
    await publishDue(deps());
    expect((await reload(delivery.id)).state).toBe('published');
    expect(statusesWith(text)).toHaveLength(1);
  });
});
