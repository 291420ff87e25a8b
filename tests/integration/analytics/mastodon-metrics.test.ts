import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { collectMetrics, RETRY_MS } from '@/lib/analytics/collector';
import type { Account, Delivery } from '@/lib/model';
import { createAdapter, credentialVault } from '@/lib/networks';
import { openStore, validRows, type Store } from '@/lib/store';
import { actAs, addMastodonAccount, postAs } from '../../harness/mastodon/connect-account';
import { startMastodonServer, type InstanceConfig, type MastodonServer } from '../../harness/mastodon-server';
import { makeDelivery } from '../../unit/factories';
import { uniq } from '../support';

/**
 * The metrics collector on Mastodon deliveries, against the contract server: the brand publishes
 * through the adapter, fans favourite, boost, reply, quote and follow from their own accounts, and
 * every stored sample must equal what the server counts — read in batches of GET
 * /api/v1/statuses?id[]= (Mastodon 4.3), or one status at a time on a server without it.
 */
const H = 3_600_000;
const POSTS = 25; // more than one batch of 20
const servers: MastodonServer[] = [];
const stores: Store[] = [];
afterAll(async () => {
  for (const store of stores) store.close();
  await Promise.all(servers.map((server) => server.close()));
});

async function world(config: Partial<InstanceConfig> = {}) {
  const server = await startMastodonServer({ apiVersion: 7, ...config }); // Mastodon 4.5: fans quote our posts
  servers.push(server);
  const store = await openStore({ name: `mastodon-metrics-${uniq()}` });
  stores.push(store);
  const { account } = await addMastodonAccount(store, server, 'brand');
  const adapterFor = (of: Account) => createAdapter({ account: of, vault: credentialVault(store, of.id, Date.now), fetch, now: Date.now });
  const fans = ['fan1', 'fan2', 'fan3'].map((name) => server.createAccount(name).token);
  const publishedAt = Date.now();
  const deliveries: Delivery[] = [];
  for (let i = 0; i < POSTS; i++) {
    const result = await adapterFor(account).publish({
      parts: [{ text: `Post ${i} of our launch week`, media: [], link: null }],
      lang: 'en',
      idempotencyKey: uniq(),
      rkey: null,
      done: [],
      replyTo: null,
      scheduledAt: null,
    });
    deliveries.push(
      await store.deliveries.put(
        makeDelivery({
          accountId: account.id,
          network: 'mastodon',
          state: 'published',
          dueAt: publishedAt,
          publishedAt,
          remote: result.parts[0]!,
          parts: result.parts,
        }),
      ),
    );
  }
  // Different counts on different posts: post i gets i % 4 likes from the fans, and so on.
  for (const [i, delivery] of deliveries.entries()) {
    const id = delivery.remote!.id;
    for (const fan of fans.slice(0, i % 4)) await actAs(server, fan, `/api/v1/statuses/${id}/favourite`);
    if (i % 3 === 0) await actAs(server, fans[0]!, `/api/v1/statuses/${id}/reblog`);
    if (i % 5 === 0) await postAs(server, fans[1]!, { status: 'Congratulations!', in_reply_to_id: id });
    if (i % 7 === 0) await postAs(server, fans[2]!, { status: 'Have you seen this?', quoted_status_id: id });
  }
  for (const fan of fans.slice(0, 2)) await actAs(server, fan, `/api/v1/accounts/${account.remoteId}/follow`);

  /** What the server itself says about a status right now. */
  const countsOn = (statusId: string) => {
    const status = server.state.renderStatus(server.state.statuses.get(statusId)!, null) as Record<string, number>;
    return { likes: status.favourites_count, reposts: status.reblogs_count, replies: status.replies_count, quotes: status.quotes_count };
  };
  const samplesOf = async (delivery: Delivery) =>
    validRows(await store.metrics.list({ index: 'by-delivery-takenAt', query: IDBKeyRange.bound([delivery.id, 0], [delivery.id, Infinity]) }));
  const requestsSince = (from: number) => server.requests.slice(from).filter((request) => request.path.startsWith('/api/v1/statuses'));
  return { server, store, account, adapterFor, fans, publishedAt, deliveries, countsOn, samplesOf, requestsSince };
}

