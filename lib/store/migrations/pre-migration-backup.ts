import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import { z } from 'zod';

/**
 * Before the database upgrades from an older version, every row of every store is copied into a
 * separate database, `<name>-backup-v<old version>` (so `cadence-backup-v1`), with the keys it had.
 * The last KEEP_BACKUPS complete ones are kept. A migration step that goes wrong can then be undone
 * by hand, whatever the step did.
 *
 * Invariants:
 * - The copy is made with the old database closed again before the upgrade opens it, because an
 *   upgrade transaction may only await its own requests. The caller holds the upgrade lock
 *   (lib/store/upgrade-lock.ts), so no other context copies or upgrades meanwhile.
 * - Rows are copied in batches (one read and one write transaction per batch), so progress can be
 *   shown and memory stays flat at 100,000 clips.
 * - The `__about` row is written last, in its own transaction: a backup without it was interrupted
 *   (context killed) and is never taken for a complete one. It is discarded: an interrupted copy of
 *   the same version is redone at the next start, any other is deleted by `pruneBackups`.
 * - Sign-ins are never copied (issue 18, hole 7): a backup outlives Disconnect and Delete
 *   workspace, and a token kept there would outlive them too. The `credentials` store is created
 *   empty, so the copy keeps the old shape. Nothing is lost for a restore: no migration step
 *   touches `credentials` (lib/store/migrations), so the live store still holds every sign-in.
 *   Backups made by versions that did copy them are emptied by `purgeBackupCredentials`.
 */
export const KEEP_BACKUPS = 3;
const ABOUT = '__about';
/** Rows per transaction: large enough that transaction overhead vanishes, small enough for steady progress. */
const BATCH = 2000;

export const backupDbName = (name: string, version: number) => `${name}-backup-v${version}`;
/** Stores whose rows are never copied (see the invariants above). */
export const NOT_BACKED_UP: ReadonlySet<string> = new Set(['credentials']);

export const backupAboutSchema = z.object({
  id: z.literal('about'),
  source: z.string(),
  fromVersion: z.number().int(),
  toVersion: z.number().int(),
  createdAt: z.number(),
  rows: z.number().int().nonnegative(),
});
export type BackupAbout = z.infer<typeof backupAboutSchema>;

export interface BackupOptions {
  now?: () => number;
  /** Called after each batch with the rows copied so far and the rows to copy in all. */
  onProgress?: (copied: number, total: number) => void;
  batchSize?: number;
}

/** The version `name` is stored at, 0 when it does not exist (without creating it). */
export async function storedVersion(name: string): Promise<number> {
  return (await indexedDB.databases()).find((info) => info.name === name)?.version ?? 0;
}

/** Returns the backup's name, or null when there was nothing to back up (new or current database). */
export async function backupBeforeUpgrade(
  name: string,
  toVersion: number,
  { now = Date.now, onProgress, batchSize = BATCH }: BackupOptions = {},
): Promise<string | null> {
  const fromVersion = await storedVersion(name);
  if (fromVersion === 0 || fromVersion >= toVersion) return null;

  const target = backupDbName(name, fromVersion);
  await deleteDB(target); // a backup of the same version from an earlier, interrupted start: redone from today's rows
  const source = await openDB(name);
  try {
    const stores = [...source.objectStoreNames];
    const copiedStores = stores.filter((store) => !NOT_BACKED_UP.has(store));
    const total = await countRows(source, copiedStores);
    const backup = await openDB(target, 1, {
      upgrade(db) {
        for (const store of [...stores, ABOUT]) db.createObjectStore(store);
      },
    });
    try {
      let copied = 0;
      onProgress?.(0, total);
      for (const store of copiedStores) {
        copied += await copyStore(source, backup, store, batchSize, (rows) => onProgress?.(copied + rows, total));
      }
      const about: BackupAbout = { id: 'about', source: name, fromVersion, toVersion, createdAt: now(), rows: copied };
      const seal = backup.transaction(ABOUT, 'readwrite', { durability: 'strict' });
      await Promise.all([seal.store.put(about, 'about'), seal.done]);
    } finally {
      backup.close();
    }
  } finally {
    source.close();
  }
  await pruneBackups(name);
  return target;
}

