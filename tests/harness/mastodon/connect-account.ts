import type { Account, Credential } from '../../../lib/model';
import { authorizeUrl, connectMastodon, createPkce, exchangeCode, registerApp } from '../../../lib/networks/mastodon/connect';
import type { NetworkAdapter, PublishInput } from '../../../lib/networks';
import { createMastodonAdapter, type MastodonOptions } from '../../../lib/networks/mastodon';
import type { Store } from '../../../lib/store';
import { makeAccount } from '../../unit/factories';
import type { MastodonServer } from '../mastodon-server';

/** Connecting to the local Mastodon server the way the background does, for tests of what comes after. */

export const REDIRECT = 'https://cadence.extension.test/mastodon';

export type Connected = Awaited<ReturnType<typeof connectMastodon>>;
export type OAuthSecret = Extract<Credential['secret'], { kind: 'oauth' }>;

/** The whole connect flow: app, PKCE, the authorize page (auto-approved as `username`), the code exchange. */
export async function connectAs(server: MastodonServer, username: string): Promise<Connected> {
  server.approveAs(username);
  const app = await registerApp(server.url, REDIRECT, { fetch });
  const pkce = await createPkce();
  const state = crypto.randomUUID();
  const page = await fetch(authorizeUrl({ server: server.url, clientId: app.clientId, redirectUri: REDIRECT, challenge: pkce.challenge, state }), {
    redirect: 'manual',
  });
  const back = new URL(page.headers.get('location') ?? 'about:blank');
  if (page.status !== 302 || back.origin + back.pathname !== REDIRECT || back.searchParams.get('state') !== state) {
    throw new Error(`the authorize page answered ${page.status} to ${back.href}`);
  }
  const token = await exchangeCode(
    { server: server.url, ...app, code: back.searchParams.get('code') ?? '', verifier: pkce.verifier, redirectUri: REDIRECT },
    { fetch },
  );
  return connectMastodon({ server: server.url, accessToken: token.accessToken, scope: token.scope, ...app }, { fetch, now: Date.now });
}

/** The account fields a connect gives, as the background writes them. */
export function mastodonAccountFields(connected: Connected) {
  const { handle, displayName, remoteId } = connected.profile;
  return { network: 'mastodon' as const, handle, displayName, remoteId, serverUrl: connected.serverUrl, limits: connected.limits };
}

/** A connected Mastodon account in the store, with its credential, as Settings → Accounts leaves it. */
export async function addMastodonAccount(store: Store, server: MastodonServer, username: string): Promise<{ account: Account; connected: Connected }> {
  const connected = await connectAs(server, username);
  const account = await store.accounts.put(makeAccount(mastodonAccountFields(connected)));
  await store.credentials.put({ v: 1, accountId: account.id, secret: connected.secret, updatedAt: Date.now() });
  return { account, connected };
}

/** Posts as another account of the server (a fan), through its REST API. */
export async function postAs(server: MastodonServer, token: string, params: Record<string, unknown>): Promise<{ id: string }> {
  const response = await fetch(`${server.url}/api/v1/statuses`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(params),
  });
  if (response.status !== 200) throw new Error(`posting answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { id: string };
}

/** Another account's action on a status or account: favourite, reblog, follow. */
export async function actAs(server: MastodonServer, token: string, path: string): Promise<void> {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
}

/** Tests' adapter options: no real waits between retries, a short timeout. */
export const FAST: MastodonOptions = { sleep: () => Promise.resolve(), timeoutMs: 2_000 };

/** The adapter the background builds for a connected account, its credential in a vault of its own. */
export function mastodonAdapterFor(connected: { secret: OAuthSecret; profile: { remoteId: string } }, options: MastodonOptions = FAST): NetworkAdapter {
  let secret: Credential['secret'] = connected.secret;
  const account = makeAccount({ network: 'mastodon', remoteId: connected.profile.remoteId, serverUrl: connected.secret.server });
  const vault = { load: async () => secret, save: async (next: Credential['secret']) => void (secret = next) };
  return createMastodonAdapter({ account, vault, fetch, now: Date.now }, options);
}

/** A one-part post to publish, with a fresh idempotency key. */
export function publishInput(overrides: Partial<PublishInput> = {}): PublishInput {
  return {
    parts: [{ text: 'Hello', media: [], link: null }],
    lang: 'en',
    idempotencyKey: crypto.randomUUID(),
    rkey: null,
    done: [],
    replyTo: null,
    scheduledAt: null,
    ...overrides,
  };
}
