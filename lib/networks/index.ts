import { ValidationError } from '../errors';
import type { Account } from '../model';
import { createLazyBlueskyAdapter } from './bluesky/load';
import { createMastodonAdapter } from './mastodon';
import type { Store } from '../store';
import type { AdapterDeps, AdapterFactory, NetworkAdapter } from './types';
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
  return (account) => createAdapter({ account, vault: credentialVault(store, account.id, now), fetch: (input, init) => fetch(input, init), now });
}
