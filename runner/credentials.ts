import type { Credential } from '@/lib/model';
import { credentialContext, runnerCredentialDocSchema, runnerSecretSchema, type RunnerCredentialDoc, type RunnerSecret } from '@/lib/team/runner-docs';
import { open, type PrivateJwk } from '@/lib/team/sealed';

/**
 * The sign-ins handed to this runner, opened with its private key and held in memory only: never
 * written to disk, never logged. A credential doc that is deleted, replaced by one that does not
 * open, or sealed to another runner, leaves nothing behind here.
 */
export interface HeldAccount {
  doc: RunnerCredentialDoc;
  secret: RunnerSecret;
  /** The session the runner signed in with, kept for the adapter (lib/networks vault). */
  session: Credential['secret'] | null;
  /** Why the network refused to sign in with it: nothing more is tried until it is handed over again. */
  refused: string | null;
}

export type CredentialOutcome = 'held' | 'purged' | 'not-mine' | 'unreadable';

export function createCredentialKeeper(runnerId: string, privateJwk: PrivateJwk) {
  const held = new Map<string, HeldAccount>();
  return {
    get: (accountId: string) => held.get(accountId),
    accounts: () => [...held.keys()],
    purge(accountId: string): boolean {
      return held.delete(accountId);
    },
    /** Takes in one `runner-credential:` document as the feed gave it. */
    async take(accountId: string, raw: unknown): Promise<CredentialOutcome> {
      const parsed = runnerCredentialDocSchema.safeParse(raw);
      if (!parsed.success || parsed.data.account.id !== accountId) {
        held.delete(accountId);
        return 'unreadable';
      }
      const doc = parsed.data;
      if (doc.runnerId !== runnerId) {
        // Handed to another runner: this one must stop using whatever it held for the account.
        held.delete(accountId);
        return 'not-mine';
      }
      try {
        const secret = runnerSecretSchema.parse(JSON.parse(await open(privateJwk, doc.sealed, credentialContext(runnerId, accountId))));
        held.set(accountId, { doc, secret, session: null, refused: null });
        return 'held';
      } catch {
        // Sealed to another key (or to this key as another account): it cannot be read, by design.
        held.delete(accountId);
        return 'unreadable';
      }
    },
  };
}
export type CredentialKeeper = ReturnType<typeof createCredentialKeeper>;
