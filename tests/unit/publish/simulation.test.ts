import { describe, expect, it } from 'vitest';
import { openStore } from '@/lib/store';
import { seeded, simulate, type RunResult, type SimulationWorld } from '../../harness/publish-simulation';
import { makeAccount, makeWorkspace } from '../factories';
import { createFakeNetwork, KEY_WINDOW_MS } from './fake-network';
import { T0 } from './harness';

/**
 * 250 seeded runs of the kill-at-every-step simulation (tests/harness/publish-simulation.ts)
 * against the in-memory network, whose Mastodon is Mastodon as it is: an Idempotency-Key answers
 * with its first status for up to one hour (a quarter of keys are dropped sooner, at a random
 * moment of that hour), every fourth world ignores keys altogether, and reconcile finds statuses by
 * their content, never by key. With kills at checkpoints, requests and store writes, two
 * publishers racing in some rounds, an Unschedule or an untick at a random step, clock jumps and
 * the user's Try again / Publish now hours later. The same driver runs against the real local AT
 * Protocol network and the project's Mastodon server in tests/integration/publish/simulation.test.ts.
 */
async function fakeWorld(seed: number): Promise<SimulationWorld> {
  const name = `sim-${seed}`;
  const store = await openStore({ name });
  await store.workspaces.put(makeWorkspace({ id: 'ws_1' }));
  const accounts = [
    await store.accounts.put(makeAccount({ id: 'acct_bsky', network: 'bluesky' })),
    await store.accounts.put(makeAccount({ id: 'acct_masto', network: 'mastodon' })),
  ];
  store.close();
  let clock = () => T0;
  const lifetime = seeded(seed * 31);
  const network = createFakeNetwork({
    now: () => clock(),
    // Every fourth world is a Mastodon server that ignores Idempotency-Key: only reconcile stands between a retry and a copy.
    ignoreKeys: seed % 4 === 0,
    keyLifetimeMs: () => (lifetime() < 0.25 ? Math.floor(lifetime() * KEY_WINDOW_MS) : KEY_WINDOW_MS),
    // Requests take a few turns of the event loop each way, so racing workers interleave with them.
    latency: async () => {
      for (let turns = Math.floor(lifetime() ** 2 * 300); turns > 0; turns--) await new Promise((done) => setImmediate(done));
    },
  });
  return {
    openStore: () => openStore({ name }),
    accounts,
    adapterFor: (account, _store, fate, now) => {
      clock = now;
      return network.adapterFor(account, () => fate());
    },
    postsOn: async (account) => [...network.records.values()].filter((r) => r.accountId === account.id).map((r) => r.text),
  };
}

function tally(results: RunResult[], key: (r: RunResult) => string | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of results) {
    const k = key(r);
    if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

describe('publishing survives kills, races and cancels at every step', () => {
  it('250 runs: 0 duplicates, 0 lost, and no cancelled delivery published', async () => {
    const results: RunResult[] = [];
    for (let seed = 1; seed <= 250; seed++) {
      results.push(
        await simulate(seed, await fakeWorld(seed), {
          start: T0,
          faultRate: seed % 5 === 0 ? 0 : 0.25,
          userRetries: 2,
          clockJumps: true,
          overlap: true,
          cancels: true,
        }),
      );
    }
    const kills = tally(results, (r) => r.killedAt ?? 'none');
    const cancels = tally(results, (r) => (r.cancel ? `${r.cancel.action}@${r.cancel.at}:${r.cancel.outcome}` : null));
    const duplicates = results.flatMap((r) => r.duplicates);
    const lost = results.flatMap((r) => r.lost);
    const violations = results.flatMap((r) => r.violations);
    console.info(
      `simulation: ${results.length} runs, ${results.reduce((n, r) => n + r.deliveries.length, 0)} posts, ${results.reduce((n, r) => n + r.overlaps, 0)} racing rounds; ` +
        `${duplicates.length} duplicates, ${lost.length} lost, ${violations.length} cancel violations\nkills: ${JSON.stringify(Object.fromEntries(kills))}\ncancels: ${JSON.stringify(Object.fromEntries(cancels))}`,
    );
    expect(duplicates).toEqual([]);
    expect(lost).toEqual([]);
    expect(violations).toEqual([]);

    // Every kind of kill happened, many times over.
    for (const at of ['before-claim', 'after-claim', 'kill-before', 'kill-after', 'after-response', 'before-write', 'after-write'])
      expect(kills.get(at) ?? 0, at).toBeGreaterThan(5);
    // Cancels came at every kind of step, both actions, and both won and lost the race.
    for (const step of ['before-round', 'before-claim', 'after-claim', 'request', 'write', 'after-response']) {
      expect(results.filter((r) => r.cancel?.at === step).length, step).toBeGreaterThan(2);
    }
    for (const action of ['unschedule', 'cancel'] as const) {
      expect(results.filter((r) => r.cancel?.action === action && r.cancel.outcome === 'won').length, `${action} won`).toBeGreaterThan(5);
      expect(results.filter((r) => r.cancel?.action === action && r.cancel.outcome === 'refused').length, `${action} refused`).toBeGreaterThan(5);
    }
    expect(results.filter((r) => r.overlaps > 0).length).toBeGreaterThan(100);
    // Without network faults, every post the user did not take back goes out.
    const clean = results
      .filter((r) => r.seed % 5 === 0)
      .flatMap((r) => r.deliveries.filter((d) => d.id !== (r.cancel?.outcome === 'won' ? r.cancel.target : null)));
    expect(clean.every((d) => d.state === 'published')).toBe(true);
    const states = results.flatMap((r) => r.deliveries.map((d) => d.state));
    expect(states.filter((s) => s === 'published').length).toBeGreaterThan(states.length * 0.7);
  }, 180_000);
});
