import type { Account, Delivery, Settings } from '../model';
import type { NetworkAdapter } from '../networks';
import type { Store } from '../store';
import type { ContentLoaders } from './build-input';

/** A desktop notification; `id` is stable so a repeat replaces rather than piles up. */
export interface Note {
  id: string;
  kind: 'failure' | 'reminder';
  title: string;
  message: string;
}

/** Where the publisher may be stopped by the fault-injection simulation (a crash between steps). */
export type Step = 'before-claim' | 'after-claim' | 'after-response';

/**
 * A shared workspace's say in publishing (issue 23; lib/team/gate.ts): before this browser claims a
 * delivery, the team server's lease (a compare-and-swap across every browser of the team) must be
 * this replica's, and after it went out the server records it. Absent, or for a workspace that is
 * not shared, publishing is this browser's alone.
 */
export interface TeamGate {
  mayClaim(delivery: Delivery): Promise<boolean>;
  sent(delivery: Delivery): Promise<void>;
}

export interface PublisherDeps {
  store: Store;
  now: () => number;
  /** This worker's name on the leases it writes; a fresh worker has a fresh one. */
  owner: string;
  adapterFor(account: Account): NetworkAdapter;
  notify(note: Note): Promise<void>;
  random: () => number;
  loaders: ContentLoaders;
  checkpoint?: (step: Step, deliveryId: string) => void;
  teamGate?: TeamGate;
}

export async function loadSettings(store: Store): Promise<Pick<Settings, 'latePolicy' | 'notifications'>> {
  const row = await store.settings.get('settings');
  if (row?.ok) return row.value;
  return { latePolicy: { mode: 'publish-if-within', withinMinutes: 30 }, notifications: { mentions: true, failures: true } };
}

/** Notifications are best effort: the state is already written and the calendar shows it. */
export async function tell(deps: Pick<PublisherDeps, 'notify'>, note: Note): Promise<void> {
  await deps.notify(note).catch((error: unknown) => console.error('Cadence: a notification could not be shown', error));
}
