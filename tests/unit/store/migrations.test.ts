import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clipSchema } from '@/lib/model';
import { DB_VERSION, MIGRATIONS, STORE_NAMES, clipTermsOf, openStore, type StoreName } from '@/lib/store';
import { openCadenceDb } from '@/lib/store/open-db';

const fixture = (version: number) => resolve(__dirname, `../../fixtures/db/v${version}.json`);
const versions = MIGRATIONS.map((step) => step.version);
const latestRows = () => JSON.parse(readFileSync(fixture(DB_VERSION), 'utf8')) as Record<string, unknown[]>;
/** Stores a step fills from others: before that version, the fixture has no rows for them. */
const DERIVED_SINCE: Partial<Record<StoreName, { version: number; from: StoreName }>> = { clipTerms: { version: 2, from: 'clips' } };

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
      const derived = DERIVED_SINCE[name];
      // Step 4 counts the clips: the same rows as the latest example, whose clips are those of every version.
      const expected = name === 'clipTally' ? latestRows().clipTally!.length : derived && version < derived.version ? rows[derived.from]?.length : rows[name]?.length;
      expect(read.length, name).toBe(expected ?? 0);
      for (const row of read) expect(row.ok ? 'valid' : row.reason, `${name}/${row.key}`).toBe('valid');
    }
    store.close();
  });

  it('step 2 indexes the clips of a version-1 database, and leaves a damaged clip unindexed and untouched', async () => {
    const rows = JSON.parse(readFileSync(fixture(1), 'utf8')) as { clips: unknown[] };
    const old = await openCadenceDb({ version: 1 });
    for (const clip of rows.clips) await old.put('clips', clip);
    await old.put('clips', { id: 'broken', v: 1, title: 42 });
    old.close();

    const store = await openStore();
    const clip = clipSchema.parse(rows.clips[0]);
    expect(await store.db.get('clipTerms', clip.id)).toEqual(clipTermsOf(clip));
    expect(await store.db.getAllKeysFromIndex('clipTerms', 'by-term', 'coffee')).toEqual([clip.id]);
    expect(await store.db.get('clipTerms', 'broken')).toBeUndefined();
    expect(await store.db.get('clips', 'broken')).toEqual({ id: 'broken', v: 1, title: 42 });
    store.close();
  });

  it('the v2 example holds the terms row step 2 would build', () => {
    const rows = JSON.parse(readFileSync(fixture(2), 'utf8')) as { clips: unknown[]; clipTerms: unknown[] };
    expect(rows.clipTerms).toEqual(rows.clips.map((clip) => clipTermsOf(clipSchema.parse(clip))));
  });

  it.each(versions.filter((version) => version < 4))('step 4 counts the clips of a version-%i database as the latest example holds them', async (version) => {
    const rows = JSON.parse(readFileSync(fixture(version), 'utf8')) as Record<string, unknown[]>;
    const old = await openCadenceDb({ version });
    for (const [store, values] of Object.entries(rows)) for (const value of values) await old.put(store, value);
    await old.put('clips', { id: 'broken', v: 1, title: 42 });
    old.close();

    const store = await openStore();
    const expected = latestRows().clipTally as { id: string }[];
    const all = expected.find((row) => row.id === 'all');
    expect(await store.db.getAll('clipTally')).toEqual(expected.map((row) => (row === all ? { ...row, flagged: 1 } : row)));
    expect(await store.db.get('clips', 'broken')).toEqual({ id: 'broken', v: 1, title: 42 });
    store.close();
  });

  it('the latest example covers every store', () => {
    const rows = JSON.parse(readFileSync(fixture(DB_VERSION), 'utf8')) as Record<string, unknown[]>;
    for (const name of STORE_NAMES) expect(rows[name]?.length ?? 0, name).toBeGreaterThan(0);
  });
});
