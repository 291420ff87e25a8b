import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import {
  backupDbName,
  isCompleteBackup,
  KEEP_BACKUPS,
  pruneBackups,
  purgeBackupCredentials,
  type BackupAbout,
} from '@/lib/store/migrations/pre-migration-backup';
import { DB_VERSION, openStore } from '@/lib/store';
import { openCadenceDb } from '@/lib/store/open-db';
import { makeClip } from '../factories';
import { finishUpgrade } from './finish-upgrade';

const v1 = JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/db/v1.json'), 'utf8')) as Record<string, unknown[]>;
/** Rows a backup copies: every row but the sign-ins (issue 18). */
const v1Rows = Object.entries(v1).flatMap(([store, rows]) => (store === 'credentials' ? [] : rows)).length;

async function names(): Promise<string[]> {
  return (await indexedDB.databases()).map((info) => info.name ?? '').sort();
}

async function writeVersion1(extraClips = 0) {
  const old = await openCadenceDb({ version: 1 });
  for (const [store, rows] of Object.entries(v1)) for (const row of rows) await old.put(store, row);
  for (let i = 0; i < extraClips; i++) await old.put('clips', makeClip({ id: `clip_extra_${i}`, capturedAt: 1_700_000_000_000 + i }));
  old.close();
}

/** A backup database; without `complete` as a context killed halfway through the copy leaves it: some rows, no `__about`. */
async function writeBackup(version: number, { complete }: { complete: boolean }) {
  const db = await openDB(backupDbName('cadence', version), 1, {
    upgrade(db) {
      for (const store of ['clips', '__about']) db.createObjectStore(store);
    },
  });
  await db.put('clips', { id: 'stale' }, 'stale');
  const about: BackupAbout = { id: 'about', source: 'cadence', fromVersion: version, toVersion: version + 1, createdAt: 0, rows: 1 };
  if (complete) await db.put('__about', about, 'about');
  db.close();
}

describe('the automatic backup before a schema upgrade', () => {
  it('copies every row of a version-1 database into cadence-backup-v1 before upgrading it', async () => {
    await writeVersion1();
    const store = await openStore();
    expect(store.db.version).toBe(DB_VERSION);
    await finishUpgrade(store.db);
    store.close();

    const backup = await openDB(backupDbName('cadence', 1));
    for (const [name, rows] of Object.entries(v1)) expect(await backup.getAll(name), name).toEqual(name === 'credentials' ? [] : rows);
    expect([...backup.objectStoreNames]).not.toContain('clipTerms'); // the copy has the old shape
    const about = (await backup.get('__about', 'about')) as BackupAbout;
    expect(about).toMatchObject({ source: 'cadence', fromVersion: 1, toVersion: DB_VERSION, rows: v1Rows });
    backup.close();
    expect(await isCompleteBackup(backupDbName('cadence', 1))).toBe(true);
  });

  it('never copies a sign-in (issue 18): the backup outlives Disconnect; the live store keeps them, as no step migrates them', async () => {
    await writeVersion1();
    const store = await openStore();
    await finishUpgrade(store.db);
    expect(await store.db.getAll('credentials')).toEqual(v1.credentials); // upgraded in place, sign-ins and all
    store.close();
    const backup = await openDB(backupDbName('cadence', 1));
    expect([...backup.objectStoreNames]).toContain('credentials');
    expect(await backup.count('credentials')).toBe(0);
    backup.close();
  });

  it('empties the sign-ins of backups made before issue 18, keeping the rest', async () => {
    const db = await openDB(backupDbName('cadence', 3), 1, {
      upgrade(up) {
        for (const store of ['clips', 'credentials', '__about']) up.createObjectStore(store);
      },
    });
    await db.put('clips', { id: 'kept' }, 'kept');
    await db.put('credentials', v1.credentials![0], 'acct_bsky');
    db.close();
    expect(await purgeBackupCredentials('cadence')).toBe(1);
    const after = await openDB(backupDbName('cadence', 3));
    expect([await after.count('credentials'), await after.count('clips')]).toEqual([0, 1]);
    after.close();
    expect(await purgeBackupCredentials('cadence')).toBe(0);
  });

  it('copies in batches after the version change, keys and all, and reports its progress up to the total', async () => {
    await writeVersion1(25);
    const db = await openCadenceDb();
    const seen = await finishUpgrade(db, { backupBatchSize: 4 });
    db.close();
    const name = backupDbName('cadence', 1);
    const progress = seen.flatMap((report): [number, number][] => (report?.task === 'backup' ? [[report.done, report.total]] : []));
    const total = v1Rows + 25;
    expect(progress.every(([, all]) => all === total)).toBe(true);
    expect(progress.at(-1)).toEqual([total, total]);
    expect(progress.map(([copied]) => copied)).toEqual([...progress.map(([copied]) => copied)].sort((a, b) => a - b));
    expect(progress.length).toBeGreaterThan(8); // 26 clips in batches of 4 alone make 7

    const source = await openDB('cadence');
    const backup = await openDB(name);
    expect(await backup.getAllKeys('clips')).toEqual(await source.getAllKeys('clips'));
    expect(await backup.getAll('clips')).toEqual(await source.getAll('clips'));
    source.close();
    backup.close();
  });

  it('never takes an interrupted copy for a complete one: it is discarded and redone at the next start', async () => {
    await writeVersion1();
    await writeBackup(1, { complete: false });
    expect(await isCompleteBackup(backupDbName('cadence', 1))).toBe(false);

    const store = await openStore();
    await finishUpgrade(store.db);
    store.close();
    const backup = await openDB(backupDbName('cadence', 1));
    expect(await backup.getAllKeys('clips')).toEqual(['clip_1']);
    expect(await backup.get('__about', 'about')).toMatchObject({ rows: v1Rows });
    backup.close();
  });

  it('makes no backup for a new database or one already current', async () => {
    (await openStore()).close();
    (await openStore()).close();
    expect(await names()).toEqual(['cadence']);
  });

  it(`keeps only the newest ${KEEP_BACKUPS} complete ones and deletes interrupted ones`, async () => {
    for (const version of [1, 2, 3, 4, 5]) await writeBackup(version, { complete: true });
    await writeBackup(6, { complete: false });
    await pruneBackups('cadence');
    expect(await names()).toEqual(['cadence-backup-v3', 'cadence-backup-v4', 'cadence-backup-v5']);
  });
});
