import { openDB, type IDBPDatabase } from 'idb';
import { backupBeforeUpgrade } from '../backup/pre-migration';
import { MIGRATIONS, DB_VERSION } from './migrations';

export const DB_NAME = 'cadence';

export interface OpenOptions {
  name?: string;
  /** Stop at an older version: the migration tests build every historical shape this way. */
  version?: number;
  /** Copy every row aside before upgrading an older database (lib/backup/pre-migration.ts). Default true. */
  backup?: boolean;
}

/** Opens (and upgrades, step by step) the one Cadence database. */
export async function openCadenceDb({ name = DB_NAME, version = DB_VERSION, backup = true }: OpenOptions = {}): Promise<IDBPDatabase> {
  if (backup) {
    // A failed copy must not lock the user out of their data: the steps keep rows they cannot read anyway.
    await backupBeforeUpgrade(name, version).catch((error: unknown) => console.error('Cadence: the backup before the upgrade failed', error));
  }
  return openDB(name, version, {
    async upgrade(db, oldVersion, newVersion, tx) {
      for (const step of MIGRATIONS) {
        if (step.version > oldVersion && step.version <= (newVersion ?? version)) await step.upgrade(db, tx);
      }
    },
    // Another context (an old side panel) holds an older version open: let it go so the upgrade can run.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
    },
  });
}
