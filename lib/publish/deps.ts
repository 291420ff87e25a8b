import type { Account, Settings } from '../model';
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
