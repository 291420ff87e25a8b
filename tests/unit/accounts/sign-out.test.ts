import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { createAccountsService } from '@/lib/accounts/service';
import { backupDbName } from '@/lib/store/migrations/pre-migration-backup';
import type { HandlerContext } from '@/lib/messaging';
import type { Credential } from '@/lib/model';
import { openStore, type Store } from '@/lib/store';
import { createWorkspacesService } from '@/lib/workspaces/service';
import { makeAccount, makeWorkspace } from '../factories';
import { createFakePorts } from '../fake-ports';

/** Issue 18, hole 7: Disconnect and Delete workspace end the sign-in at the server and keep no copy of it. */
const panel: HandlerContext = { from: 'extension', tabId: null };
const now = () => 9_000;
const mastodon: Credential['secret'] = {
  kind: 'oauth',
  server: 'https://masto.test',
  clientId: 'cid',
  clientSecret: 'csecret',
  accessToken: 'tok',
  scope: 'read write',
};
const bluesky: Credential['secret'] = {
  kind: 'atproto-session',
  service: 'https://pds.test',
  did: 'did:plc:brand',
  handle: 'brand.test',
  accessJwt: 'acc',
  refreshJwt: 'ref',
};

type Seen = { url: string; method: string; authorization: string | null; body: unknown };
/** A server that answers as told; every request is recorded. `offline` rejects as fetch does with no network. */
function recordingFetch(answer: (url: URL) => Response | 'offline') {
  const seen: Seen[] = [];
  const fetch = (async (input: URL | RequestInfo, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const headers = new Headers(init?.headers);
    seen.push({
      url: url.href,
      method: init?.method ?? 'GET',
      authorization: headers.get('authorization'),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : null,
    });
    const reply = answer(url);
    if (reply === 'offline') throw new TypeError('Failed to fetch');
    return reply;
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

async function withAccount(secret: Credential['secret'], network: 'mastodon' | 'bluesky') {
  const store = await openStore();
  const workspace = await store.workspaces.put(makeWorkspace());
  await store.workspaces.put(makeWorkspace({ id: 'ws_other' }));
  const account = await store.accounts.put(
    makeAccount({ workspaceId: workspace.id, network, handle: network === 'mastodon' ? 'brand@masto.test' : 'brand.test' }),
  );
  await store.credentials.put({ v: 1, accountId: account.id, secret, updatedAt: 1 });
  return { store, account, workspace };
}

/** A pre-migration backup as versions before issue 18 made it: with the sign-ins in it. */
async function oldBackupWith(secret: Credential['secret'], accountId: string) {
  const db = await openDB(backupDbName('cadence', 2), 1, {
    upgrade(up) {
      for (const name of ['accounts', 'credentials', '__about']) up.createObjectStore(name);
    },
  });
  await db.put('credentials', { v: 1, accountId, secret, updatedAt: 1 }, accountId);
  await db.put('__about', { id: 'about', source: 'cadence', fromVersion: 2, toVersion: 3, createdAt: 0, rows: 1 }, 'about');
  db.close();
}
const backupCredentials = async () => {
  const db = await openDB(backupDbName('cadence', 2));
  const rows = await db.getAll('credentials');
  db.close();
  return rows;
};

const disconnect = (store: Store, fetch: typeof globalThis.fetch, accountId: string) =>
  createAccountsService({ store: Promise.resolve(store), now, ports: createFakePorts().ports }, { fetch }).handlers['account.disconnect']!(
    { accountId, scheduled: 'keep' },
    panel,
  );

describe('Disconnect in a shared workspace', () => {
  /** Settings → Team's link of the account's workspace to `cadence-acme` on the team server, as member olga. */
  const linkTeam = async (store: Store, workspaceId: string) => {
    await store.team.putMany([
      {
        v: 1,
        kind: 'link',
        id: `link:${workspaceId}`,
        workspaceId,
        url: 'http://couch.test',
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
      { v: 1, kind: 'secret', id: `secret:${workspaceId}`, workspaceId, password: 'olga-password' },
    ]);
  };
  const team = (held: boolean, url: URL, seen: Seen[]) => {
    if (url.host === 'pds.test') return new Response(null, { status: 200 });
    if (!url.pathname.startsWith('/cadence-acme/runner-credential')) return Response.json({ error: 'not_found' }, { status: 404 });
    if (seen.at(-1)?.method === 'DELETE') return Response.json({ ok: true, rev: '2-b' });
    return held ? Response.json({ _id: decodeURIComponent(url.pathname.split('/')[2]!), _rev: '1-a' }) : Response.json({ error: 'not_found' }, { status: 404 });
  };

  it('takes the account back from the runner (deletes its runner-credential on the team server, as the member) and says so', async () => {
    const { store, account, workspace } = await withAccount(bluesky, 'bluesky');
    await linkTeam(store, workspace.id);
    const recorded = recordingFetch((url) => team(true, url, recorded.seen));
    const answer = await disconnect(store, recorded.fetch, account.id);
    expect(answer.runner).toEqual({ takenBack: true, problem: null });
    const deleted = recorded.seen.find((request) => request.method === 'DELETE');
    expect(deleted?.url).toBe(`http://couch.test/cadence-acme/runner-credential%3A${account.id}?rev=1-a`);
    expect(deleted?.authorization).toBe(`Basic ${btoa('olga:olga-password')}`);
    store.close();
  });

  it('says nothing of a runner that did not hold it, and when the team server cannot be reached, says so and disconnects all the same', async () => {
    const { store, account, workspace } = await withAccount(bluesky, 'bluesky');
    await linkTeam(store, workspace.id);
    const recorded = recordingFetch((url) => team(false, url, recorded.seen));
    expect((await disconnect(store, recorded.fetch, account.id)).runner).toEqual({ takenBack: false, problem: null });
    expect(recorded.seen.some((request) => request.method === 'DELETE')).toBe(false);
    store.close();
    indexedDB = new IDBFactory();

    const again = await withAccount(bluesky, 'bluesky');
    await linkTeam(again.store, again.workspace.id);
    const offline = recordingFetch((url) => (url.host === 'couch.test' ? 'offline' : new Response(null, { status: 200 })));
    const answer = await disconnect(again.store, offline.fetch, again.account.id);
    expect(answer.runner).toMatchObject({ takenBack: false, problem: expect.any(String) });
    expect(await again.store.db.get('credentials', again.account.id)).toBeUndefined();
    again.store.close();
  });

  it('a workspace that is not shared asks no team server', async () => {
    const { store, account } = await withAccount(bluesky, 'bluesky');
    const recorded = recordingFetch(() => new Response(null, { status: 200 }));
    expect((await disconnect(store, recorded.fetch, account.id)).runner).toBeNull();
    expect(recorded.seen.map((request) => new URL(request.url).host)).toEqual(['pds.test']);
    store.close();
  });
});

describe('Disconnect', () => {
  it('revokes a Mastodon token at POST /oauth/revoke with the app id and secret', async () => {
    const { store, account } = await withAccount(mastodon, 'mastodon');
    const { fetch, seen } = recordingFetch(() => Response.json({}));
    const answer = await disconnect(store, fetch, account.id);
    expect(seen).toEqual([
      { url: 'https://masto.test/oauth/revoke', method: 'POST', authorization: null, body: { client_id: 'cid', client_secret: 'csecret', token: 'tok' } },
    ]);
    expect(answer).toEqual({ moved: 0, waiting: 0, serverSignOut: { network: 'mastodon', host: 'masto.test', problem: null }, runner: null });
    expect(await store.db.get('credentials', account.id)).toBeUndefined();
    store.close();
  });

  it('ends a Bluesky session with deleteSession and the refresh JWT', async () => {
    const { store, account } = await withAccount(bluesky, 'bluesky');
    const { fetch, seen } = recordingFetch(() => new Response(null, { status: 200 }));
    const answer = await disconnect(store, fetch, account.id);
    expect(seen).toMatchObject([{ url: 'https://pds.test/xrpc/com.atproto.server.deleteSession', method: 'POST', authorization: 'Bearer ref' }]);
    expect(answer.serverSignOut).toEqual({ network: 'bluesky', host: 'pds.test', problem: null });
    store.close();
  });

  it('a session the PDS already ended counts as ended', async () => {
    const { store, account } = await withAccount(bluesky, 'bluesky');
    const { fetch } = recordingFetch(() => Response.json({ error: 'ExpiredToken', message: 'Token has expired' }, { status: 400 }));
    expect((await disconnect(store, fetch, account.id)).serverSignOut?.problem).toBeNull();
    store.close();
  });

  it('offline: the sign-in is removed here all the same, and the answer says the server was not told', async () => {
    for (const [secret, network] of [
      [mastodon, 'mastodon'],
      [bluesky, 'bluesky'],
    ] as const) {
      const { store, account } = await withAccount(secret, network);
      const { fetch } = recordingFetch(() => 'offline');
      const answer = await disconnect(store, fetch, account.id);
      expect(answer.serverSignOut).toMatchObject({ network, problem: expect.stringMatching(/^Could not reach (masto|pds)\.test.*Are you offline\?$/) });
      expect(await store.db.get('credentials', account.id)).toBeUndefined();
      expect((await store.accounts.get(account.id))?.ok && (await store.accounts.get(account.id))).toMatchObject({ value: { status: 'disconnected' } });
      store.close();
      indexedDB = new IDBFactory();
    }
  });

  it('empties the sign-ins an old pre-migration backup still holds', async () => {
    const { store, account } = await withAccount(mastodon, 'mastodon');
    await oldBackupWith(mastodon, account.id);
    expect(await backupCredentials()).toHaveLength(1);
    await disconnect(store, recordingFetch(() => Response.json({})).fetch, account.id);
    expect(await backupCredentials()).toEqual([]);
    store.close();
  });

  it('at start-up too, whatever was disconnected before this version', async () => {
    const { store, account } = await withAccount(mastodon, 'mastodon');
    await oldBackupWith(mastodon, account.id);
    await createAccountsService({ store: Promise.resolve(store), now, ports: createFakePorts().ports }).onStart!();
    expect(await backupCredentials()).toEqual([]);
    expect(await store.db.get('credentials', account.id)).toBeDefined(); // the live sign-in stays
    store.close();
  });
});

describe('Delete workspace', () => {
  it('ends the sign-ins of its accounts at their servers, and says which could not be told', async () => {
    const { store, workspace, account } = await withAccount(mastodon, 'mastodon');
    const second = await store.accounts.put(makeAccount({ workspaceId: workspace.id, network: 'bluesky' }));
    await store.credentials.put({ v: 1, accountId: second.id, secret: bluesky, updatedAt: 1 });
    const { fetch, seen } = recordingFetch((url) => (url.host === 'pds.test' ? 'offline' : Response.json({})));
    const answer = await createWorkspacesService({ store: Promise.resolve(store), now, ports: createFakePorts().ports }, { fetch }).handlers[
      'workspace.delete'
    ]!({ workspaceId: workspace.id }, panel);
    expect(seen.map((request) => request.url).sort()).toEqual(['https://masto.test/oauth/revoke', 'https://pds.test/xrpc/com.atproto.server.deleteSession']);
    expect(answer.serverSignOuts).toEqual(
      expect.arrayContaining([
        { network: 'mastodon', host: 'masto.test', problem: null },
        { network: 'bluesky', host: 'pds.test', problem: 'Could not reach pds.test. Are you offline?' },
      ]),
    );
    expect(await store.db.count('credentials')).toBe(0);
    expect(await store.accounts.get(account.id)).toBeUndefined();
    store.close();
  });
});

describe('what Settings says about the server side', () => {
  it('names the server, and when it could not be told, what the user can do instead', async () => {
    const { signOutText } = await import('@/components/settings/sign-out-text');
    expect(signOutText([])).toBe('');
    expect(signOutText([{ network: 'mastodon', host: 'masto.test', problem: null }])).toBe('masto.test ended the sign-in.');
    expect(signOutText([{ network: 'mastodon', host: 'masto.test', problem: 'Could not reach masto.test (Failed to fetch). Are you offline?' }])).toBe(
      'masto.test could not be told to end the sign-in: Could not reach masto.test (Failed to fetch). Are you offline? The sign-in still works there until it expires; to end it now, on masto.test, open Preferences → Account → Authorized apps and revoke Cadence.',
    );
    expect(signOutText([{ network: 'bluesky', host: 'pds.test', problem: 'pds.test answered 500' }])).toMatch(
      /answered 500\. .*in Bluesky, open Settings → Privacy and security → App passwords and delete the one you gave Cadence\.$/,
    );
  });
});
