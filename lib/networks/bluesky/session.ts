import { AtpAgent, type AtpSessionEvent, type AtpSessionData } from '@atproto/api';
import { AuthError, NetworkError } from '../../errors';
import type { Credential } from '../../model';
import type { CredentialVault, Fetch } from '../types';
import { SIGNED_OUT, isAuthFailure, toAppError } from './errors';
import { timedFetch } from './timed-fetch';

/**
 * One signed-in Bluesky session for an adapter. Invariants:
 * - it resumes from the vault without a request (no log-in, no forced refresh per adapter);
 * - when the access token expires, @atproto/api refreshes it once and retries the request; the
 *   new tokens are written back through `vault.save` before the call returns, so the refresh
 *   token survives a service-worker restart;
 * - a refresh the server refuses is AuthError(SIGNED_OUT); a refresh that could not reach the
 *   server is a NetworkError, never a sign-out.
 */

export type AtprotoSecret = Extract<Credential['secret'], { kind: 'atproto-session' }>;

export { REQUEST_TIMEOUT_MS, timedFetch } from './timed-fetch';

export interface BlueskySession {
  /** The signed-in account (DID and handle as last seen). */
  account(): Promise<{ did: string; handle: string }>;
  /** Runs `fn` with the agent, translating every failure into lib/errors.ts classes. */
  call<T>(fn: (agent: AtpAgent) => Promise<T>): Promise<T>;
}

export function sessionData(secret: AtprotoSecret): AtpSessionData {
  return { did: secret.did, handle: secret.handle, accessJwt: secret.accessJwt, refreshJwt: secret.refreshJwt, active: true };
}

export function createBlueskySession(deps: { vault: CredentialVault; fetch: Fetch; now: () => number }): BlueskySession {
  let ready: Promise<{ agent: AtpAgent; secret: AtprotoSecret }> | null = null;
  let saving: Promise<void> = Promise.resolve();
  let signedOut = false;
  let refreshUnreachable = false;

  async function open() {
    const secret = await deps.vault.load();
    if (secret.kind !== 'atproto-session') throw new AuthError('The saved sign-in is not a Bluesky one. Reconnect the account in Settings.');
    const current = { ...secret };
    const persistSession = (event: AtpSessionEvent, session: AtpSessionData | undefined) => {
      if (event === 'update' && session) {
        Object.assign(current, { accessJwt: session.accessJwt, refreshJwt: session.refreshJwt, handle: session.handle });
        const snapshot = { ...current };
        saving = saving.then(() => deps.vault.save(snapshot));
      } else if (event === 'expired') {
        signedOut = true;
      } else if (event === 'network-error') {
        refreshUnreachable = true;
      }
    };
    const agent = new AtpAgent({ service: secret.service, fetch: timedFetch(deps.fetch), persistSession });
    // Resume without resumeSession(): that forces a refresh (a request, and a rotated refresh
    // token) every time an adapter is built. The stored tokens are used as they are.
    agent.sessionManager.session = sessionData(secret);
    return { agent, secret: current };
  }

  function opened() {
    ready ??= open().catch((error: unknown) => {
      ready = null;
      throw error;
    });
    return ready;
  }

  return {
    async account() {
      const { secret } = await opened();
      return { did: secret.did, handle: secret.handle };
    },
    async call(fn) {
      const { agent } = await opened();
      if (signedOut) throw new AuthError(SIGNED_OUT);
      refreshUnreachable = false;
      try {
        const token = agent.session?.accessJwt;
        try {
          return await fn(agent);
        } catch (error) {
          // @atproto/api refreshes by itself on 401 and 400 ExpiredToken; a token the server
          // cannot verify (400 InvalidToken) is refreshed here, once, and the call retried.
          if (!isAuthFailure(error) || signedOut || refreshUnreachable || agent.session?.accessJwt !== token) throw error;
          await agent.sessionManager.refreshSession();
          return await fn(agent);
        }
      } catch (error) {
        if (signedOut) throw new AuthError(SIGNED_OUT);
        if (refreshUnreachable && isAuthFailure(error)) {
          throw new NetworkError('Bluesky could not be reached to renew the sign-in; Cadence will try again.');
        }
        throw toAppError(error, deps.now());
      } finally {
        // A vault that cannot save is reported once, not on every later call.
        const pending = saving;
        saving = Promise.resolve();
        await pending;
      }
    },
  };
}
