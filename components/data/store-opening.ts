import { openStore, type Store } from '@/lib/store';
import type { UpgradeProgress } from '@/lib/store/upgrade-progress';

/** The database being opened, and what a long open reports meanwhile (backup, upgrade, waiting). */
export interface StoreOpening {
  store: Promise<Store>;
  /** Hears every report from now on, and the latest one at once if there was one. */
  subscribe(listener: (progress: UpgradeProgress) => void): () => void;
}

/**
 * Called by the panel's entry script before React's first render. React runs an effect only after
 * its first paint, so opening from the App's effect waited for "Opening Cadence…" to be painted
 * (~25 ms, measured in a trace); opened here, the database opens while React renders.
 */
export function startOpeningStore(open: typeof openStore = openStore): StoreOpening {
  const listeners = new Set<(progress: UpgradeProgress) => void>();
  let latest: UpgradeProgress | null = null;
  const store = open({
    onProgress: (progress) => {
      latest = progress;
      for (const listener of listeners) listener(progress);
    },
  });
  // A failure is shown by the App once it mounts; until then it is not an unhandled rejection.
  store.catch(() => undefined);
  return {
    store,
    subscribe(listener) {
      if (latest) listener(latest);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
