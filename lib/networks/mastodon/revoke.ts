import type { Credential } from '../../model';
import type { Fetch } from '../types';
import { call } from './http';

type OAuthSecret = Extract<Credential['secret'], { kind: 'oauth' }>;

/** A sign-out should not keep Settings waiting as long as a publish may. */
const REVOKE_TIMEOUT_MS = 10_000;

/**
 * POST /oauth/revoke (docs.joinmastodon.org/methods/oauth#revoke, RFC 7009): the app names
 * itself with its id and secret and the token stops working at once. The server answers 200
 * for a token it already forgot too, so only a failure to reach it or a refusal throws.
 */
export async function revokeMastodon(secret: OAuthSecret, deps: { fetch: Fetch; now: () => number }): Promise<void> {
  await call(
    { server: secret.server, fetch: deps.fetch, now: deps.now, timeoutMs: REVOKE_TIMEOUT_MS },
    { method: 'POST', path: '/oauth/revoke', json: { client_id: secret.clientId, client_secret: secret.clientSecret, token: secret.accessToken } },
  );
}
