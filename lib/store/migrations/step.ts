import type { IDBPDatabase, IDBPTransaction } from 'idb';

/**
 * One step of the upgrade ladder: takes the database from `version - 1` to `version`.
 * Steps run inside the versionchange transaction, so they may only await IndexedDB requests.
 * A row a step cannot convert is left exactly as it was (it will read as flagged), never defaulted.
 */
export interface MigrationStep {
  version: number;
  description: string;
  upgrade(db: IDBPDatabase, tx: IDBPTransaction<unknown, string[], 'versionchange'>): void | Promise<void>;
}
