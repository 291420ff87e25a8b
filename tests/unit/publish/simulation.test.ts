import { describe, expect, it } from 'vitest';
import { openStore } from '@/lib/store';
import { simulate, simulateCancel, type CancelRunResult, type RunResult, type SimulationWorld } from '../../harness/publish-simulation';
import { makeAccount, makeWorkspace } from '../factories';
import { createFakeNetwork, type Fault } from './fake-network';
import { T0 } from './harness';

/**
 * 250 seeded runs of the kill-at-every-step simulation against the in-memory network (its
 * semantics: same rkey → same record; the same Idempotency-Key → the same status within one hour
 * only, and never on the servers that ignore it; reconcile by content), with media posts, clock
 * jumps and the user pressing Try again / Publish now hours later. The same driver runs
 * against the real local AT Protocol network in tests/integration/publish/simulation.test.ts.
 */
async function fakeWorld(seed: number): Promise<{ world: SimulationWorld; network: ReturnType<typeof createFakeNetwork> }> {
  const name = `sim-${seed}`;
  const store = await openStore({ name });
  await store.workspaces.put(makeWorkspace({ id: 'ws_1' }));
  const accounts = [await store.accounts.put(makeAccount({ id: 'acct_bsky', network: 'bluesky' })), await store.accounts.put(makeAccount({ id: 'acct_masto', network: 'mastodon' }))];
  store.close();
  let fate: () => Fault = () => 'none';
  let clock = () => T0;
  // Every fourth world is a Mastodon server that ignores Idempotency-Key: only reconcile stands between a retry and a copy.
  const network = createFakeNetwork({ now: () => clock(), fault: () => fate(), ignoreKeys: seed % 4 === 0 });
  return {
    network,
    world: {
      openStore: () => openStore({ name }),
      accounts,
      adapterFor: (account, _store, next, now) => {
        fate = next;
        clock = now;
        return network.adapterFor(account);
      },
      postsOn: async (account) => [...network.records.values()].filter((r) => r.accountId === account.id).map((r) => r.text),
    },
  };
}

describe('publishing survives a kill at every step', () => {
  it('250 runs with kills and network faults: 0 duplicates, 0 lost', async () => {
    const results: RunResult[] = [];
    for (let seed = 1; seed <= 250; seed++) {
      const { world } = await fakeWorld(seed);
      results.push(await simulate(seed, world, { start: T0, faultRate: seed % 5 === 0 ? 0 : 0.25, userRetries: 2, clockJumps: true }));
    }
    const kills = new Map<string, number>();
    for (const r of results) kills.set(r.killedAt ?? 'none', (kills.get(r.killedAt ?? 'none') ?? 0) + 1);
    // Every kind of kill happened, many times over.
    for (const at of ['before-claim', 'after-claim', 'kill-before', 'kill-after', 'after-response']) expect(kills.get(at) ?? 0, at).toBeGreaterThan(5);
    const duplicates = results.flatMap((r) => r.duplicates);
    console.info(`simulation: ${results.length} runs, ${duplicates.length} duplicates, ${results.flatMap((r) => r.lost).length} lost`);
    expect(duplicates).toEqual([]);
    expect(results.flatMap((r) => r.lost)).toEqual([]);
    // Without network faults, every post goes out.
    const clean = results.filter((r) => r.seed % 5 === 0).flatMap((r) => r.deliveries);
    expect(clean.every((d) => d.state === 'published')).toBe(true);
    const states = results.flatMap((r) => r.deliveries.map((d) => d.state));
    expect(states.filter((s) => s === 'published').length).toBeGreaterThan(states.length * 0.8);
  }, 120_000);
});

/* ─── Cancel events (issue 17): a separate event kind, see simulateCancel in the harness. ─── */
describe('an unschedule racing the publisher at every step', () => {
  it('150 runs: the publisher never publishes an unscheduled delivery, and a refused one ends shown as what it is', async () => {
    const results: CancelRunResult[] = [];
    for (let seed = 1; seed <= 150; seed++) {
      const { world } = await fakeWorld(10_000 + seed);
      results.push(await simulateCancel(seed, world, { start: T0, faultRate: seed % 3 === 0 ? 0 : 0.25 }));
    }
    const at = new Map<string, number>();
    for (const r of results) at.set(`${r.cancelledAt ?? 'none'}:${r.outcome ?? 'none'}`, (at.get(`${r.cancelledAt ?? 'none'}:${r.outcome ?? 'none'}`) ?? 0) + 1);
    // Cancels came at every kind of step, and both won and lost the race.
    for (const step of ['before-worker', 'before-claim', 'after-claim', 'request', 'after-response']) {
      expect([...at].filter(([key]) => key.startsWith(`${step}:`)).reduce((n, [, c]) => n + c, 0), step).toBeGreaterThan(3);
    }
    expect(results.filter((r) => r.outcome === 'won').length).toBeGreaterThan(10);
    expect(results.filter((r) => r.outcome === 'refused').length).toBeGreaterThan(10);
    expect(results.flatMap((r) => r.violations)).toEqual([]);
  }, 120_000);
});
