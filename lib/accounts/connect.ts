import { AuthError, ValidationError } from '../errors';
import { loadBluesky } from '../networks/bluesky/load';
import { authorizeUrl, connectMastodon, createPkce, exchangeCode } from '../networks/mastodon/connect';
import { normalizeServer } from './server-address';
import type { Fetch } from '../networks/types';
import type { Store } from '../store';
import { mastodonApp } from './mastodon-app';
import { saveConnectedAccount } from './save-connected';

export interface ConnectDeps {
  fetch: Fetch;
  now: () => number;
  /** identity.getRedirectURL() */
  redirectUrl: () => string;
  /** identity.launchWebAuthFlow({ url, interactive: true }): the URL the server redirected to. */
  launchWebAuthFlow: (url: string) => Promise<string>;
  /** permissions.contains: the panel asked for the server's origin in the user's click. */
  hasOrigins: (origins: string[]) => Promise<boolean>;
}

/** Signs in with an app password; only the session tokens are kept (credentials store), never the password. */
export async function connectBlueskyAccount(
  store: Store,
  input: { workspaceId: string; service: string; identifier: string; password: string; accountId?: string },
  deps: Pick<ConnectDeps, 'fetch' | 'now'>,
) {
  const { connectBluesky } = await loadBluesky();
  const connected = await connectBluesky({ service: input.service, identifier: input.identifier, password: input.password }, deps);
  return saveConnectedAccount(
    store,
    {
      workspaceId: input.workspaceId,
      network: 'bluesky',
      profile: connected.profile,
      serverUrl: connected.serverUrl,
      limits: null,
      secret: connected.secret,
      accountId: input.accountId,
    },
    deps.now,
  );
}

/** OAuth with PKCE through launchWebAuthFlow (docs/architecture.md, decision 3), the app registered once per server. */
export async function connectMastodonAccount(store: Store, input: { workspaceId: string; server: string; accountId?: string }, deps: ConnectDeps) {
  const server = normalizeServer(input.server);
  if (!(await deps.hasOrigins([`${server}/*`]))) {
    throw new ValidationError(`Cadence needs your permission to talk to ${new URL(server).host}. Press Connect again and choose Allow.`);
  }
  const redirectUri = deps.redirectUrl();
  const app = await mastodonApp(store, server, redirectUri, deps);
  const { verifier, challenge } = await createPkce();
  const state = crypto.randomUUID();
  const answer = new URL(await deps.launchWebAuthFlow(authorizeUrl({ server, clientId: app.clientId, redirectUri, challenge, state })));
  if (answer.searchParams.get('state') !== state) throw new AuthError('The sign-in answer did not match the request, so it was refused. Try again.');
  const code = answer.searchParams.get('code');
  if (!code)
    throw new AuthError(`${new URL(server).host} did not grant access${answer.searchParams.get('error') ? ` (${answer.searchParams.get('error')})` : ''}.`);
  const token = await exchangeCode({ server, clientId: app.clientId, clientSecret: app.clientSecret, code, verifier, redirectUri }, deps);
  const connected = await connectMastodon(
    { server, accessToken: token.accessToken, clientId: app.clientId, clientSecret: app.clientSecret, scope: token.scope },
    deps,
  );
  return saveConnectedAccount(
    store,
    {
      workspaceId: input.workspaceId,
      network: 'mastodon',
      profile: connected.profile,
      serverUrl: connected.serverUrl,
      limits: connected.limits,
      secret: connected.secret,
      accountId: input.accountId,
    },
    deps.now,
  );
}
