import { describe, expect, it, vi } from 'vitest';
import { connectMastodonAccount, type ConnectDeps } from '@/lib/accounts/connect';
import { saveConnectedAccount } from '@/lib/accounts/save-connected';
import { openStore } from '@/lib/store';
import { makeWorkspace } from '../factories';

const profile = { remoteId: 'did:plc:acme', handle: 'acme.bsky.social', displayName: 'Acme', avatarUrl: null, followers: 0, following: 0, posts: 0 };
const secret = {
  kind: 'atproto-session' as const,
  service: 'https://bsky.social',
  did: 'did:plc:acme',
  handle: 'acme.bsky.social',
  accessJwt: 'a',
  refreshJwt: 'r',
};

describe('saving a connected account', () => {
  it('stores the account and its credential; connecting it again reconnects it, keeping id and schedule', async () => {
    const store = await openStore();
    const workspace = await store.workspaces.put(makeWorkspace());
    const input = { workspaceId: workspace.id, network: 'bluesky' as const, profile, serverUrl: 'https://pds.test', limits: null, secret };
    const first = await saveConnectedAccount(store, input, () => 1);
    expect(first).toMatchObject({
      status: 'connected',
      publishMode: 'api',
      remoteId: 'did:plc:acme',
      limits: { maxCharacters: 300, maxImageBytes: 1_000_000 },
    });
    await store.accounts.update(
      first.id,
      (a) => a && { ...a, status: 'disconnected', statusReason: 'token expired', schedule: [{ weekday: 1, time: '09:00' }] },
    );
    const again = await saveConnectedAccount(store, { ...input, secret: { ...secret, accessJwt: 'b' } }, () => 2);
    expect(again).toMatchObject({ id: first.id, status: 'connected', statusReason: null, schedule: [{ weekday: 1, time: '09:00' }] });
    expect(await store.accounts.count()).toBe(1);
    const credential = await store.credentials.get(first.id);
    expect(credential?.ok && credential.value.secret).toMatchObject({ accessJwt: 'b' });
    store.close();
  });

  it('refuses to reconnect an account as a different one, changing nothing', async () => {
    const store = await openStore();
    const workspace = await store.workspaces.put(makeWorkspace());
    const input = { workspaceId: workspace.id, network: 'bluesky' as const, profile, serverUrl: 'https://pds.test', limits: null, secret };
    const first = await saveConnectedAccount(store, input, () => 1);
    const other = { ...profile, remoteId: 'did:plc:other', handle: 'other.test' };
    await expect(saveConnectedAccount(store, { ...input, profile: other, accountId: first.id }, () => 2)).rejects.toThrow(/signed in as @other.test/);
    const row = await store.accounts.get(first.id);
    expect(row?.ok && row.value.handle).toBe('acme.bsky.social');
    store.close();
  });
});

describe('connecting Mastodon', () => {
  const deps = (overrides: Partial<ConnectDeps>): ConnectDeps => ({
    fetch: vi.fn(async () => {
      throw new Error('no network in this test');
    }),
    now: () => 1,
    redirectUrl: () => 'https://ext-id.chromiumapp.org/',
    launchWebAuthFlow: vi.fn(async () => 'https://ext-id.chromiumapp.org/?code=abc&state=wrong'),
    hasOrigins: async () => true,
    ...overrides,
  });

  it('stops before any request when the server permission was not granted', async () => {
    const store = await openStore();
    const workspace = await store.workspaces.put(makeWorkspace());
    const d = deps({ hasOrigins: async () => false });
    await expect(connectMastodonAccount(store, { workspaceId: workspace.id, server: 'mastodon.example' }, d)).rejects.toThrow(
      /permission to talk to mastodon.example/,
    );
    expect(d.fetch).not.toHaveBeenCalled();
    store.close();
  });

  it('refuses a sign-in answer whose state does not match, storing nothing', async () => {
    const store = await openStore();
    const workspace = await store.workspaces.put(makeWorkspace());
    // The app registration is cached, so no request is made before the sign-in window.
    await store.db.put('meta', {
      v: 1,
      id: 'mastodon-app:https://mastodon.example',
      server: 'https://mastodon.example',
      redirectUri: 'https://ext-id.chromiumapp.org/',
      clientId: 'cid',
      clientSecret: 'cs',
      createdAt: 1,
    });
    const d = deps({});
    await expect(connectMastodonAccount(store, { workspaceId: workspace.id, server: 'https://mastodon.example/' }, d)).rejects.toThrow(/did not match/);
    const url = new URL(vi.mocked(d.launchWebAuthFlow).mock.calls[0]![0]);
    expect(url.origin + url.pathname).toBe('https://mastodon.example/oauth/authorize');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('client_id')).toBe('cid');
    expect(await store.accounts.count()).toBe(0);
    expect(await store.db.count('credentials')).toBe(0);
    store.close();
  });

  // Firefox's identity.getRedirectURL(): https://<SHA-1 of the add-on id>.extensions.allizom.org/
  // (tests/e2e-firefox/ports.e2e.ts reads it in Firefox ESR). Mastodon must see that exact address
  // at registration, in the authorize URL and in the code exchange, and Firefox's answer is read as Chrome's.
  it('with Firefox’s redirect URL: registers it (replacing a Chrome one cached), authorizes and exchanges with it, and reads the code Firefox hands back', async () => {
    const FIREFOX_REDIRECT = 'https://8aaaeaa36a7a64b91a6fbf7b026e11390c041548.extensions.allizom.org/';
    const store = await openStore();
    const workspace = await store.workspaces.put(makeWorkspace());
    // Registered earlier from Chrome for the same server: another redirect, so not reusable here.
    await store.db.put('meta', {
      v: 1,
      id: 'mastodon-app:https://mastodon.example',
      server: 'https://mastodon.example',
      redirectUri: 'https://ext-id.chromiumapp.org/',
      clientId: 'chrome-cid',
      clientSecret: 'chrome-cs',
      createdAt: 1,
    });
    const bodies: Record<string, Record<string, unknown>> = {};
    const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
      const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
      bodies[path] = JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>;
      const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      if (path === '/api/v1/apps') return json({ client_id: 'ff-cid', client_secret: 'ff-cs' });
      if (path === '/oauth/token') return json({ access_token: 'token', scope: 'read write' });
      throw new Error('stop after the code exchange');
    });
    const launchWebAuthFlow = vi.fn(async (url: string) => {
      const state = new URL(url).searchParams.get('state')!;
      return `${FIREFOX_REDIRECT}?code=ff-code&state=${state}`;
    });
    await expect(
      connectMastodonAccount(
        store,
        { workspaceId: workspace.id, server: 'mastodon.example' },
        deps({ fetch, launchWebAuthFlow, redirectUrl: () => FIREFOX_REDIRECT }),
      ),
    ).rejects.toThrow();
    expect(bodies['/api/v1/apps']).toMatchObject({ redirect_uris: FIREFOX_REDIRECT });
    const authorize = new URL(launchWebAuthFlow.mock.calls[0]![0]);
    expect(authorize.searchParams.get('redirect_uri')).toBe(FIREFOX_REDIRECT);
    expect(authorize.searchParams.get('client_id')).toBe('ff-cid');
    expect(bodies['/oauth/token']).toMatchObject({ code: 'ff-code', client_id: 'ff-cid', redirect_uri: FIREFOX_REDIRECT });
    expect(await store.db.get('meta', 'mastodon-app:https://mastodon.example')).toMatchObject({ redirectUri: FIREFOX_REDIRECT, clientId: 'ff-cid' });
    store.close();
  });
});
