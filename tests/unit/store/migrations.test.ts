import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, MIGRATIONS, STORE_NAMES, openStore } from '@/lib/store';
import { openCadenceDb } from '@/lib/store/open-db';

const fixture = (version: number) => resolve(__dirname, `../../fixtures/db/v${version}.json`);
const versions = MIGRATIONS.map((step) => step.version);

describe('the upgrade ladder', () => {
  it('numbers its steps 1…N with no gap', () => {
    expect(versions).toEqual(Array.from({ length: DB_VERSION }, (_, i) => i + 1));
  });

  it('has example data for every version', () => {
    for (const version of versions) expect(existsSync(fixture(version)), `tests/fixtures/db/v${version}.json`).toBe(true);
  });

  it.each(versions)('carries every row of a version-%i database to the current version, all valid', async (version) => {
    const rows = JSON.parse(readFileSync(fixture(version), 'utf8')) as Record<string, unknown[]>;
    const old = await openCadenceDb({ version });
    for (const [store, values] of Object.entries(rows)) for (const value of values) await old.put(store, value);
    old.close();

    const store = await openStore();
    expect(store.db.version).toBe(DB_VERSION);
    for (const name of STORE_NAMES) {
      const read = await store[name].list();
      expect(read.length, name).toBe(rows[name]?.length ?? 0);
      for (const row of read) expect(row.ok ? 'valid' : row.reason, `${name}/${row.key}`).toBe('valid');
    }
    store.close();
  });

  it('the latest example covers every store', () => {
    const rows = JSON.parse(readFileSync(fixture(DB_VERSION), 'utf8')) as Record<string, unknown[]>;
    for (const name of STORE_NAMES) expect(rows[name]?.length ?? 0, name).toBeGreaterThan(0);
  });
});
