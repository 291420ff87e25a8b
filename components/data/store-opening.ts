import { openStore, startUpgradeWork, type Store } from '@/lib/store';
import type { UpgradeProgress } from '@/lib/store/upgrade-progress';

/** The database being opened, and what a long open reports meanwhile (backup, upgrade, waiting). */
export interface StoreOpening {
  store: Promise<Store>;
  /** Hears every report from now on, and the latest one at once if there was one. */
  subscribe(listener: (progress: UpgradeProgress) => void): () => void;
}

/** Clips per upgrade batch when the panel runs it: ~50–100 ms of work between two paints. */
const PANEL_BATCH = 200;
/** How long the panel leaves the upgrade work to the worker before it queues for it too. */
const PANEL_WAITS_MS = 1500;

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
  // The upgrade's background work (lib/store/upgrade-work): the worker, woken by the panel's first
  // messages, usually takes it; the panel queues for it after a moment and resumes it if the worker
  // stops. Small batches here: they run on the thread that paints the panel.
  void store.then((opened) => setTimeout(() => void startUpgradeWork(opened.db, { batchSize: PANEL_BATCH }), PANEL_WAITS_MS)).catch(() => undefined);
  return {
    store,
    subscribe(listener) {
      if (latest) listener(latest);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
