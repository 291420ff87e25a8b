import { AuthError } from '../errors';
import { credentialSchema, type Credential } from '../model';
import type { Store } from '../store';
import type { CredentialVault } from './types';

/**
 * The credential of one account, read from and written back to the `credentials` store (the
 * extension's own IndexedDB — never storage.local, which content scripts can read). A missing or
 * corrupt credential is an AuthError: the account needs reconnecting, nothing else is guessed.
 *
 * A save is a compare-and-set in one transaction (issue 18, hole 7): it writes only while the
 * account is still connected and its stored sign-in is still the one this vault read or last
 * wrote. A token refresh that finishes after Disconnect, Delete workspace or a reconnect (which
 * stored another sign-in) therefore writes nothing back. The session it dropped is still alive at
 * its server (a Bluesky refresh rotates the refresh token, so Disconnect's revoke may have ended
 * only the old one): `endDropped` ends it there, so it lives in no memory and on no server.
 */
export function credentialVault(
  store: Store,
  accountId: string,
  now: () => number,
  { endDropped }: { endDropped?: (secret: Credential['secret']) => Promise<unknown> } = {},
): CredentialVault {
  /** The sign-in as this vault last saw it in the store (JSON), null before the first load. */
  let known: string | null = null;
  return {
    async load() {
      const row = await store.credentials.get(accountId);
      if (!row) throw new AuthError('This account has no saved sign-in. Reconnect it in Settings.');
      if (!row.ok) throw new AuthError('The saved sign-in for this account is unreadable. Reconnect it in Settings.');
      known = JSON.stringify(row.value.secret);
      return row.value.secret;
    },
    async save(secret: Credential['secret']) {
      const next = credentialSchema.parse({ v: 1, accountId, secret, updatedAt: now() });
      const tx = store.db.transaction(['accounts', 'credentials'], 'readwrite');
      const [account, stored] = await Promise.all([tx.objectStore('accounts').get(accountId), tx.objectStore('credentials').get(accountId)]);
      const current = credentialSchema.safeParse(stored);
      const isSame = current.success && (known === null || JSON.stringify(current.data.secret) === known);
      const isConnected = (account as { status?: unknown } | undefined)?.status === 'connected';
      if (isConnected && isSame) void tx.objectStore('credentials').put(next);
      await tx.done;
      if (!isConnected || !isSame) {
        // Disconnected or reconnected meanwhile: the refreshed sign-in is dropped, and ended at its
        // server unless it is the very sign-in stored now (never end the one a reconnect saved).
        const isStoredNow = current.success && JSON.stringify(current.data.secret) === JSON.stringify(secret);
        if (endDropped && !isStoredNow) await endDropped(secret).catch((error: unknown) => console.error('Cadence: ending a dropped sign-in', error));
        return;
      }
      known = JSON.stringify(next.secret);
      store.feed.publish({ store: 'credentials', keys: [accountId], op: 'put' });
    },
  };
}
