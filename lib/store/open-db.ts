import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { storedVersion } from './migrations/pre-migration-backup';
import { AppError } from '../errors';
import { MIGRATIONS, DB_VERSION } from './migrations';
import { openIfCurrent } from './open-current';
import { defaultLocks, withUpgradeLock, type Locks } from './upgrade-lock';
import { throttleStepProgress, type ProgressListener } from './upgrade-progress';
import { scheduleBackup } from './upgrade-work/schedule';
import { UPGRADE_WORK_ID } from './upgrade-work/work-state';

export const DB_NAME = 'cadence';

export interface OpenOptions {
  name?: string;
  /** Stop at an older version: the migration tests build every historical shape this way. */
  version?: number;
  /**
   * Copy every row aside before an upgrade whose steps may change rows (./migrations/pre-migration-backup.ts).
   * Default true. The copy is made after the version change, before any row is changed (./upgrade-work).
   */
  backup?: boolean;
  /** Told what a long open is doing (backup copy, upgrade, waiting for another context). */
  onProgress?: ProgressListener;
  /** Serialises upgrades across contexts; defaults to `navigator.locks` (./upgrade-lock.ts). */
  locks?: Locks | null;
}

/**
 * Opens (and upgrades, step by step) the one Cadence database. A current database opens at once;
 * an older one is upgraded by one context at a time. The steps only create stores and indexes and
 * schedule the work that reads rows (the backup copy, the search index, the clip counts), which
 * runs after the version change, in batches (./upgrade-work/run-upgrade-work.ts): the side panel
 * opens within a second on a database of 100,000 clips (issue 20) instead of minutes.
 */
export async function openCadenceDb({
  name = DB_NAME,
  version = DB_VERSION,
  backup = true,
  onProgress = () => undefined,
  locks = defaultLocks(),
}: OpenOptions = {}): Promise<IDBPDatabase> {
  const current = await openIfCurrent(name, version);
  if (current) return current;
  if ((await storedVersion(name)) >= version) return openLadder(name, version, onProgress);
  return withUpgradeLock(name, { locks, onProgress }, async (report) => {
    // Read again under the lock: a context that waited finds the database upgraded by the holder.
    const stored = await storedVersion(name);
    if (stored >= version) return openLadder(name, version, onProgress);
    report({ phase: 'upgrade' });
    return openLadder(name, version, report, backup);
  });
}

/** Whether a step between the two versions may change rows (MigrationStep.keepsRows): only then is a backup copy made. */
function changesRows(fromVersion: number, toVersion: number): boolean {
  return MIGRATIONS.some((step) => step.version > fromVersion && step.version <= toVersion && !step.keepsRows);
}

async function openLadder(name: string, version: number, onProgress: ProgressListener, backup = false): Promise<IDBPDatabase> {
  let failure: unknown;
  const db = await openDB(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      tx.done.catch(() => undefined); // an abort below: the open request reports it, with `failure`
      // idb does not await this callback. A step that fails must abort the versionchange
      // transaction itself; otherwise the half-done upgrade commits under the new version number
      // and the step never runs again (the bench's "step 2 indexed 0 clips": zod threw mid-step).
      const to = newVersion ?? version;
      // The stores as they are, before any step adds one: the backup copies those (./upgrade-work/backup-copy.ts).
      const oldStores = [...db.objectStoreNames];
      const planBackup = backup && oldVersion > 0 && changesRows(oldVersion, to) ? scheduleBackup(tx, name, oldVersion, to, oldStores) : Promise.resolve();
      planBackup
        .then(() => runSteps(db, oldVersion, to, tx, onProgress))
        // A new database has no rows to copy, index or count: the work its steps scheduled is void.
        .then(() => (oldVersion === 0 ? tx.objectStore('meta').delete(UPGRADE_WORK_ID) : undefined))
        .catch((error: unknown) => {
          failure = error;
          try {
            tx.abort();
          } catch {
            // Already finished: the version is bumped regardless; the error below still says so.
          }
        });
    },
    blocked: () => onProgress({ phase: 'blocked' }),
    // Another context (an old side panel) holds an older version open: let it go so the upgrade can run.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
    },
  }).catch((error: unknown) => {
    throw failure === undefined ? error : upgradeFailed(failure, true);
  });
  if (failure !== undefined) {
    db.close();
    throw upgradeFailed(failure, false);
  }
  return db;
}

async function runSteps(
  db: IDBPDatabase,
  oldVersion: number,
  newVersion: number,
  tx: IDBPTransaction<unknown, string[], 'versionchange'>,
  onProgress: ProgressListener,
) {
  // One throttle for the whole ladder: a step's reports reach every waiting context (./upgrade-lock.ts).
  const report = throttleStepProgress((progress) => onProgress({ phase: 'step', ...progress }));
  for (const step of MIGRATIONS) {
    if (step.version <= oldVersion || step.version > newVersion) continue;
    try {
      await step.upgrade(db, tx, report);
    } catch (error) {
      throw new AppError('internal', `step ${step.version} (${step.description}): ${error instanceof Error ? error.message : String(error)}`, {
        step: step.version,
      });
    }
  }
}

function upgradeFailed(error: unknown, isRolledBack: boolean): AppError {
  const reason = error instanceof Error ? error.message : String(error);
  const outcome = isRolledBack ? 'Nothing was changed: your data stays as it was' : 'The upgrade is incomplete, but no row was deleted';
  return new AppError('internal', `Cadence could not upgrade its data (${reason}). ${outcome}, and the copy made before the upgrade is kept.`);
}
