import { AuthError } from '../../errors';
import type { AdapterDeps } from '../types';
import { call, hostOf, type MastodonHttp } from './http';
import { accountSchema, parseAs, type MastodonAccount } from './schemas';

/** Tunables that tests shorten; production uses the defaults. */
export interface MastodonOptions {
  /** Deadline of one request (default 30 s). */
  timeoutMs?: number;
  /** How long to wait for the server to process an uploaded image (default 60 s). */
  mediaWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface MastodonSession {
  http(): Promise<MastodonHttp>;
  /** Our account id on the server: the account's remoteId, else asked once. */
  ownId(): Promise<string>;
  verifyCredentials(): Promise<MastodonAccount>;
  host(): Promise<string>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  mediaWaitMs: number;
}

/** Reads the credential once per adapter; the token stays inside this closure (never in a message). */
export function createSession(deps: AdapterDeps, options: MastodonOptions): MastodonSession {
  let httpPromise: Promise<MastodonHttp> | null = null;
  let ownIdPromise: Promise<string> | null = deps.account.remoteId ? Promise.resolve(deps.account.remoteId) : null;
  const session: MastodonSession = {
    http() {
      httpPromise ??= deps.vault.load().then((secret) => {
        if (secret.kind !== 'oauth') throw new AuthError('This Mastodon account holds the wrong kind of sign-in. Reconnect it in Settings.');
        return { server: secret.server, token: secret.accessToken, fetch: deps.fetch, now: deps.now, timeoutMs: options.timeoutMs };
      });
      // A failed load is not cached: the next call reads the vault again.
      httpPromise.catch(() => (httpPromise = null));
      return httpPromise;
    },
    async verifyCredentials() {
      const http = await session.http();
      const { body } = await call(http, { path: '/api/v1/accounts/verify_credentials' });
      return parseAs(accountSchema, body, hostOf(http.server), 'the account');
    },
    ownId() {
      ownIdPromise ??= session.verifyCredentials().then((account) => account.id);
      ownIdPromise.catch(() => (ownIdPromise = null));
      return ownIdPromise;
    },
    async host() {
      return hostOf((await session.http()).server);
    },
    now: deps.now,
    sleep: options.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms))),
    mediaWaitMs: options.mediaWaitMs ?? 60_000,
  };
  return session;
}
