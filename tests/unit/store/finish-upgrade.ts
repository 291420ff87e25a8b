import type { IDBPDatabase } from 'idb';
import { runUpgradeWork, type UpgradeWorkOptions } from '@/lib/store/upgrade-work/run-upgrade-work';
import type { WorkProgress } from '@/lib/store/upgrade-work/work-state';

/**
 * Runs the upgrade's background work (lib/store/upgrade-work) to its end, as the worker or a side
 * panel does after opening the database, without pauses; returns every progress report.
 */
export async function finishUpgrade(db: IDBPDatabase, options: Partial<UpgradeWorkOptions> = {}): Promise<(WorkProgress | null)[]> {
  const seen: (WorkProgress | null)[] = [];
  const outcome = await runUpgradeWork(db, {
    locks: null,
    pause: () => Promise.resolve(),
    ...options,
    onProgress: (progress) => {
      seen.push(progress);
      options.onProgress?.(progress);
    },
  });
  if (outcome !== 'done') throw new Error(`the upgrade work ${outcome}`);
  return seen;
}
