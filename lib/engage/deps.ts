import type { Account, Delivery } from '../model';
import type { NetworkAdapter } from '../networks';
import type { Store } from '../store';

/** What the engage functions run on: the store, the clock, and a way to reach an account's network. */
export interface EngageDeps {
  store: Store;
  now: () => number;
  /** The background builds real adapters (createAdapter + the credential vault); unit tests pass fakes. */
  adapterFor: (account: Account) => NetworkAdapter;
  /**
   * The background publisher's queue (PublisherService.publishDelivery): a reply is claimed and
   * sent there, one at a time with posts and under the same lease owner (issue 18, hole 5).
   * Unit tests without a publisher leave it out and publish directly.
   */
  publishDelivery?: (delivery: Delivery) => Promise<Delivery | null>;
}
