import 'fake-indexeddb/auto';
import { AtpAgent } from '@atproto/api';
import { describe, expect, inject, it } from 'vitest';
import { createAdapter, credentialVault } from '@/lib/networks';
import { connectBluesky } from '@/lib/networks/bluesky';
import type { Account, Credential } from '@/lib/model';
import { openStore } from '@/lib/store';
import { Killed, simulate, type Fate, type RunResult, type SimulationWorld } from '../../harness/publish-simulation';
import { createAccount, processAll } from '../support';

/**
 * The kill-at-every-step simulation against the REAL local AT Protocol network, through the
 * real Bluesky adapter. Kills and faults are injected by wrapping fetch: a kill before the
 * request leaves, a kill after the PDS stored the record but before the answer is read, and
 * 429 (Retry-After), 500, timeout and offline. Posts are counted on the PDS with listRecords.
 */
/** The bar: at least 200 randomized runs against the real local network. */
const RUNS = 200;

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

describe('publishing to the real AT Protocol network survives a kill at every step', () => {
  it(`0 duplicates and 0 lost over ${RUNS} seeded runs`, async () => {
    const owner = await createAccount('sim');
    const handle = owner.session!.handle;
    await processAll(); // connectBluesky reads the profile from the AppView
    const password = `${handle.replace(/\.test$/, '')}-password`;
    const connected = await connectBluesky({ service: inject('pdsUrl'), identifier: handle, password }, { fetch, now: Date.now });
    let secret: Credential['secret'] = connected.secret;
    const account: Account = {
      v: 1, id: 'acct_sim', workspaceId: 'ws_sim', network: 'bluesky', handle, displayName: handle, avatarUrl: null,
      serverUrl: connected.serverUrl, remoteId: connected.profile.remoteId, publishMode: 'api', status: 'connected', statusReason: null,
      limits: { maxCharacters: 300, charactersPerUrl: null, maxImages: 4, maxImageBytes: 1_000_000 }, schedule: [], createdAt: 1, updatedAt: 1,
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
      results.push(await simulate(seed, world, { start: Date.now(), faultRate: seed % 4 === 0 ? 0 : 0.2 }));
      // Sessions refresh with rotating tokens: the next run starts from the newest one.
      const after = await openStore({ name });
      const credential = await after.credentials.get(account.id);
      if (credential?.ok) secret = credential.value.secret;
      after.close();
    }
    console.log(`publish simulation on the real network: ${results.length} runs, ${results.reduce((n, r) => n + r.deliveries.length, 0)} posts, kills: ${JSON.stringify(
      results.reduce<Record<string, number>>((counts, r) => ({ ...counts, [r.killedAt ?? 'none']: (counts[r.killedAt ?? 'none'] ?? 0) + 1 }), {}),
    )}`);
    expect(results.length).toBe(RUNS);
    expect(results.flatMap((r) => r.duplicates)).toEqual([]);
    expect(results.flatMap((r) => r.lost)).toEqual([]);
    expect(results.filter((r) => r.seed % 4 === 0).flatMap((r) => r.deliveries).every((d) => d.state === 'published')).toBe(true);
  }, 600_000);
});
