import { AtpAgent, XRPCError } from '@atproto/api';
import { AuthError, ValidationError } from '../../errors';
import type { AccountProfile, Fetch } from '../types';
import { toAppError } from './errors';
import { timedFetch, type AtprotoSecret } from './session';
import { toProfile } from './convert';

/**
 * Signing in to Bluesky with a handle (or e-mail) and an app password, on bsky.social or any PDS.
 * The password is used once, here, and never stored: the vault keeps the session tokens.
 */

export const DEFAULT_SERVICE = 'https://bsky.social';

/** The service as an origin: "bsky.social" means https; plain http only for this machine. */
export function normalizeService(service: string): string {
  const trimmed = service.trim() || DEFAULT_SERVICE;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ValidationError(`“${service}” is not a server address. Use one like https://bsky.social.`);
  }
  const isLocal = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLocal)) {
    throw new ValidationError(`“${service}” must start with https:// (plain http is only allowed for this computer).`);
  }
  return url.origin;
}

export async function connectBluesky(
  input: { service: string; identifier: string; password: string },
  deps: { fetch: Fetch; now: () => number },
): Promise<{ profile: AccountProfile; serverUrl: string; secret: AtprotoSecret }> {
  const service = normalizeService(input.service);
  const identifier = input.identifier.trim().replace(/^@/, '');
  if (!identifier) throw new ValidationError('Enter your Bluesky handle or e-mail address.');
  if (!input.password) throw new ValidationError('Enter an app password (Bluesky Settings → Privacy and security → App passwords).');

  const agent = new AtpAgent({ service, fetch: timedFetch(deps.fetch) });
  try {
    await agent.login({ identifier, password: input.password });
  } catch (error) {
    if (error instanceof XRPCError && error.error === 'AuthFactorTokenRequired') {
      throw new AuthError('This account asks for an e-mail code at sign-in. Use an app password instead.');
    }
    if (error instanceof XRPCError && error.error === 'AccountTakedown') {
      throw new AuthError('Bluesky has suspended this account, so Cadence cannot sign in to it.');
    }
    if (error instanceof XRPCError && (error.status === 401 || error.status === 400)) {
      throw new AuthError('Bluesky did not accept that handle and app password. Check both and try again.');
    }
    throw toAppError(error, deps.now());
  }
  const session = agent.session;
  if (!session) throw new AuthError('Bluesky did not start a session. Try again.');
  try {
    return {
      profile: await profileOrBare(agent, session),
      serverUrl: agent.pdsUrl?.origin ?? service,
      secret: {
        kind: 'atproto-session',
        service,
        did: session.did,
        handle: session.handle,
        accessJwt: session.accessJwt,
        refreshJwt: session.refreshJwt,
      },
    };
  } catch (error) {
    throw toAppError(error, deps.now());
  }
}

/**
 * The account's profile from the AppView. A brand-new account may not be indexed yet ("Profile not
 * found"): the sign-in is still good, so connect with the handle and zero counts; the daily
 * follower reading fills them in later.
 */
async function profileOrBare(agent: AtpAgent, session: { did: string; handle: string }): Promise<AccountProfile> {
  try {
    const { data } = await agent.getProfile({ actor: session.did });
    return toProfile(data);
  } catch (error) {
    if (!(error instanceof XRPCError) || !(error.status === 400 || error.status === 404) || !/profile not found/i.test(error.message)) throw error;
    return { remoteId: session.did, handle: session.handle, displayName: session.handle, avatarUrl: null, followers: 0, following: 0, posts: 0 };
  }
}
