import { AuthError, ValidationError } from '../../errors';
import type { AccountLimits, Credential } from '../../model';
import type { AccountProfile, Fetch } from '../types';
import { call, hostOf } from './http';
import { readLimits } from './limits';
import { toProfile } from './convert';
import { accountSchema, appSchema, parseAs, tokenSchema } from './schemas';

/**
 * Connecting a Mastodon account, as pure steps the background glue (identity.launchWebAuthFlow,
 * permissions.request) strings together: normalise the server, register an app (cached per
 * server by the caller), PKCE, the authorize URL, the code exchange, then verify and read limits.
 * Source: docs.joinmastodon.org/client/token, /methods/apps, /methods/oauth.
 */

export const SCOPES = 'read write';
export async function registerApp(
  server: string,
  redirectUri: string,
  deps: { fetch: Fetch; now?: () => number },
): Promise<{ clientId: string; clientSecret: string }> {
  const http = { server, fetch: deps.fetch, now: deps.now ?? Date.now };
  const { body } = await call(http, {
    method: 'POST',
    path: '/api/v1/apps',
    json: { client_name: 'Cadence', redirect_uris: redirectUri, scopes: SCOPES },
  });
  const app = parseAs(appSchema, body, hostOf(server), 'the app registration');
  return { clientId: app.client_id, clientSecret: app.client_secret };
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** RFC 7636: a 43-character verifier from 32 random bytes, challenge = BASE64URL(SHA-256(verifier)). */
export async function createPkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  return { verifier, challenge: await pkceChallenge(verifier) };
}

export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

export function authorizeUrl(input: { server: string; clientId: string; redirectUri: string; challenge: string; state: string }): string {
  const url = new URL('/oauth/authorize', input.server);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    scope: SCOPES,
    state: input.state,
    code_challenge: input.challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

export async function exchangeCode(
  input: { server: string; clientId: string; clientSecret: string; code: string; verifier: string; redirectUri: string },
  deps: { fetch: Fetch; now?: () => number },
): Promise<{ accessToken: string; scope: string }> {
  const http = { server: input.server, fetch: deps.fetch, now: deps.now ?? Date.now };
  let body: unknown;
  try {
    ({ body } = await call(http, {
      method: 'POST',
      path: '/oauth/token',
      json: {
        grant_type: 'authorization_code',
        code: input.code,
        client_id: input.clientId,
        client_secret: input.clientSecret,
        redirect_uri: input.redirectUri,
        code_verifier: input.verifier,
        scope: SCOPES,
      },
    }));
  } catch (error) {
    // The token endpoint answers a refused grant with 400 invalid_grant (RFC 6749 §5.2).
    if (error instanceof ValidationError) {
      throw new AuthError(`${hostOf(input.server)} refused the sign-in: ${String(error.details?.reason ?? error.message)}. Try connecting again.`);
    }
    throw error;
  }
  const token = parseAs(tokenSchema, body, hostOf(input.server), 'the sign-in');
  return { accessToken: token.access_token, scope: token.scope || SCOPES };
}

export async function connectMastodon(
  input: { server: string; accessToken: string; clientId: string; clientSecret: string; scope: string },
  deps: { fetch: Fetch; now: () => number; timeoutMs?: number },
): Promise<{
  profile: AccountProfile;
  serverUrl: string;
  limits: AccountLimits;
  secret: Extract<Credential['secret'], { kind: 'oauth' }>;
}> {
  const server = new URL(input.server).origin; // normalised by the caller (lib/accounts/server-address.ts)
  const http = { server, fetch: deps.fetch, now: deps.now, token: input.accessToken, timeoutMs: deps.timeoutMs };
  const { body } = await call(http, { path: '/api/v1/accounts/verify_credentials' });
  const profile = toProfile(parseAs(accountSchema, body, hostOf(server), 'the account'), server);
  const limits: AccountLimits = await readLimits(http);
  return {
    profile,
    serverUrl: server,
    limits,
    secret: {
      kind: 'oauth',
      server,
      clientId: input.clientId,
      clientSecret: input.clientSecret,
      accessToken: input.accessToken,
      scope: input.scope,
    },
  };
}
