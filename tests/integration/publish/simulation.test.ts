import 'fake-indexeddb/auto';
import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAdapter, credentialVault } from '@/lib/networks';
import { connectBluesky } from '@/lib/networks/bluesky';
import type { Account, Credential } from '@/lib/model';
import { openStore } from '@/lib/store';
import { addMastodonAccount } from '../../harness/mastodon/connect-account';
import { startMastodonServer, type MastodonServer } from '../../harness/mastodon-server';
import { Killed, simulate, type Fate, type RunResult, type SimulationOptions, type SimulationWorld } from '../../harness/publish-simulation';
import { makeWorkspace } from '../../unit/factories';
import { createAccount, processAll } from '../support';

/**
 * The kill-at-every-step simulation (tests/harness/publish-simulation.ts: kills at checkpoints,
 * requests and store writes, two publishers racing in some rounds, an Unschedule or an untick at a
 * seeded step, clock jumps, the user's Try again hours later) against real servers through the
 * real adapters: the local AT Protocol network (posts counted on the PDS with listRecords) and
 * the project's Mastodon server (statuses counted in the server's own state; its keys expire
 * after an hour of the simulation's clock, and every fourth run it ignores them). Kills and
 * faults are injected by wrapping fetch: a kill before the request leaves, a kill after the
 * server acted but before the answer is read, and 429 (Retry-After), 500, a lost answer
 * (timeout after the server acted) and offline.
 */
/** Issue 18's bar: 250 runs on each network, 0 duplicates and 0 lost (CADENCE_SIM_RUNS: fewer, to try a change). */
const RUNS = Number(process.env.CADENCE_SIM_RUNS) || 250;
const OPTIONS = { userRetries: 2, clockJumps: true, overlap: true, cancels: true } satisfies Partial<SimulationOptions>;

function summary(network: string, results: RunResult[]): string {
  const count = (key: (r: RunResult) => string | null) =>
    JSON.stringify(
      results.reduce<Record<string, number>>((counts, r) => {
        const k = key(r);
        return k === null ? counts : { ...counts, [k]: (counts[k] ?? 0) + 1 };
      }, {}),
    );
  return (
    `publish simulation on ${network}: ${results.length} runs, ${results.reduce((n, r) => n + r.deliveries.length, 0)} posts, ${results.reduce((n, r) => n + r.overlaps, 0)} racing rounds, ` +
    `${results.flatMap((r) => r.duplicates).length} duplicates, ${results.flatMap((r) => r.lost).length} lost, ${results.flatMap((r) => r.violations).length} cancel violations\n` +
    `kills: ${count((r) => r.killedAt ?? 'none')}\ncancels: ${count((r) => (r.cancel ? `${r.cancel.action}:${r.cancel.outcome}` : null))}`
  );
}

function expectClean(results: RunResult[], cleanEvery: number) {
  expect(results.length).toBe(RUNS);
  expect(results.flatMap((r) => r.duplicates)).toEqual([]);
  expect(results.flatMap((r) => r.lost)).toEqual([]);
  expect(results.flatMap((r) => r.violations)).toEqual([]);
  expect(results.filter((r) => r.cancel?.outcome === 'won').length).toBeGreaterThan(10);
  expect(results.filter((r) => r.cancel?.outcome === 'refused').length).toBeGreaterThan(10);
  // Without network faults, every post the user did not take back goes out.
  const clean = results
    .filter((r) => r.seed % cleanEvery === 0)
    .flatMap((r) => r.deliveries.filter((d) => !(r.cancel?.outcome === 'won' && r.cancel.target === d.id)));
  expect(clean.every((d) => d.state === 'published')).toBe(true);
}

function faultyFetch(fate: () => Fate): typeof fetch {
  return async (input, init) => {
    const next = fate();
    const json = (status: number, headers: Record<string, string> = {}) =>
      new Response(JSON.stringify({ error: status === 429 ? 'RateLimitExceeded' : 'InternalServerError', message: 'injected' }), {
        status,
        headers: { 'content-type': 'application/json', ...headers },
      });
    if (next === 'kill-before') throw new Killed();
    if (next === 'offline') throw new TypeError('fetch failed');
    if (next === '500') return json(500);
    if (next === '429') return json(429, { 'retry-after': '30' });
    const response = await fetch(input, init);
    if (next === 'timeout') throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    if (next === 'kill-after') throw new Killed();
    return response;
  };
}

async function postsOn(agent: AtpAgent): Promise<string[]> {
  const texts: string[] = [];
  let cursor: string | undefined;
  do {
    const { data } = await agent.com.atproto.repo.listRecords({ repo: agent.session!.did, collection: 'app.bsky.feed.post', limit: 100, cursor });
    for (const record of data.records) texts.push(String((record.value as { text?: unknown }).text));
    cursor = data.records.length === 100 ? data.cursor : undefined;
  } while (cursor);
  return texts;
}

