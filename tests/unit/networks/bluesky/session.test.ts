import { describe, expect, it } from 'vitest';
import { AuthError, NetworkError } from '../../../../lib/errors';
import type { Credential } from '../../../../lib/model';
import { SIGNED_OUT } from '../../../../lib/networks/bluesky/errors';
import { createBlueskySession } from '../../../../lib/networks/bluesky/session';
import type { Fetch } from '../../../../lib/networks/types';

const DID = 'did:plc:abcdefghijklmnopqrstuvwx';
const secret: Credential['secret'] = {
  kind: 'atproto-session',
  service: 'https://pds.example',
  did: DID,
  handle: 'brand.example',
  accessJwt: 'old-access',
  refreshJwt: 'old-refresh',
};

/** A fake PDS for the session rules only; the real server is exercised in tests/integration. */
function fakePds(refresh: 'ok' | 'refused' | 'unreachable') {
  const log: string[] = [];
  const fetch: Fetch = async (input, init) => {
    const request = new Request(input, init);
    const method = new URL(request.url).pathname.replace('/xrpc/', '');
    const auth = request.headers.get('authorization');
    log.push(`${method} ${auth}`);
    if (method === 'com.atproto.server.refreshSession') {
      if (refresh === 'unreachable') throw new TypeError('fetch failed');
      if (refresh === 'refused') return Response.json({ error: 'ExpiredToken', message: 'Token has been revoked' }, { status: 400 });
      return Response.json({ did: DID, handle: 'brand.example', accessJwt: 'new-access', refreshJwt: 'new-refresh' });
    }
    if (method === 'app.bsky.actor.getProfile') {
      if (auth !== 'Bearer new-access') return Response.json({ error: 'ExpiredToken', message: 'Token has expired' }, { status: 400 });
      return Response.json({ did: DID, handle: 'brand.example' });
    }
    return Response.json({ error: 'MethodNotImplemented' }, { status: 501 });
  };
  return { fetch, log };
}

function vault() {
  const saved: Credential['secret'][] = [];
  return { saved, vault: { load: async () => secret, save: async (next: Credential['secret']) => void saved.push(next) } };
}

describe('the Bluesky session', () => {
  it('refreshes an expired token once, retries, and saves the new tokens before returning', async () => {
    const pds = fakePds('ok');
    const store = vault();
    const session = createBlueskySession({ vault: store.vault, fetch: pds.fetch, now: Date.now });
    const profile = await session.call((agent) => agent.getProfile({ actor: DID }));
    expect(profile.data.handle).toBe('brand.example');
    expect(store.saved).toEqual([{ ...secret, accessJwt: 'new-access', refreshJwt: 'new-refresh' }]);
    expect(pds.log.filter((line) => line.startsWith('com.atproto.server.refreshSession'))).toEqual(['com.atproto.server.refreshSession Bearer old-refresh']);
  });

  it('is signed out, in words, when the server refuses the refresh token', async () => {
    const store = vault();
    const session = createBlueskySession({ vault: store.vault, fetch: fakePds('refused').fetch, now: Date.now });
    await expect(session.call((agent) => agent.getProfile({ actor: DID }))).rejects.toThrow(new AuthError(SIGNED_OUT));
    await expect(session.call((agent) => agent.getProfile({ actor: DID }))).rejects.toThrow(AuthError);
    expect(store.saved).toEqual([]);
  });

  it('is a NetworkError, not a sign-out, when the refresh cannot reach the server', async () => {
    const session = createBlueskySession({ vault: vault().vault, fetch: fakePds('unreachable').fetch, now: Date.now });
    await expect(session.call((agent) => agent.getProfile({ actor: DID }))).rejects.toThrow(NetworkError);
  });

  it('refuses a credential of another network', async () => {
    const oauth: Credential['secret'] = { kind: 'oauth', server: 'https://m.example', clientId: 'c', clientSecret: 's', accessToken: 't', scope: 'read' };
    const session = createBlueskySession({ vault: { load: async () => oauth, save: async () => {} }, fetch: fakePds('ok').fetch, now: Date.now });
    await expect(session.account()).rejects.toThrow(AuthError);
  });
});
