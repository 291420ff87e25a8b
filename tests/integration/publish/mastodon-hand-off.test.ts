import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectMetrics } from '@/lib/analytics/collector';
import { NetworkError } from '@/lib/errors';
import type { Account, Delivery } from '@/lib/model';
import { createAdapter, credentialVault } from '@/lib/networks';
import { createMastodonAdapter } from '@/lib/networks/mastodon';
import { publishHeld } from '@/lib/publish/actions';
import { LEASE_MS } from '@/lib/publish/claim';
import { CONTENT_LOADERS } from '@/lib/publish/content-loaders';
import type { PublisherDeps } from '@/lib/publish/deps';
import { handOff } from '@/lib/publish/hand-off';
import { publishDue } from '@/lib/publish/publish-due';
import { FIRST_LOOKUP_DELAY_MS, LOOKUP_EVERY_MS, NOT_PUBLISHED_REASON } from '@/lib/publish/resolve-hand-off';
import { newDelivery } from '@/lib/schedule/delivery-rows';
import { openStore, validRows, type Store } from '@/lib/store';
import { actAs, addMastodonAccount, postAs, type Connected } from '../../harness/mastodon/connect-account';
import { startMastodonServer, type MastodonServer } from '../../harness/mastodon-server';
import { makePost } from '../../unit/factories';
import { uniq } from '../support';

/**
 * Mastodon hand-offs (`scheduled_at`) against the contract server: the publisher finds the
 * status the server's scheduler made of a post, so its link and metrics are real; a hand-off the
 * server dropped is held with what to do; and a worker killed (or a request unanswered) while
 * handing a post over is recovered by asking the server, never by handing it over twice.
 */
let server: MastodonServer;
let store: Store;
let account: Account;
let connected: Connected;
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
  ({ account, connected } = await addMastodonAccount(store, server, `brand${uniq()}`));
});
afterEach(() => store.close());

/** The row as the dead worker left it: claimed for the hand-off, its lease run out. */
async function deadHandOff(text: string): Promise<Delivery> {
  const post = await store.posts.put(makePost({ workspaceId: account.workspaceId, text }));
  const dueAt = clock.now + 3_600_000;
  const claimedAt = clock.now - LEASE_MS - 1000;
  const row = newDelivery(post.id, account, { state: 'scheduled', dueAt }, claimedAt);
  return store.deliveries.put({
    ...row,
    state: 'publishing',
    method: 'server-scheduled',
    lease: { owner: 'dead', until: claimedAt + LEASE_MS },
    updatedAt: claimedAt,
  });
}

