import { deleteDB, openDB } from 'idb';

/**
 * Before the database upgrades from an older version, every row of every store is copied into a
 * separate database, `<name>-backup-v<old version>` (so `cadence-backup-v1`), with the keys it had.
 * The last KEEP_BACKUPS of them are kept. A migration step that goes wrong can then be undone by
 * hand, whatever the step did. The copy is made with the old database closed again before the
 * upgrade opens it, because an upgrade transaction may only await its own requests.
 */
export const KEEP_BACKUPS = 3;
const ABOUT = '__about';

export const backupDbName = (name: string, version: number) => `${name}-backup-v${version}`;

export interface BackupAbout {
  id: 'about';
  source: string;
  fromVersion: number;
  toVersion: number;
  createdAt: number;
  rows: number;
}

/** Returns the backup's name, or null when there was nothing to back up (new or current database). */
export async function backupBeforeUpgrade(name: string, toVersion: number, now: () => number = Date.now): Promise<string | null> {
  const existing = (await indexedDB.databases()).find((info) => info.name === name);
  const fromVersion = existing?.version ?? 0;
  if (fromVersion === 0 || fromVersion >= toVersion) return null;

  const source = await openDB(name);
  const names = [...source.objectStoreNames];
  const tx = source.transaction(names);
  const rows = await Promise.all(
    names.map(async (store) => {
      const [keys, values] = await Promise.all([tx.objectStore(store).getAllKeys(), tx.objectStore(store).getAll()]);
      return { store, keys, values };
    }),
  );
  await tx.done;
  source.close();

  const target = backupDbName(name, fromVersion);
  await deleteDB(target); // a backup of the same version from an earlier, interrupted upgrade
  const backup = await openDB(target, 1, {
    upgrade(db) {
      for (const store of [...names, ABOUT]) db.createObjectStore(store);
    },
  });
  const write = backup.transaction([...names, ABOUT], 'readwrite');
  const count = rows.reduce((sum, { values }) => sum + values.length, 0);
  const about: BackupAbout = { id: 'about', source: name, fromVersion, toVersion, createdAt: now(), rows: count };
  await Promise.all([
    ...rows.flatMap(({ store, keys, values }) => values.map((value, i) => write.objectStore(store).put(value, keys[i]))),
    write.objectStore(ABOUT).put(about, 'about'),
    write.done,
  ]);
  backup.close();
  await pruneBackups(name);
  return target;
}

/** Keeps the newest KEEP_BACKUPS backups (highest old version) of `name`. */
export async function pruneBackups(name: string): Promise<void> {
  const prefix = backupDbName(name, 0).slice(0, -1);
  const versions = (await indexedDB.databases())
    .map((info) => info.name ?? '')
    .filter((db) => db.startsWith(prefix) && /^\d+$/.test(db.slice(prefix.length)))
    .map((db) => Number(db.slice(prefix.length)))
    .sort((a, b) => b - a);
  for (const version of versions.slice(KEEP_BACKUPS)) await deleteDB(backupDbName(name, version));
}
