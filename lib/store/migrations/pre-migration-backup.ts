import { deleteDB, openDB } from 'idb';
import { z } from 'zod';

/**
 * Before the database upgrades from an older version, every row of every store is copied into a
 * separate database, `<name>-backup-v<old version>` (so `cadence-backup-v1`), with the keys it had.
 * The last KEEP_BACKUPS complete ones are kept. A migration step that goes wrong can then be undone
 * by hand, whatever the step did.
 *
 * Invariants:
 * - The copy is made after the version change, which only adds stores and indexes, a batch at a
 *   time with its cursor (lib/store/upgrade-work/backup-copy.ts), and before any task rewrites a
 *   row of a store it copies (lib/store/upgrade-work/run-upgrade-work.ts). Issue 20: made before
 *   the version change, it kept the side panel on its opening screen for 74 s at 100,000 clips.
 * - The `__about` row is written last, in its own transaction: a backup without it was interrupted
 *   (context killed) and is never taken for a complete one. An interrupted copy resumes from its
 *   cursor; one no upgrade is pending for is deleted by `pruneBackups`.
 * - Sign-ins are never copied (issue 18, hole 7): a backup outlives Disconnect and Delete
 *   workspace, and a token kept there would outlive them too. The `credentials` store is created
 *   empty, so the copy keeps the old shape. Nothing is lost for a restore: no migration step
 *   touches `credentials` (lib/store/migrations), so the live store still holds every sign-in.
 *   Backups made by versions that did copy them are emptied by `purgeBackupCredentials`.
 */
export const KEEP_BACKUPS = 3;
const ABOUT = '__about';

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

/** The version `name` is stored at, 0 when it does not exist (without creating it). */
export async function storedVersion(name: string): Promise<number> {
  return (await indexedDB.databases()).find((info) => info.name === name)?.version ?? 0;
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