/** The request that reached the server before the kill, with the delivery's own key and time. */
async function reachedServer(delivery: Delivery, text: string) {
  const adapter = deps().adapterFor(account);
  await adapter.publish({
    parts: [{ text, media: [], link: null }],
    lang: null,
    idempotencyKey: delivery.idempotencyKey,
    rkey: null,
    done: [],
    replyTo: null,
    scheduledAt: delivery.dueAt,
  });
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
    expect(await reload(delivery.id)).toMatchObject({
      state: 'scheduled',
      method: 'server-scheduled',
      lease: null,
      remote: { id: held!.id, url: '' },
      parts: [{ id: held!.id }],
    });
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
    const found = await reload(delivery.id);
    expect(found).toMatchObject({ state: 'published', lease: null, remote: { id: status!.id, url: expect.stringContaining(status!.id) } });
    expect(found.publishedAt).toBe(Date.parse(status!.createdAt)); // when it went out, not when the browser came back
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

/** A post scheduled an hour ahead on the browser's own schedule, ready to be handed over. */
async function scheduled(text: string): Promise<Delivery> {
  const post = await store.posts.put(makePost({ workspaceId: account.workspaceId, text }));
  return store.deliveries.put(newDelivery(post.id, account, { state: 'scheduled', dueAt: clock.now + 3_600_000 }, clock.now));
}

describe('a hand-off the server publishes', () => {
  it('gets the status the server made of it, and the metrics collector samples its real counts', async () => {
    const text = `Our spring menu is out ${uniq()}`;
    const handed = await handOff(deps(), (await scheduled(text)).id);
    const dueAt = handed.dueAt!;
    expect(handed.remote).toMatchObject({ url: '' });

    // At its time the delivery is published, but the server is a little late: it still holds it.
    clock.now = dueAt;
    await publishDue(deps());
    clock.now = dueAt + FIRST_LOOKUP_DELAY_MS;
    await publishDue(deps());
    const waiting = await reload(handed.id);
    expect(waiting).toMatchObject({ state: 'published', remote: handed.remote, nextAttemptAt: clock.now + LOOKUP_EVERY_MS });

    const [status] = server.runScheduler(dueAt).filter((s) => s.text === text);
    expect(status!.id).not.toBe(handed.remote!.id); // a new id: the scheduled one finds nothing now
    clock.now = waiting.nextAttemptAt!;
    await publishDue(deps());
    const resolved = await reload(handed.id);
    expect(resolved).toMatchObject({
      state: 'published',
      remote: { id: status!.id, url: expect.stringContaining(status!.id) },
      parts: [{ id: status!.id }],
      nextAttemptAt: null,
    });
    expect(resolved.publishedAt).toBe(Date.parse(status!.createdAt));
    expect(resolved.sent?.parts.map((part) => part.text)).toEqual([status!.text]); // what went out, kept when the post is edited
    expect(statusesWith(text)).toHaveLength(1);

    const fans = ['fan1', 'fan2'].map((name) => server.createAccount(`${name}${uniq()}`).token);
    for (const fan of fans) await actAs(server, fan, `/api/v1/statuses/${status!.id}/favourite`);
    await actAs(server, fans[0]!, `/api/v1/statuses/${status!.id}/reblog`);
    await postAs(server, fans[1]!, { status: 'Looks delicious', in_reply_to_id: status!.id });
    const adapterFor = deps().adapterFor;
    const report = await collectMetrics({ store, now: () => resolved.publishedAt! + 3_600_000 + 1000, adapterFor });
    expect(report).toMatchObject({ sampled: 1, failures: [] });
    const [sample] = validRows(await store.metrics.list({ index: 'by-delivery-takenAt', query: IDBKeyRange.bound([handed.id, 0], [handed.id, Infinity]) }));
    const onServer = server.state.renderStatus(server.state.statuses.get(status!.id)!, null) as Record<string, number>;
    expect(sample!.counts).toEqual({
      likes: onServer.favourites_count,
      reposts: onServer.reblogs_count,
      replies: onServer.replies_count,
      quotes: onServer.quotes_count,
    });
    expect(sample!.counts).toEqual({ likes: 2, reposts: 1, replies: 1, quotes: 0 });
  });

  it('deleted on the server before its time is held, saying so, and "Publish now" sends it once', async () => {
    const text = `Deleted on Mastodon ${uniq()}`;
    const handed = await handOff(deps(), (await scheduled(text)).id);
    const removed = await fetch(`${server.url}/api/v1/scheduled_statuses/${handed.remote!.id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${connected.secret.accessToken}` },
    });
    expect(removed.status).toBe(200);

    // The browser opens after the due time: published, then looked up in the same pass.
    server.runScheduler(handed.dueAt!);
    clock.now = handed.dueAt! + 10 * 60_000;
    await publishDue(deps());
    expect(await reload(handed.id)).toMatchObject({
      state: 'held',
      remote: null,
      publishedAt: null,
      lastError: { code: 'not-published', message: NOT_PUBLISHED_REASON },
    });
    expect(statusesWith(text)).toHaveLength(0);

    await publishHeld(store, handed.id, clock.now);
    await publishDue(deps());
    const [status] = statusesWith(text);
    expect(await reload(handed.id)).toMatchObject({ state: 'published', method: 'api', remote: { id: status!.id } });
    expect(statusesWith(text)).toHaveLength(1);
  });
});

describe('a hand-off whose request got no answer', () => {
  /** The worker's adapter gives up on a request after a second. */
  const impatient = (): PublisherDeps => ({
    ...deps(),
    adapterFor: (of) => createMastodonAdapter({ account: of, vault: credentialVault(store, of.id, Date.now), fetch, now: Date.now }, { timeoutMs: 1000 }),
  });

  async function unanswered(text: string, fault: 'drop-answer' | 'hang'): Promise<Delivery> {
    const delivery = await scheduled(text);
    server.fault({ kind: fault, path: '/api/v1/statuses' });
    await expect(handOff(impatient(), delivery.id)).rejects.toThrow(NetworkError);
    const claimed = await reload(delivery.id);
    expect(claimed).toMatchObject({ state: 'publishing', method: 'server-scheduled' });
    // Its lease runs out like a dead worker's; the next pass asks the server.
    clock.now = claimed.lease!.until + 1;
    await publishDue(deps());
    return reload(delivery.id);
  }

  it('that the server took is found among its scheduled posts, not handed over again', async () => {
    const text = `Timed out but taken ${uniq()}`;
    const recovered = await unanswered(text, 'drop-answer');
    const [held] = scheduledWith(text);
    expect(recovered).toMatchObject({ state: 'scheduled', method: 'server-scheduled', lease: null, lastError: null, remote: { id: held!.id, url: '' } });
    expect(scheduledWith(text)).toHaveLength(1);
  });

  it('that never reached the server goes back on the browser schedule', async () => {
    const text = `Timed out, never arrived ${uniq()}`;
    const recovered = await unanswered(text, 'hang');
    expect(recovered).toMatchObject({ state: 'scheduled', method: 'api', lease: null, remote: null });
    expect(scheduledWith(text)).toHaveLength(0);
  });
});
