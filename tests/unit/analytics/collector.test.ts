import { describe, expect, it } from 'vitest';
import { collectMetrics, RETRY_MS } from '@/lib/analytics/collector';
import { NetworkError } from '@/lib/errors';
import type { Account } from '@/lib/model';
import type { NetworkAdapter, RemoteRef } from '@/lib/networks';
import { openStore, validRows } from '@/lib/store';
import { makeAccount, makeDelivery } from '../factories';

const H = 3_600_000;
const t0 = 1_700_000_000_000;

/** A fake network for the collector's logic only; the real one is in tests/integration/analytics. */
function fakeAdapter(counts: Map<string, Record<string, number>>, followers: number, calls: RemoteRef[][]): NetworkAdapter {
  return {
    network: 'bluesky',
    metrics: async (refs) => {
      calls.push(refs);
      return new Map(refs.filter((r) => counts.has(r.id)).map((r) => [r.id, counts.get(r.id)!]));
    },
    profile: async () => ({ remoteId: 'did:x', handle: 'x', displayName: 'X', avatarUrl: null, followers, following: 3, posts: 9 }),
  } as Partial<NetworkAdapter> as NetworkAdapter;
}

const published = (accountId: string, n: number, publishedAt: number) =>
  makeDelivery({
    id: `dlv_${accountId}_${n}`,
    accountId,
    state: 'published',
    dueAt: publishedAt,
    publishedAt,
    remote: { id: `at://${accountId}/${n}`, url: 'https://bsky.app/x', cid: 'c' },
  });

