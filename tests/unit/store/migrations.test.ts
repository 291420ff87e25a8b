import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { clipSchema, type Clip } from '@/lib/model';
import { DB_VERSION, MIGRATIONS, STORE_NAMES, clipTermsOf, openStore, type StoreName } from '@/lib/store';
import { openCadenceDb } from '@/lib/store/open-db';
import { TERM_INDEX, allOf } from '@/lib/store/search/term-index';
import { termsOfRow } from '@/lib/store/search/terms';
import { makeClip } from '../factories';
import { finishUpgrade } from './finish-upgrade';

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
    await finishUpgrade(store.db);
    for (const name of STORE_NAMES) {
      const read = await store[name].list();
      const derived = DERIVED_SINCE[name];
      // Step 4 counts the clips: the same rows as the latest example, whose clips are those of every version.
      const expected =
        name === 'clipTally' ? latestRows().clipTally!.length : derived && version < derived.version ? rows[derived.from]?.length : rows[name]?.length;
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
    // The version change only made the store: the clips are indexed after it (lib/store/upgrade-work).
    expect(await store.db.count('clipTerms')).toBe(0);
    await finishUpgrade(store.db);
    const clip = clipSchema.parse(rows.clips[0]);
    expect(await store.db.get('clipTerms', clip.id)).toEqual(clipTermsOf(clip));
    expect(await store.db.getAllKeysFromIndex('clipTerms', TERM_INDEX, allOf('coffee'))).toEqual([clip.id]);
    expect(await store.db.get('clipTerms', 'broken')).toBeUndefined();
    expect(await store.db.get('clips', 'broken')).toEqual({ id: 'broken', v: 1, title: 42 });
    store.close();
  });

  it('step 2 indexes every valid clip after the version change, batch by batch, keeps damaged ones as they were, and reports from the first batch to every clip', async () => {
    const clips = Array.from({ length: 2500 }, (_, i) => makeClip({ id: `clip_${String(i).padStart(4, '0')}`, title: `coffee ${i}` }));
    // Damaged rows at a batch's first and last place and in the middle of another.
    const damaged = new Map<string, unknown>([
      ['clip_0000', { id: 'clip_0000', v: 1, title: 42 }],
      ['clip_0999', { id: 'clip_0999', v: 1, tags: 'not a list' }],
      ['clip_1500', { id: 'clip_1500' }],
    ]);
    const old = await openCadenceDb({ version: 1 });
    const tx = old.transaction('clips', 'readwrite');
    for (const clip of clips) void tx.store.put(damaged.get(clip.id) ?? clip);
    await tx.done;
    old.close();

    const db = await openCadenceDb({ backup: false });
    const seen = await finishUpgrade(db, { batchSize: 1000 });
    expect(await db.count('clipTerms')).toBe(clips.length - damaged.size);
    for (const clip of clips) {
      if (damaged.has(clip.id)) {
        expect(await db.get('clipTerms', clip.id)).toBeUndefined();
        expect(await db.get('clips', clip.id)).toEqual(damaged.get(clip.id));
      } else {
        expect(await db.get('clipTerms', clip.id)).toEqual(clipTermsOf(clip));
      }
    }
    db.close();
    // The counts first (a new store, small work), then the index; one report per batch, then null: done.
    const indexing = seen.filter((progress) => progress?.task === 'clip-search-index');
    expect(indexing.map((progress) => progress!.done)).toEqual([1000, 2000, 2500, 2500]);
    expect(indexing.every((progress) => progress!.total === 2500)).toBe(true);
    expect(seen.findIndex((progress) => progress?.task === 'clip-counts')).toBeLessThan(seen.indexOf(indexing[0]!));
    expect(seen.at(-1)).toBeNull();
  }, 30_000); // 2,500 clips indexed: 1–3 s alone, past 5 s on a loaded 2-core machine

  it('step 4 pairs the terms of a version-3 database with capturedAt and the workspaces, segmenting no text again', async () => {
    const rows = JSON.parse(readFileSync(fixture(3), 'utf8')) as { clips: Clip[]; clipTerms: unknown[] };
    const clip = clipSchema.parse(rows.clips[0]);
    const other = makeClip({ workspaceIds: ['ws_a', 'ws_b'], title: 'Roastery' });
    const filedNowhere = makeClip({ workspaceIds: [], title: 'Orphan' });
    const damaged = makeClip({ title: 'Damaged terms' });
    // Version 3 rows: words and facets, no workspace terms.
    const v3Terms = (row: Clip) => ({ id: row.id, terms: termsOfRow(clipTermsOf(row)).filter((term) => !term.startsWith('\u0001workspace:')) });
    const old = await openCadenceDb({ version: 3 });
    for (const row of [clip, other, filedNowhere, damaged]) await old.put('clips', row);
    await old.put('clipTerms', rows.clipTerms[0]);
    await old.put('clipTerms', v3Terms(other));
    await old.put('clipTerms', v3Terms(filedNowhere));
    await old.put('clipTerms', { id: damaged.id, terms: 'not a list' });
    await old.put('clipTerms', { id: 'clip_gone', terms: ['coffee'] });
    old.close();
    // What one clip's text costs to segment, to tell that only the damaged row's clip was.
    const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
    clipTermsOf(damaged);
    const perClip = segment.mock.calls.length;
    segment.mockClear();

    // Up to step 4 only.
    const db = await openCadenceDb({ version: 4, backup: false });
    await finishUpgrade(db);
    expect(segment.mock.calls.length).toBe(perClip); // only the damaged row's clip was indexed from its text
    segment.mockRestore();
    for (const row of [clip, other, filedNowhere, damaged]) expect(await db.get('clipTerms', row.id)).toEqual(clipTermsOf(row));
    expect(await db.get('clipTerms', 'clip_gone')).toBeUndefined();
    expect(await db.getAllKeysFromIndex('clipTerms', TERM_INDEX, allOf('\u0001workspace:ws_b'))).toEqual([other.id]);
    expect(await db.getAllKeysFromIndex('clipTerms', TERM_INDEX, allOf('\u0001workspace:'))).toEqual([filedNowhere.id]);
    expect(await db.getAllKeysFromIndex('clipTerms', TERM_INDEX, allOf('coffee'))).toEqual([clip.id]);
    expect([...db.transaction('clipTerms').store.indexNames]).toEqual([TERM_INDEX]);
    db.close();
  });

  it('steps 4 and 5 say how far they are, the counts first, each up to every clip', async () => {
    const clips = Array.from({ length: 1200 }, (_, i) => makeClip({ id: `clip_${String(i).padStart(4, '0')}`, title: `roast ${i}` }));
    const old = await openCadenceDb({ version: 3 });
    const tx = old.transaction(['clips', 'clipTerms'], 'readwrite');
    for (const clip of clips) {
      void tx.objectStore('clips').put(clip);
      void tx.objectStore('clipTerms').put({ id: clip.id, terms: termsOfRow(clipTermsOf(clip)).filter((term) => !term.startsWith('\u0001workspace:')) });
    }
    await tx.done;
    old.close();
    const db = await openCadenceDb({ backup: false });
    const seen = await finishUpgrade(db, { batchSize: 500 });
    db.close();
    const indexing = seen.filter((progress) => progress?.task === 'clip-search-index');
    const counting = seen.filter((progress) => progress?.task === 'clip-counts');
    expect(counting.map((progress) => progress!.done)).toEqual([500, 1000, 1200, 1200]);
    expect(indexing.map((progress) => progress!.done)).toEqual([500, 1000, 1200, 1200]);
    expect(seen.indexOf(counting.at(-1)!)).toBeLessThan(seen.indexOf(indexing[0]!));
  }, 30_000);

  it("the latest example holds the terms rows today's code builds", () => {
    const rows = JSON.parse(readFileSync(fixture(DB_VERSION), 'utf8')) as { clips: unknown[]; clipTerms: unknown[] };
    expect(rows.clipTerms).toEqual(rows.clips.map((clip) => clipTermsOf(clipSchema.parse(clip))));
  });

  it.each(versions.filter((version) => version < 4))('step 4 counts the clips of a version-%i database as the latest example holds them', async (version) => {
    const rows = JSON.parse(readFileSync(fixture(version), 'utf8')) as Record<string, unknown[]>;
    const old = await openCadenceDb({ version });
    for (const [store, values] of Object.entries(rows)) for (const value of values) await old.put(store, value);
    await old.put('clips', { id: 'broken', v: 1, title: 42 });
    old.close();

    const store = await openStore();
    await finishUpgrade(store.db);
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
