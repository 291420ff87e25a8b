import type { Credential } from '../model';
import { revokeBluesky } from './bluesky/revoke';
import { revokeMastodon } from './mastodon/revoke';
import type { Fetch } from './types';

/** What the server was told when a sign-in was removed: `problem` is null when it ended the session. */
export interface ServerSignOut {
  network: 'bluesky' | 'mastodon';
  host: string;
  problem: string | null;
}

/**
 * Ends a sign-in at its server (issue 18, hole 7): Mastodon revokes the OAuth token, a Bluesky
 * PDS deletes the session of the refresh token. Never throws: the sign-in is already gone from
 * Cadence when this runs, and a server that could not be told is reported, not retried.
 */
export async function endSignInAtServer(secret: Credential['secret'], deps: { fetch: Fetch; now: () => number }): Promise<ServerSignOut> {
  const host = new URL(secret.kind === 'oauth' ? secret.server : secret.service).host;
  const network = secret.kind === 'oauth' ? 'mastodon' : 'bluesky';
  try {
    if (secret.kind === 'oauth') await revokeMastodon(secret, deps);
    else await revokeBluesky(secret, deps);
    return { network, host, problem: null };
  } catch (error) {
    return { network, host, problem: error instanceof Error ? error.message : String(error) };
  }
}
