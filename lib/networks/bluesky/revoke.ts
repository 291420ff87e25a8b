import { NetworkError } from '../../errors';
import type { AtprotoSecret } from './session';
import { timedFetch } from './timed-fetch';
import type { Fetch } from '../types';

const REVOKE_TIMEOUT_MS = 10_000;
/** What a PDS answers for a refresh token that no longer works: the session is over already. */
const ALREADY_ENDED = new Set(['ExpiredToken', 'InvalidToken', 'AuthenticationRequired']);

/**
 * com.atproto.server.deleteSession (lexicons/com/atproto/server/deleteSession.json): called with
 * the refresh JWT as the bearer, it revokes the refresh token (and so every later access token)
 * at the PDS. A session the PDS already ended counts as ended.
 */
export async function revokeBluesky(secret: AtprotoSecret, deps: { fetch: Fetch }): Promise<void> {
  const host = new URL(secret.service).host;
  let response: Response;
  try {
    response = await timedFetch(deps.fetch, REVOKE_TIMEOUT_MS)(new URL('/xrpc/com.atproto.server.deleteSession', secret.service), {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret.refreshJwt}` },
    });
  } catch {
    throw new NetworkError(`Could not reach ${host}. Are you offline?`);
  }
  if (response.ok) return;
  const body = (await response.json().catch(() => ({}))) as { error?: unknown; message?: unknown };
  if ((response.status === 400 || response.status === 401) && typeof body.error === 'string' && ALREADY_ENDED.has(body.error)) return;
  throw new NetworkError(`${host} answered ${response.status}${typeof body.message === 'string' ? ` (${body.message})` : ''}.`, response.status);
}
