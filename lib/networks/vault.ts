import { AuthError } from '../errors';
import type { Credential } from '../model';
import type { Store } from '../store';
import type { CredentialVault } from './types';

/**
 * The credential of one account, read from and written back to the `credentials` store (the
 * extension's own IndexedDB — never storage.local, which content scripts can read). A missing or
 * corrupt credential is an AuthError: the account needs reconnecting, nothing else is guessed.
 */
export function credentialVault(store: Store, accountId: string, now: () => number): CredentialVault {
  return {
    async load() {
      const row = await store.credentials.get(accountId);
      if (!row) throw new AuthError('This account has no saved sign-in. Reconnect it in Settings.');
      if (!row.ok) throw new AuthError('The saved sign-in for this account is unreadable. Reconnect it in Settings.');
      return row.value.secret;
    },
    async save(secret: Credential['secret']) {
      await store.credentials.put({ v: 1, accountId, secret, updatedAt: now() });
    },
  };
}