describe('metrics of Mastodon deliveries on the contract server', () => {
  it('samples every published post in batches of id[] and the follower count, each equal to the server', async () => {
    const w = await world();
    const before = w.server.requests.length;
    const first = await collectMetrics({ store: w.store, now: () => w.publishedAt + H + 1000, adapterFor: w.adapterFor });
    expect(first).toMatchObject({ sampled: POSTS, followerReadings: 1, failures: [] });
    expect(w.requestsSince(before).map((request) => [request.path, request.query.getAll('id[]').length])).toEqual([
      ['/api/v1/statuses', 20],
      ['/api/v1/statuses', 5],
    ]);
    for (const delivery of w.deliveries) {
      const [sample] = await w.samplesOf(delivery);
      expect(sample!.counts).toEqual(w.countsOn(delivery.remote!.id));
    }
    // The counts differ from post to post, so a mix-up would show.
    expect(new Set(w.deliveries.map((d) => JSON.stringify(w.countsOn(d.remote!.id)))).size).toBeGreaterThan(5);
    expect(w.countsOn(w.deliveries[7]!.remote!.id)).toEqual({ likes: 3, reposts: 0, replies: 0, quotes: 1 });

    const profile = w.server.state.renderAccount(w.server.state.accounts.get(w.account.remoteId!)!) as Record<string, number>;
    const [reading] = validRows(await w.store.metrics.list()).filter((row) => row.deliveryId === null);
    expect(reading!.counts).toEqual({ followers: profile.followers_count, following: profile.following_count, posts: profile.statuses_count });
    expect(reading!.counts).toMatchObject({ followers: 2, following: 0, posts: POSTS });

    // A like and a follow later, the next day's readings are new rows with the new counts; the first stay.
    const target = w.deliveries[0]!;
    await actAs(w.server, w.fans[2]!, `/api/v1/statuses/${target.remote!.id}/favourite`);
    await actAs(w.server, w.fans[2]!, `/api/v1/accounts/${w.account.remoteId}/follow`);
    const second = await collectMetrics({ store: w.store, now: () => w.publishedAt + 25 * H + 1000, adapterFor: w.adapterFor });
    expect(second).toMatchObject({ sampled: POSTS, followerReadings: 1, failures: [] });
    const series = await w.samplesOf(target);
    expect(series.map((row) => row.counts.likes)).toEqual([0, 1]);
    expect(series[1]!.counts).toEqual(w.countsOn(target.remote!.id));
    const readings = validRows(await w.store.metrics.list()).filter((row) => row.deliveryId === null);
    expect(readings.map((row) => row.counts.followers).sort()).toEqual([2, 3]);
  });

  it('reads one status at a time on a server without GET /api/v1/statuses?id[]=, asking for the batch only once', async () => {
    const w = await world({ hasBatchStatuses: false });
    // A deleted post has no counts: it is retried later, the others are sampled.
    const gone = w.deliveries[3]!;
    await w.adapterFor(w.account).remove(gone.remote!);
    const before = w.server.requests.length;
    const startedAt = w.publishedAt + H + 1000;
    const report = await collectMetrics({ store: w.store, now: () => startedAt, adapterFor: w.adapterFor });
    expect(report).toMatchObject({ sampled: POSTS - 1, followerReadings: 1, failures: [] });
    expect(report.nextAt).toBeLessThanOrEqual(startedAt + RETRY_MS);
    const requests = w.requestsSince(before);
    expect(requests.filter((request) => request.path === '/api/v1/statuses')).toHaveLength(1); // the 404 that tells
    expect(requests.filter((request) => request.path.startsWith('/api/v1/statuses/'))).toHaveLength(POSTS);
    expect(await w.samplesOf(gone)).toEqual([]);
    for (const delivery of w.deliveries.filter((d) => d !== gone)) {
      const [sample] = await w.samplesOf(delivery);
      expect(sample!.counts).toEqual(w.countsOn(delivery.remote!.id));
    }
  });
});
