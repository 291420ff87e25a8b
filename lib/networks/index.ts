import { ValidationError } from '../errors';
import type { Account, Credential } from '../model';
import { createLazyBlueskyAdapter } from './bluesky/load';
import { createMastodonAdapter } from './mastodon';
import type { Store } from '../store';
import { endSignInAtServer } from './revoke';
import type { AdapterDeps, AdapterFactory, Fetch, NetworkAdapter } from './types';
import { credentialVault } from './vault';

export type * from './types';
export { credentialVault } from './vault';

/** API networks and their adapters; reminder networks (X, LinkedIn, Threads, Facebook) have none. */
const FACTORIES: Partial<Record<Account['network'], AdapterFactory>> = {
  bluesky: createLazyBlueskyAdapter,
  mastodon: (deps) => createMastodonAdapter(deps),
};

/** The adapter for an API account; a reminder account has none and asking is a programming error. */
export function createAdapter(deps: AdapterDeps): NetworkAdapter {
  const factory = FACTORIES[deps.account.network];
  if (!factory) throw new ValidationError(`${deps.account.network} has no API adapter: it publishes by reminder.`);
  return factory(deps);
}

/**
 * The one way the background reaches an account's network: its adapter over the real fetch, with
 * its credential kept in the store's vault. The publisher, the poller and the metrics collector
 * all build theirs here; their unit tests pass fakes instead.
 */
export function adapterFor(store: Store, now: () => number): (account: Account) => NetworkAdapter {
  const realFetch: Fetch = (input, init) => fetch(input, init);
  // A refresh that lands after Disconnect ends its new session at the server (./vault.ts).
  const endDropped = (secret: Credential['secret']) => endSignInAtServer(secret, { fetch: realFetch, now });
  return (account) => createAdapter({ account, vault: credentialVault(store, account.id, now, { endDropped }), fetch: realFetch, now });
}
