import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { openIfCurrent } from '@/lib/store/open-current';
import { DB_VERSION } from '@/lib/store';
import { openCadenceDb } from '@/lib/store/open-db';

describe('openIfCurrent (issue 20: a current database opens in one request)', () => {
  it('opens a database that is at the version asked for, without asking for the list of databases', async () => {
    (await openCadenceDb()).close();
    const databases = vi.spyOn(indexedDB, 'databases');
    const db = await openIfCurrent('cadence', DB_VERSION);
    expect(db?.version).toBe(DB_VERSION);
    expect(db?.objectStoreNames.contains('clips')).toBe(true);
    db?.close();
    expect(databases).not.toHaveBeenCalled();
  });

  it('creates nothing when there is no database', async () => {
    expect(await openIfCurrent('cadence', DB_VERSION)).toBeNull();
    expect((await indexedDB.databases()).filter((info) => info.version)).toEqual([]);
  });

  it('leaves an older database as it was, and other connections hear no versionchange', async () => {
    const old = await openCadenceDb({ version: 3 });
    const versionchange = vi.fn();
    old.addEventListener('versionchange', versionchange);
    expect(await openIfCurrent('cadence', DB_VERSION)).toBeNull();
    expect(old.version).toBe(3);
    expect(versionchange).not.toHaveBeenCalled();
    old.close();
    const again = await openDB('cadence');
    expect(again.version).toBe(3);
    again.close();
  });

  it('openCadenceDb still upgrades a database it does not find current', async () => {
    (await openCadenceDb({ version: 3 })).close();
    const db = await openCadenceDb();
    expect(db.version).toBe(DB_VERSION);
    db.close();
  });
});
