import { ValidationError } from '../errors';
import type { Account } from '../model';
import { createBlueskyAdapter } from './bluesky';
import { createMastodonAdapter } from './mastodon';
import type { AdapterDeps, AdapterFactory, NetworkAdapter } from './types';

export type * from './types';
export { credentialVault } from './vault';

/** API networks and their adapters; reminder networks (X, LinkedIn, Threads, Facebook) have none. */
const FACTORIES: Partial<Record<Account['network'], AdapterFactory>> = {
  bluesky: createBlueskyAdapter,
  mastodon: (deps) => createMastodonAdapter(deps),
};

/** The adapter for an API account; a reminder account has none and asking is a programming error. */
export function createAdapter(deps: AdapterDeps): NetworkAdapter {
  const factory = FACTORIES[deps.account.network];
  if (!factory) throw new ValidationError(`${deps.account.network} has no API adapter: it publishes by reminder.`);
  return factory(deps);
}
