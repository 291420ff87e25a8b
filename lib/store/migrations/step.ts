import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { StepProgress } from '../upgrade-progress';

/**
 * One step of the upgrade ladder: takes the database from `version - 1` to `version`.
 * Steps run inside the versionchange transaction, so they may only await IndexedDB requests.
 * A row a step cannot convert is left exactly as it was (it will read as flagged), never defaulted.
 * A step that reads a whole store reports how far it is (`report`, throttled by the caller), so a
 * long upgrade shows progress rather than a bare "Upgrading…".
 */
export interface MigrationStep {
  version: number;
  description: string;
  /**
   * Set on a step that reads, rewrites and deletes no row: it only adds stores or indexes, which
   * IndexedDB builds from the rows as they are. An upgrade made only of such steps needs no
   * pre-migration backup copy (./pre-migration-backup.ts): there is nothing to undo, and the copy
   * is what kept the side panel on "Opening Cadence…" for minutes on a big database (issue 20).
   */
  keepsRows?: true;
  upgrade(db: IDBPDatabase, tx: IDBPTransaction<unknown, string[], 'versionchange'>, report: (progress: StepProgress) => void): void | Promise<void>;
}
