import { purgeBackupCredentials } from '../store/migrations/pre-migration-backup';
import type { Credential } from '../model';
import { endSignInAtServer, type ServerSignOut } from '../networks/revoke';
import type { Fetch } from '../networks/types';
import type { Store } from '../store';

/**
 * After a sign-in was deleted from the live store (Disconnect, Delete workspace): end it at its
 * server and make sure no pre-migration backup still holds it (issue 18, hole 7). The local
 * removal has already happened and stands whatever the server says; a server that could not be
 * told is reported to the user with what to do instead.
 */
export async function signOutEverywhere(store: Store, signIns: Credential['secret'][], deps: { fetch: Fetch; now: () => number }): Promise<ServerSignOut[]> {
  const results = await Promise.all(signIns.map((secret) => endSignInAtServer(secret, deps)));
  await purgeBackupCredentials(store.db.name).catch((error: unknown) => console.error('Cadence: emptying the sign-ins of old backups', error));
  return results;
}