describe('publishing to the real AT Protocol network survives a kill, a race and a cancel at every step', () => {
  it(`0 duplicates and 0 lost over ${RUNS} seeded runs`, async () => {
    const owner = await createAccount('sim');
    const handle = owner.session!.handle;
    await processAll(); // connectBluesky reads the profile from the AppView
    const password = `${handle.replace(/\.test$/, '')}-password`;
    const connected = await connectBluesky({ service: inject('pdsUrl'), identifier: handle, password }, { fetch, now: Date.now });
    let secret: Credential['secret'] = connected.secret;
    const account: Account = {
      v: 1,
      id: 'acct_sim',
      workspaceId: 'ws_sim',
      network: 'bluesky',
      handle,
      displayName: handle,
      avatarUrl: null,
      serverUrl: connected.serverUrl,
      remoteId: connected.profile.remoteId,
      publishMode: 'api',
      status: 'connected',
      statusReason: null,
      limits: { maxCharacters: 300, charactersPerUrl: null, maxImages: 4, maxImageBytes: 1_000_000 },
      schedule: [],
      createdAt: 1,
      updatedAt: 1,
    };

    const results: RunResult[] = [];
    for (let seed = 1; seed <= RUNS; seed++) {
      const name = `sim-real-${seed}`;
      const setup = await openStore({ name });
      await setup.workspaces.put({ v: 1, id: 'ws_sim', name: 'Sim', timeZone: 'UTC', color: '#3b6ef5', createdAt: 1, updatedAt: 1 });
      await setup.accounts.put(account);
      await setup.credentials.put({ v: 1, accountId: account.id, secret, updatedAt: Date.now() });
      setup.close();
      const world: SimulationWorld = {
        openStore: () => openStore({ name }),
        accounts: [account],
        adapterFor: (acct, store, fate, now) => createAdapter({ account: acct, vault: credentialVault(store, acct.id, now), fetch: faultyFetch(fate), now }),
        postsOn: () => postsOn(owner),
      };
      results.push(await simulate(seed, world, { start: Date.now(), faultRate: seed % 4 === 0 ? 0 : 0.2, ...OPTIONS }));
      // Sessions refresh with rotating tokens: the next run starts from the newest one.
      const after = await openStore({ name });
      const credential = await after.credentials.get(account.id);
      if (credential?.ok) secret = credential.value.secret;
      after.close();
    }
    console.log(summary('the real AT Protocol network', results));
    expectClean(results, 4);
  }, 600_000);
});

describe("publishing to the project's Mastodon server survives a kill, a race and a cancel at every step", () => {
  let server: MastodonServer;
  /** The server's clock is the simulation's, so a key expires when an hour of the run has passed. */
  let serverNow: () => number = Date.now;
  beforeAll(async () => {
    // Uploads are processed at once (mediaPolls 0): a poll waits a real quarter second, and tests/integration/networks covers it.
    server = await startMastodonServer({ mediaPolls: 0, now: () => serverNow() });
  });
  afterAll(() => server.close());

  it(`0 duplicates and 0 lost over ${RUNS} seeded runs`, async () => {
    const results: RunResult[] = [];
    for (let seed = 1; seed <= RUNS; seed++) {
      serverNow = Date.now;
      // Every fourth run the server ignores Idempotency-Key: only reconcile stands between a retry and a copy.
      server.config.honoursIdempotencyKey = seed % 4 !== 0;
      const name = `sim-masto-${seed}`;
      const setup = await openStore({ name });
      await setup.workspaces.put(makeWorkspace({ id: 'ws_1', timeZone: 'UTC' }));
      // A fresh account per run: reconcile reads the account's own statuses, and each run's stay its own.
      const { account } = await addMastodonAccount(setup, server, `sim${seed}`);
      setup.close();
      const world: SimulationWorld = {
        openStore: () => openStore({ name }),
        accounts: [account],
        adapterFor: (acct, store, fate, now) => {
          serverNow = now;
          return createAdapter({ account: acct, vault: credentialVault(store, acct.id, now), fetch: faultyFetch(fate), now });
        },
        postsOn: async (acct) =>
          server.state
            .visibleStatuses()
            .filter((status) => status.accountId === acct.remoteId)
            .map((status) => status.text),
      };
      results.push(await simulate(seed, world, { start: Date.now(), faultRate: seed % 5 === 0 ? 0 : 0.2, ...OPTIONS }));
    }
    console.log(summary("the project's Mastodon server", results));
    expectClean(results, 5);
  }, 600_000);
});
