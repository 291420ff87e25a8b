import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '@/lib/app/background-service';
import { openStore } from '@/lib/store';
import { runnerDocSchema } from '@/lib/team/runner-docs';
import { createRunnerHandOverService } from '@/lib/team/runner-service';
import { sealCredential } from '@/lib/team/seal-credential';
import { makeKeyPair } from '@/lib/team/sealed';

/**
 * The background's side of Settings → The runner (lib/team/runner-service.ts) over a fake team
 * server: it writes only what is handed over in the member's own name, to a runner that joined the
 * workspace, as that member. The real server's rules are tested in tests/integration/runner/.
 */
const server = { url: 'http://127.0.0.1:5984', user: 'olga', password: 'olga-password', workspaceId: 'acme' };
const EXTENSION = { from: 'extension' as const, tabId: null };

async function setUp() {
  const { publicJwk } = await makeKeyPair();
  const runner = runnerDocSchema.parse({ _id: 'runner:runner', type: 'runner', runnerId: 'runner', user: 'runner', publicKey: publicJwk, createdAt: 1 });
  const requests: { method: string; url: string; authorization: string | null; body: string | null }[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    requests.push({
      method: init?.method ?? 'GET',
      url,
      authorization: new Headers(init?.headers).get('authorization'),
      body: (init?.body as string | undefined) ?? null,
    });
    if (url.includes('/_all_docs')) return Response.json({ rows: [{ doc: runner }, { doc: { _id: 'runner:broken', type: 'runner' } }] });
    if (init?.method === 'PUT') return Response.json({ ok: true, rev: '1-a' }, { status: 201 });
    return Response.json({ error: 'not_found', reason: 'missing' }, { status: 404 });
  }) as typeof globalThis.fetch;
  const service = createRunnerHandOverService({} as ServiceContext, { fetch });
  const secret = { kind: 'atproto-app-password' as const, service: 'https://bsky.social', identifier: 'did:plc:brand', appPassword: 'abcd-efgh-ijkl-mnop' };
  const credential = await sealCredential({ runner, account: { id: 'acct_1', network: 'bluesky', handle: 'brand.test' }, secret, by: 'olga', at: 1 });
  return { service, requests, credential, fetch };
}

describe('the runner hand-over service', () => {
  it('lists the runners that parse, and writes the sealed sign-in as the member', async () => {
    const { service, requests, credential } = await setUp();
    expect((await service.handlers['runner.list']({ server }, EXTENSION)).runners.map((r) => r.runnerId)).toEqual(['runner']);
    expect(await service.handlers['runner.handOver']({ server, credential }, EXTENSION)).toEqual({ runnerId: 'runner' });
    const put = requests.find((request) => request.method === 'PUT');
    expect(put?.url).toBe('http://127.0.0.1:5984/cadence-acme/runner-credential%3Aacct_1');
    expect(put?.authorization).toBe(`Basic ${btoa('olga:olga-password')}`);
    expect(put?.body).not.toContain('abcd-efgh-ijkl-mnop');
  });

  it('refuses a hand-over in another member’s name, or to a runner that has not joined', async () => {
    const { service, requests, credential } = await setUp();
    await expect(service.handlers['runner.handOver']({ server, credential: { ...credential, by: 'ed' } }, EXTENSION)).rejects.toThrow('in your own name');
    await expect(service.handlers['runner.handOver']({ server, credential: { ...credential, runnerId: 'elsewhere' } }, EXTENSION)).rejects.toThrow(
      'No runner “elsewhere”',
    );
    expect(requests.some((request) => request.method === 'PUT')).toBe(false);
  });
});

describe('the runner hand-over in a shared workspace', () => {
  it('uses the connection Settings → Team keeps (`{ linked }`): its server and member, and answers who it asked as', async () => {
    const store = await openStore();
    await store.team.putMany([
      {
        v: 1,
        kind: 'link',
        id: 'link:ws_1',
        workspaceId: 'ws_1',
        url: 'http://127.0.0.1:5984',
        user: 'olga',
        db: 'cadence-acme',
        replica: 'r1',
        since: '0',
        roles: ['owner'],
        requiresApproval: true,
        lastSyncedAt: null,
        lastError: null,
        createdAt: 1,
      },
      { v: 1, kind: 'secret', id: 'secret:ws_1', workspaceId: 'ws_1', password: 'olga-password' },
    ]);
    const { requests, credential, fetch } = await setUp();
    const service = createRunnerHandOverService({ store: Promise.resolve(store) } as ServiceContext, { fetch });
    expect(await service.handlers['runner.list']({ server: { linked: 'ws_1' } }, EXTENSION)).toMatchObject({ user: 'olga' });
    expect(await service.handlers['runner.handOver']({ server: { linked: 'ws_1' }, credential }, EXTENSION)).toEqual({ runnerId: 'runner' });
    const put = requests.find((request) => request.method === 'PUT');
    expect(put?.url).toBe('http://127.0.0.1:5984/cadence-acme/runner-credential%3Aacct_1');
    expect(put?.authorization).toBe(`Basic ${btoa('olga:olga-password')}`);
    await expect(service.handlers['runner.takeBack']({ server: { linked: 'ws_other' }, accountId: 'acct_1' }, EXTENSION)).rejects.toThrow('not shared');
    store.close();
  });
});
