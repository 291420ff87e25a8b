import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { backupDbName, KEEP_BACKUPS, pruneBackups, type BackupAbout } from '@/lib/backup/pre-migration';
import { DB_VERSION, openStore } from '@/lib/store';
import { openCadenceDb } from '@/lib/store/open-db';

const v1 = JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/db/v1.json'), 'utf8')) as Record<string, unknown[]>;

async function names(): Promise<string[]> {
  return (await indexedDB.databases()).map((info) => info.name ?? '').sort();
}

describe('the automatic backup before a schema upgrade', () => {
  it('copies every row of a version-1 database into cadence-backup-v1 before upgrading it', async () => {
    const old = await openCadenceDb({ version: 1 });
    for (const [store, rows] of Object.entries(v1)) for (const row of rows) await old.put(store, row);
    old.close();

    const store = await openStore();
    expect(store.db.version).toBe(DB_VERSION);
    store.close();

    const backup = await openDB(backupDbName('cadence', 1));
    for (const [name, rows] of Object.entries(v1)) expect(await backup.getAll(name), name).toEqual(rows);
    expect([...backup.objectStoreNames]).not.toContain('clipTerms'); // the copy has the old shape
    const about = (await backup.get('__about', 'about')) as BackupAbout;
    expect(about).toMatchObject({ source: 'cadence', fromVersion: 1, toVersion: DB_VERSION, rows: Object.values(v1).flat().length });
    backup.close();
  });

  it('makes no backup for a new database or one already current', async () => {
    (await openStore()).close();
    (await openStore()).close();
    expect(await names()).toEqual(['cadence']);
  });

  it(`keeps only the newest ${KEEP_BACKUPS}`, async () => {
    for (const version of [1, 2, 3, 4, 5]) (await openDB(backupDbName('cadence', version), 1, { upgrade: (db) => void db.createObjectStore('x') })).close();
    await pruneBackups('cadence');
    expect(await names()).toEqual(['cadence-backup-v3', 'cadence-backup-v4', 'cadence-backup-v5']);
  });
});
