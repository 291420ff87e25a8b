import { openDB, type IDBPDatabase } from 'idb';

/**
 * The database at its stored version, when that is `version`; null otherwise, and the caller goes
 * the long way (./open-db.ts: ask the stored version, take the lock, back up, run the steps).
 *
 * Invariants: no version is asked for, so no other context hears a `versionchange`; a database
 * that does not exist is not created (its upgrade is aborted at once); nothing is written.
 *
 * Why (issue 20): a side panel asked `indexedDB.databases()` before every open, and that one call
 * took ~50 ms of its start on a loaded 2-core machine (bench, page-side IndexedDB log), where the
 * open itself took ~1 ms. A current database, the usual case, now opens in one request.
 */
export async function openIfCurrent(name: string, version: number): Promise<IDBPDatabase | null> {
  const db = await openDB(name, undefined, {
    upgrade(_db, _oldVersion, _newVersion, tx) {
      tx.done.catch(() => undefined); // the abort below rejects it, and the open request says so
      tx.abort();
    },
    // As ./open-db.ts does: a context upgrading to a newer version must not wait on this panel.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
    },
  }).catch(() => null); // a new database (aborted) or a failed open: the long way says what is wrong
  if (!db || db.version === version) return db;
  db.close();
  return null;
}