async function countRows(db: IDBPDatabase, stores: string[]): Promise<number> {
  if (stores.length === 0) return 0;
  const tx = db.transaction(stores);
  const counts = await Promise.all(stores.map((store) => tx.objectStore(store).count()));
  return counts.reduce((sum, count) => sum + count, 0);
}

interface Batch {
  keys: IDBValidKey[];
  values: unknown[];
}

/** Copies one store batch by batch; the next batch is read while the last one is written. Returns the rows copied. */
async function copyStore(source: IDBPDatabase, backup: IDBPDatabase, store: string, size: number, onBatch: (rows: number) => void): Promise<number> {
  const read = async (after: IDBValidKey | undefined): Promise<Batch> => {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const tx = source.transaction(store);
    const [keys, values] = await Promise.all([tx.store.getAllKeys(range, size), tx.store.getAll(range, size)]);
    return { keys, values };
  };
  let rows = 0;
  let next = read(undefined);
  for (;;) {
    const { keys, values } = await next;
    if (keys.length === 0) return rows;
    next = keys.length < size ? Promise.resolve({ keys: [], values: [] }) : read(keys[keys.length - 1]);
    // Relaxed: the backup is only trusted once sealed by the strictly durable `__about` row.
    const tx = backup.transaction(store, 'readwrite', { durability: 'relaxed' });
    for (let i = 0; i < keys.length; i++) void tx.store.put(values[i], keys[i]);
    await tx.done;
    rows += keys.length;
    onBatch(rows);
  }
}

/** Whether `dbName` is a backup whose copy finished (its `__about` row was written). */
export async function isCompleteBackup(dbName: string): Promise<boolean> {
  const db = await openDB(dbName);
  try {
    return db.objectStoreNames.contains(ABOUT) && backupAboutSchema.safeParse(await db.get(ABOUT, 'about')).success;
  } finally {
    db.close();
  }
}

/** The backups of `name` that exist, by name. */
async function backupNames(name: string): Promise<string[]> {
  const prefix = backupDbName(name, 0).slice(0, -1);
  return (await indexedDB.databases()).map((info) => info.name ?? '').filter((db) => db.startsWith(prefix) && /^\d+$/.test(db.slice(prefix.length)));
}

/**
 * Empties the `credentials` store of every backup of `name`: backups made before issue 18 copied
 * sign-ins. Run at every background start and on Disconnect; returns how many rows it removed.
 */
export async function purgeBackupCredentials(name: string): Promise<number> {
  let removed = 0;
  for (const dbName of await backupNames(name)) {
    const db = await openDB(dbName);
    if (db.objectStoreNames.length === 0) {
      // Deleted since it was listed: this open made an empty one again.
      db.close();
      await deleteDB(dbName);
      continue;
    }
    try {
      for (const store of NOT_BACKED_UP) {
        if (!db.objectStoreNames.contains(store)) continue;
        const tx = db.transaction(store, 'readwrite', { durability: 'strict' });
        const count = await tx.store.count();
        if (count > 0) await tx.store.clear();
        await tx.done;
        removed += count;
      }
    } finally {
      db.close();
    }
  }
  return removed;
}

/** Deletes interrupted backups of `name`, then keeps the newest KEEP_BACKUPS complete ones (highest old version). */
export async function pruneBackups(name: string): Promise<void> {
  const prefix = backupDbName(name, 0).slice(0, -1);
  const versions = (await indexedDB.databases())
    .map((info) => info.name ?? '')
    .filter((db) => db.startsWith(prefix) && /^\d+$/.test(db.slice(prefix.length)))
    .map((db) => Number(db.slice(prefix.length)))
    .sort((a, b) => b - a);
  const complete: number[] = [];
  for (const version of versions) {
    if (await isCompleteBackup(backupDbName(name, version))) complete.push(version);
    else await deleteDB(backupDbName(name, version));
  }
  for (const version of complete.slice(KEEP_BACKUPS)) await deleteDB(backupDbName(name, version));
}
