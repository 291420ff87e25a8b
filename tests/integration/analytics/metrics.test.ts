import 'fake-indexeddb/auto';
import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectMetrics } from '../../../lib/analytics/collector';
import type { Account, MetricSample } from '../../../lib/model';
import { createAdapter, credentialVault } from '../../../lib/networks';
import { connectBluesky } from '../../../lib/networks/bluesky';
import { newTid } from '../../../lib/networks/tid';
import { openStore, validRows, type Store } from '../../../lib/store';
import { makeAccount, makeDelivery } from '../../unit/factories';
import { createAccount, pollUntil, processAll, uniq } from '../support';

const H = 3_600_000;
const passwordOf = (agent: AtpAgent) => `${agent.session!.handle.replace(/\.test$/, '')}-password`;
const appView = () => new AtpAgent({ service: inject('bskyUrl') });

/** The AppView updates its counts a moment after indexing: wait until it shows what was done. */
async function settled(uri: string, wanted: { likes: number; reposts?: number; replies?: number }) {
  await processAll();
  await pollUntil(async () => {
    const post = (await appView().app.bsky.feed.getPosts({ uris: [uri] })).data.posts[0];
    return post?.likeCount === wanted.likes && (wanted.reposts ?? 0) === post.repostCount && (wanted.replies ?? 0) === post.replyCount;
  });
}

/**
 * The collector against the real local network: the brand publishes through the Bluesky adapter,
 * fans like, repost, reply and follow from their own accounts, and the samples the collector
 * writes must hold exactly what the AppView says.
 */
