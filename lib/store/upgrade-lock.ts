import { upgradeProgressSchema, type ProgressListener, type UpgradeProgress } from './upgrade-progress';

/**
 * Invariant: at most one context backs up and upgrades the database at a time. The side panel and
 * the service worker both open it, and either may be first after an update: without this, both
 * would copy the same rows into the same backup, one deleting what the other wrote.
 *
 * A Web Lock (shared by every context of the extension's origin, worker included) serialises them.
 * The holder announces its progress on a BroadcastChannel; a context that has to wait relays it,
 * so a panel opened while the worker upgrades still shows how far it is. The waiter then takes
 * the lock, finds the database current, and neither copies nor upgrades again.
 */
export type Locks = Pick<LockManager, 'request'>;

const lockName = (dbName: string) => `${dbName}-upgrade`;

export async function withUpgradeLock<T>(
  dbName: string,
  { locks, onProgress }: { locks: Locks | null; onProgress: ProgressListener },
  work: (report: ProgressListener) => Promise<T>,
): Promise<T> {
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(lockName(dbName));
  const report = (progress: UpgradeProgress) => {
    onProgress(progress);
    channel?.postMessage(progress);
  };
  try {
    // No Web Locks (Node under vitest: one context only): nothing to coordinate with.
    if (!locks) return await work(report);
    const attempt = await locks.request(lockName(dbName), { ifAvailable: true }, async (lock) => (lock ? { value: await work(report) } : null));
    if (attempt) return attempt.value;
    onProgress({ phase: 'waiting' });
    const relay = (event: MessageEvent<unknown>) => {
      const progress = upgradeProgressSchema.safeParse(event.data);
      if (progress.success) onProgress(progress.data);
    };
    channel?.addEventListener('message', relay);
    return await locks.request(lockName(dbName), async () => {
      channel?.removeEventListener('message', relay);
      return work(report);
    });
  } finally {
    channel?.close();
  }
}

/** The origin's lock manager where there is one (every browser context; not Node 22). */
export function defaultLocks(): Locks | null {
  return (globalThis.navigator as Navigator | undefined)?.locks ?? null;
}
