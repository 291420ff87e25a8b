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
});