describe('metrics collector', () => {
  it('writes a new row per reading, on the plan, and never overwrites', async () => {
    const store = await openStore();
    await store.accounts.put(makeAccount({ id: 'acct_a' }));
    await store.deliveries.putMany([
      published('acct_a', 1, t0),
      published('acct_a', 2, t0 + 10 * H),
      makeDelivery({ accountId: 'acct_a', state: 'scheduled', dueAt: t0 }),
    ]);
    const counts = new Map<string, Record<string, number>>([
      [`at://acct_a/1`, { likes: 2, reposts: 1 }],
      [`at://acct_a/2`, { likes: 0 }],
    ]);
    const calls: RemoteRef[][] = [];
    let now = t0 + 2 * H;
    const run = () => collectMetrics({ store, now: () => now, adapterFor: () => fakeAdapter(counts, 50, calls) });

    const first = await run();
    expect(first).toEqual({ sampled: 1, followerReadings: 1, failures: [], nextAt: t0 + 11 * H }); // post 2's 1 h point
    expect(calls.map((refs) => refs.map((r) => r.id))).toEqual([['at://acct_a/1']]);

    now = t0 + 30 * H;
    counts.set('at://acct_a/1', { likes: 5, reposts: 1 });
    const second = await run();
    expect(second.sampled).toBe(2); // post 1's 24 h point, post 2's (late) 1 h point, in one batch
    expect(calls[1]!.map((r) => r.id).sort()).toEqual(['at://acct_a/1', 'at://acct_a/2']);
    expect(second.followerReadings).toBe(1); // the first reading is 28 h old: a day has passed
    const rows = validRows(await store.metrics.list())
      .filter((r) => r.deliveryId === 'dlv_acct_a_1')
      .sort((a, b) => a.takenAt - b.takenAt);
    expect(rows.map((r) => r.counts)).toEqual([
      { likes: 2, reposts: 1 },
      { likes: 5, reposts: 1 },
    ]);
    store.close();
  });

  it('keeps going when one account fails, and retries that one later instead of looping', async () => {
    const store = await openStore();
    await store.accounts.putMany([
      makeAccount({ id: 'acct_ok' }),
      makeAccount({ id: 'acct_bad' }),
      makeAccount({ id: 'acct_x', network: 'x', publishMode: 'reminder' }),
    ]);
    await store.deliveries.putMany([published('acct_ok', 1, t0), published('acct_bad', 1, t0), published('acct_x', 1, t0)]);
    const now = t0 + 2 * H;
    const adapterFor = (account: Account) => {
      if (account.id === 'acct_bad')
        return {
          network: 'bluesky',
          metrics: async () => Promise.reject(new NetworkError('offline')),
          profile: async () => Promise.reject(new NetworkError('offline')),
        } as Partial<NetworkAdapter> as NetworkAdapter;
      if (account.network === 'x') throw new Error('a reminder account must never be asked');
      return fakeAdapter(new Map([['at://acct_ok/1', { likes: 1 }]]), 10, []);
    };
    const report = await collectMetrics({ store, now: () => now, adapterFor });
    expect(report.failures).toEqual([{ accountId: 'acct_bad', message: 'offline' }]);
    expect(report.sampled).toBe(1);
    expect(report.followerReadings).toBe(1);
    expect(report.nextAt).toBe(now + RETRY_MS);
    store.close();
  });

  it('retries a post the network no longer returns after an hour, then backs off, and stops asking after a few misses', async () => {
    const store = await openStore();
    await store.accounts.put(makeAccount({ id: 'acct_a' }));
    await store.deliveries.putMany([published('acct_a', 1, t0), published('acct_a', 2, t0)]);
    const counts = new Map<string, Record<string, number>>([['at://acct_a/2', { likes: 1 }]]); // post 1 was deleted on the network
    const calls: RemoteRef[][] = [];
    let now = t0 + 2 * H;
    const run = () => collectMetrics({ store, now: () => now, adapterFor: () => fakeAdapter(counts, 10, calls) });
    const asked = () => calls.map((refs) => refs.map((r) => r.id).join(' '));

    const first = await run();
    expect(first.sampled).toBe(1);
    expect(first.nextAt).toBe(now + RETRY_MS); // not at once, and not at the next point of its plan
    // Each further miss waits twice as long: 1, 2, 4, 8 hours.
    const tries = [now];
    for (const wait of [1, 2, 4, 8]) {
      now += wait * H;
      tries.push(now);
      const report = await run();
      expect(report.sampled).toBe(0);
      if (wait < 8) expect(report.nextAt).toBe(now + 2 * wait * H);
    }
    expect(asked()).toEqual(['at://acct_a/1 at://acct_a/2', 'at://acct_a/1', 'at://acct_a/1', 'at://acct_a/1', 'at://acct_a/1']);
    // Five misses: taken for deleted. The alarm follows post 2's plan only, and post 1 is never asked for again.
    const last = await run();
    expect(last.nextAt).toBe(t0 + 24 * H);
    now = t0 + 8 * 24 * H;
    await run();
    expect(asked().at(-1)).toBe('at://acct_a/2');
    store.close();
  });

  it('a post found again after a miss is read on its plan from then on', async () => {
    const store = await openStore();
    await store.accounts.put(makeAccount({ id: 'acct_a' }));
    await store.deliveries.put(published('acct_a', 1, t0));
    const counts = new Map<string, Record<string, number>>();
    let now = t0 + 2 * H;
    const run = () => collectMetrics({ store, now: () => now, adapterFor: () => fakeAdapter(counts, 10, []) });
    await run(); // the AppView had not indexed it yet
    now += H;
    counts.set('at://acct_a/1', { likes: 3 });
    expect((await run()).sampled).toBe(1);
    expect(await store.db.get('meta', 'metrics-misses')).toMatchObject({ misses: {} });
    expect((await run()).nextAt).toBe(t0 + 24 * H);
    store.close();
  });

  it('leaves a hand-off alone until the publisher has found the status it became', async () => {
    const store = await openStore();
    await store.accounts.put(makeAccount({ id: 'acct_a', network: 'mastodon' }));
    const handedOff = { ...published('acct_a', 1, t0), method: 'server-scheduled' as const, remote: { id: '77', url: '', cid: null } };
    await store.deliveries.put(handedOff);
    const calls: RemoteRef[][] = [];
    const adapterFor = () => fakeAdapter(new Map([['4242', { likes: 3 }]]), 10, calls);
    const now = t0 + 2 * H;
    expect((await collectMetrics({ store, now: () => now, adapterFor })).sampled).toBe(0);
    expect(calls).toEqual([]);
    await store.deliveries.put({ ...handedOff, remote: { id: '4242', url: 'https://example.social/@brand/4242', cid: null } });
    expect((await collectMetrics({ store, now: () => now, adapterFor })).sampled).toBe(1);
    expect(calls.flat().map((ref) => ref.id)).toEqual(['4242']);
    store.close();
  });
});