describe('metrics collector on the local AT Protocol network', () => {
  let store: Store;
  let brand: AtpAgent;
  let fans: AtpAgent[];
  let account: Account;
  const adapterFor = (a: Account) => createAdapter({ account: a, vault: credentialVault(store, a.id, Date.now), fetch, now: Date.now });

  beforeAll(async () => {
    store = await openStore({ name: `metrics-${uniq()}` });
    brand = await createAccount('brand');
    fans = await Promise.all(['fan1', 'fan2', 'fan3'].map((name) => createAccount(name)));
    const connected = await connectBluesky(
      { service: inject('pdsUrl'), identifier: brand.session!.handle, password: passwordOf(brand) },
      { fetch, now: Date.now },
    );
    account = await store.accounts.put(
      makeAccount({
        id: `acct_${uniq()}`,
        network: 'bluesky',
        handle: connected.profile.handle,
        remoteId: connected.profile.remoteId,
        serverUrl: connected.serverUrl,
      }),
    );
    await store.credentials.put({ v: 1, accountId: account.id, secret: connected.secret, updatedAt: Date.now() });
  });
  afterAll(() => store?.close());

  it('samples a published post and the follower count, each reading a new row matching the AppView', async () => {
    const adapter = adapterFor(account);
    const published = await adapter.publish({
      parts: [{ text: 'Our spring menu is out!', media: [], link: null }],
      lang: 'en',
      idempotencyKey: 'k',
      rkey: newTid(Date.now()),
      done: [],
      replyTo: null,
      scheduledAt: null,
    });
    const ref = published.parts[0]!;
    const publishedAt = Date.now();
    const delivery = await store.deliveries.put(
      makeDelivery({ accountId: account.id, state: 'published', dueAt: publishedAt, publishedAt, remote: ref, parts: published.parts }),
    );

    const [a, b, c] = fans as [AtpAgent, AtpAgent, AtpAgent];
    await a.like(ref.id, ref.cid!);
    await b.like(ref.id, ref.cid!);
    await a.repost(ref.id, ref.cid!);
    await c.post({ text: 'Looks delicious', reply: { root: { uri: ref.id, cid: ref.cid! }, parent: { uri: ref.id, cid: ref.cid! } } });
    await a.follow(brand.session!.did);
    await b.follow(brand.session!.did);
    await settled(ref.id, { likes: 2, reposts: 1, replies: 1 });
    await pollUntil(async () => (await appView().getProfile({ actor: brand.session!.did })).data.followersCount === 2);

    // The plan's clock is moved past the 1 h point; the network and its counts are real.
    const first = await collectMetrics({ store, now: () => publishedAt + H + 1000, adapterFor });
    expect(first.failures).toEqual([]);
    expect(first).toMatchObject({ sampled: 1, followerReadings: 1 });

    const { data } = await appView().app.bsky.feed.getPosts({ uris: [ref.id] });
    const view = data.posts[0]!;
    const { data: profile } = await appView().getProfile({ actor: brand.session!.did });
    const rows = validRows(await store.metrics.list({ index: 'by-account-takenAt', query: IDBKeyRange.bound([account.id, 0], [account.id, Infinity]) }));
    const postRow = rows.find((r) => r.deliveryId === delivery.id)!;
    expect(postRow.counts).toEqual({ likes: view.likeCount, reposts: view.repostCount, replies: view.replyCount, quotes: view.quoteCount ?? 0 });
    expect(postRow.counts).toEqual({ likes: 2, reposts: 1, replies: 1, quotes: 0 });
    expect(rows.find((r) => r.deliveryId === null)!.counts.followers).toBe(profile.followersCount);
    expect(profile.followersCount).toBe(2);

    // Nothing is due before the 24 h point: a run now writes nothing.
    expect(await collectMetrics({ store, now: () => publishedAt + 2 * H, adapterFor })).toMatchObject({
      sampled: 0,
      followerReadings: 0,
      nextAt: publishedAt + 24 * H,
    });

    // A third like, then the 24 h reading: a new row; the first one is untouched.
    await c.like(ref.id, ref.cid!);
    await settled(ref.id, { likes: 3, reposts: 1, replies: 1 });
    expect(await collectMetrics({ store, now: () => publishedAt + 24 * H + 1000, adapterFor })).toMatchObject({ sampled: 1, followerReadings: 0 });
    const series = validRows(await store.metrics.list({ index: 'by-delivery-takenAt', query: IDBKeyRange.bound([delivery.id, 0], [delivery.id, Infinity]) }));
    expect(series.map((r: MetricSample) => r.counts.likes)).toEqual([2, 3]);
    expect(series[0]).toEqual(postRow);
  });

  it('keeps sampling the other accounts when one account cannot sign in', async () => {
    const broken = await store.accounts.put(makeAccount({ id: `acct_broken_${uniq()}`, network: 'bluesky' }));
    await store.credentials.put({
      v: 1,
      accountId: broken.id,
      secret: { kind: 'atproto-session', service: inject('pdsUrl'), did: 'did:plc:nobody', handle: 'nobody.test', accessJwt: 'bad', refreshJwt: 'bad' },
      updatedAt: 1,
    });
    const adapter = adapterFor(account);
    const published = await adapter.publish({
      parts: [{ text: 'Second post', media: [], link: null }],
      lang: 'en',
      idempotencyKey: 'k2',
      rkey: newTid(Date.now()),
      done: [],
      replyTo: null,
      scheduledAt: null,
    });
    const ref = published.parts[0]!;
    const publishedAt = Date.now();
    const mine = makeDelivery({ accountId: account.id, state: 'published', dueAt: publishedAt, publishedAt, remote: ref });
    await store.deliveries.putMany([
      mine,
      makeDelivery({
        accountId: broken.id,
        state: 'published',
        dueAt: publishedAt,
        publishedAt,
        remote: { id: 'at://did:plc:nobody/app.bsky.feed.post/3aaa', url: 'https://bsky.app/x', cid: null },
      }),
    ]);
    await (fans[0] as AtpAgent).like(ref.id, ref.cid!);
    await settled(ref.id, { likes: 1 });
    const report = await collectMetrics({ store, now: () => publishedAt + H + 1000, adapterFor });
    expect(report.failures.map((f) => f.accountId)).toEqual([broken.id]);
    const [row] = validRows(await store.metrics.list({ index: 'by-delivery-takenAt', query: IDBKeyRange.bound([mine.id, 0], [mine.id, Infinity]) }));
    expect(row?.counts.likes).toBe(1);
  });
});
