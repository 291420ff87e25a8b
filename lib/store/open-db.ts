import { openDB, type IDBPDatabase } from 'idb';
import { MIGRATIONS, DB_VERSION } from './migrations';

export const DB_NAME = 'cadence';

export interface OpenOptions {
  name?: string;
  /** Stop at an older version: the migration tests build every historical shape this way. */
  version?: number;
}

/** Opens (and upgrades, step by step) the one Cadence database. */
export function openCadenceDb({ name = DB_NAME, version = DB_VERSION }: OpenOptions = {}): Promise<IDBPDatabase> {
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
