import type { Account } from '../model';
import type { NetworkAdapter } from '../networks';
import type { Store } from '../store';

/** What the engage functions run on: the store, the clock, and a way to reach an account's network. */
export interface EngageDeps {
  store: Store;
  now: () => number;
  /** The background builds real adapters (createAdapter + the credential vault); unit tests pass fakes. */
  adapterFor: (account: Account) => NetworkAdapter;
}
