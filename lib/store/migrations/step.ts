import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { StepProgress } from '../upgrade-progress';

/**
 * One step of the upgrade ladder: takes the database from `version - 1` to `version`.
 * Steps run inside the versionchange transaction, so they may only await IndexedDB requests.
 * A row a step cannot convert is left exactly as it was (it will read as flagged), never defaulted.
 * A step creates, renames and indexes stores only; work over the rows is scheduled
 * (lib/store/upgrade-work/schedule.ts) and runs after the version change, in batches: the side
 * panel waits for the version change alone (issue 20). Creating an index over a big store reads
 * every row (~1 s per 20,000 clips in Chromium): rename the store aside and index a new one instead.
 * `report` remains for a step that must read rows in the version change: none does today.
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
