import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backupDbName, isCompleteBackup } from '@/lib/store/migrations/pre-migration-backup';
import { clipSchema } from '@/lib/model';
import { DB_VERSION, openStore } from '@/lib/store';
import { openCadenceDb } from '@/lib/store/open-db';
import { TERM_INDEX, allOf } from '@/lib/store/search/term-index';
import type { Locks } from '@/lib/store/upgrade-lock';
import type { UpgradeProgress } from '@/lib/store/upgrade-progress';
import { makeClip } from '../factories';
import { finishUpgrade } from './finish-upgrade';
import { step002 } from '@/lib/store/migrations/002-clip-search';
import { UPGRADE_WORK_ID } from '@/lib/store/upgrade-work/work-state';

const v1 = JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/db/v1.json'), 'utf8')) as Record<string, unknown[]>;

async function writeVersion1(extraClips = 0) {
  const old = await openCadenceDb({ version: 1 });
  for (const [store, rows] of Object.entries(v1)) for (const row of rows) await old.put(store, row);
  for (let i = 0; i < extraClips; i++) await old.put('clips', makeClip({ id: `clip_extra_${i}`, title: `coffee ${i}` }));
  old.close();
}

/**
 * Web Locks as browsers grant them (exclusive, FIFO, `ifAvailable` answers null at once): Node 22
 * has no `navigator.locks`. A fake for the coordination logic; the real one runs in
 * tests/e2e/upgrade.e2e.ts.
 */
function createLocks(): Locks {
  const held = new Set<string>();
  const waiting = new Map<string, (() => void)[]>();
  const acquire = (name: string) => {
    if (!held.has(name)) {
      held.add(name);
      return Promise.resolve();
    }
    return new Promise<void>((granted) => waiting.set(name, [...(waiting.get(name) ?? []), granted]));
  };
  const release = (name: string) => {
    const [next, ...rest] = waiting.get(name) ?? [];
    waiting.set(name, rest);
    if (next) next();
    else held.delete(name);
  };
  const request = async (name: string, ...args: unknown[]) => {
    const [options, callback] = (args.length === 1 ? [{}, args[0]] : args) as [{ ifAvailable?: boolean }, (lock: unknown) => Promise<unknown>];
    if (options.ifAvailable && held.has(name)) return callback(null);
    await acquire(name);
    try {
      return await callback({ name });
    } finally {
      release(name);
    }
  };
  return { request } as unknown as Locks;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('upgrading an older database', () => {
  it('a step that throws rolls the whole upgrade back: the database stays at its version, every row kept', async () => {
    await writeVersion1(3);
    // A step failing inside the versionchange transaction (as zod's JIT once did in the bench, with an EvalError under the CSP).
    vi.spyOn(step002, 'upgrade').mockImplementation(() => {
      throw new EvalError('Evaluating a string as JavaScript violates the following Content Security Policy directive');
    });
    await expect(openStore()).rejects.toThrow(/could not upgrade its data \(step 2 .*Content Security Policy.*Nothing was changed/);
    vi.restoreAllMocks();

    const after = await openDB('cadence');
    expect(after.version).toBe(1);
    expect([...after.objectStoreNames]).not.toContain('clipTerms');
    expect(await after.count('clips')).toBe(4);
    // The sign-ins too: the backup holds none (issue 18), so the live store is where they survive.
    expect(await after.count('credentials')).toBe(1);
    expect(await after.get('meta', UPGRADE_WORK_ID)).toBeUndefined();
    after.close();

    // The next start runs step 2 again; the work after it indexes every clip.
    const store = await openStore();
    expect(store.db.version).toBe(DB_VERSION);
    await finishUpgrade(store.db);
    expect(await store.db.count('clipTerms')).toBe(4);
    expect(await store.db.getAllKeysFromIndex('clipTerms', TERM_INDEX, allOf('coffee'))).toHaveLength(4);
    store.close();
  });

  it('a batch that throws after the version change commits nothing of itself: the next run resumes from the last batch, every clip indexed', async () => {
    await writeVersion1(30);
    const store = await openStore({ locks: null });
    let parses = 0;
    const parse = clipSchema.safeParse.bind(clipSchema);
    // What zod did in the bench, now in a batch: the 15th clip parsed for the index throws.
    vi.spyOn(clipSchema, 'safeParse').mockImplementation((raw) => {
      if (++parses === 15) throw new EvalError('Evaluating a string as JavaScript violates the Content Security Policy');
      return parse(raw);
    });
    await expect(finishUpgrade(store.db, { batchSize: 10 })).rejects.toThrow(/Content Security Policy/);
    vi.restoreAllMocks();
    // The counts were done first (they parse too: the throw came in the index's second batch or the counts' second).
    const work = await store.db.get('meta', UPGRADE_WORK_ID);
    expect(work).toBeDefined();
    await finishUpgrade(store.db, { batchSize: 10 });
    expect(await store.db.get('meta', UPGRADE_WORK_ID)).toBeUndefined();
    expect(await store.db.count('clipTerms')).toBe(31);
    expect((await store.db.get('clipTally', 'all')) as { clips: number }).toMatchObject({ clips: 31 });
    store.close();
  });

  it('the version change says only that it upgrades; the work after it reports the counts, the index and the backup, each up to its total', async () => {
    await writeVersion1(10);
    const seen: UpgradeProgress[] = [];
    const store = await openStore({ onProgress: (progress) => seen.push(progress), locks: createLocks() });
    expect(seen).toEqual([{ phase: 'upgrade' }]);
    const work = await finishUpgrade(store.db, { locks: createLocks() });
    store.close();
    // Version 1 had neither store the counts and the index fill: they run first; the backup after
    // them; emptying the old terms rows (none, from version 1) waits for the sealed backup.
    const tasks = work.flatMap((progress) => (progress && progress.task !== work[work.indexOf(progress) - 1]?.task ? [progress.task] : []));
    expect(tasks).toEqual(['clip-counts', 'clip-search-index', 'backup', 'old-terms-cleanup']);
    expect(work.filter((progress) => progress?.task === 'clip-counts').at(-1)).toEqual({ task: 'clip-counts', done: 11, total: 11 });
    expect(work.filter((progress) => progress?.task === 'clip-search-index').at(-1)).toEqual({ task: 'clip-search-index', done: 11, total: 11 });
    // 21 rows less the one sign-in, which a backup never copies (issue 18).
    expect(work.filter((progress) => progress?.task === 'backup').at(-1)).toEqual({ task: 'backup', done: 20, total: 20 });
    expect(work.at(-1)).toBeNull();
  });

  it('two contexts opening at once: one upgrades, the other waits and does not again; one runs the work, the other waits for it and finds none left', async () => {
    await writeVersion1(50);
    const locks = createLocks();
    const announced: unknown[] = [];
    const channel = new BroadcastChannel('cadence-upgrade');
    channel.onmessage = (event: MessageEvent<unknown>) => announced.push(event.data);
    const second: UpgradeProgress[] = [];
    const [a, b] = await Promise.all([openStore({ locks }), openStore({ locks, onProgress: (p) => second.push(p) })]);
    expect([a.db.version, b.db.version]).toEqual([DB_VERSION, DB_VERSION]);
    expect(second[0]).toEqual({ phase: 'waiting' });
    await vi.waitFor(() => expect(announced).toEqual([{ phase: 'upgrade' }]));
    channel.close();

    const [first, other] = await Promise.all([finishUpgrade(a.db, { locks, batchSize: 10 }), finishUpgrade(b.db, { locks, batchSize: 10 })]);
    // The first took the lock and did every batch; the second, queued behind it, found nothing left.
    expect(first.filter((progress) => progress?.task === 'backup').at(-1)).toEqual({ task: 'backup', done: 60, total: 60 });
    expect(other).toEqual([null]);
    a.close();
    b.close();
    expect((await indexedDB.databases()).map((info) => info.name).sort()).toEqual(['cadence', 'cadence-backup-v1']);
    expect(await isCompleteBackup(backupDbName('cadence', 1))).toBe(true);
  });

  it('makes no backup copy when every step to go keeps the rows as they are (step 7 only adds an index), and one when any may change them', async () => {
    const old = await openCadenceDb({ version: 6 });
    await old.put('clips', makeClip({ id: 'clip_kept' }));
    old.close();
    const store = await openStore({ locks: null });
    expect(store.db.version).toBe(DB_VERSION);
    expect(await store.db.get('meta', UPGRADE_WORK_ID)).toBeUndefined();
    expect((await indexedDB.databases()).map((info) => info.name)).toEqual(['cadence']);
    expect((await store.clips.get('clip_kept'))?.ok).toBe(true);
    store.close();

    await upgradeVersion5Elsewhere();
    expect((await indexedDB.databases()).map((info) => info.name).sort()).toEqual(['cadence', 'other', 'other-backup-v5']);
  });
});

/** A version-5 database named `other`, upgraded: steps 6 and 7 are to go, and step 6 is not marked as keeping rows. */
async function upgradeVersion5Elsewhere() {
  const old = await openCadenceDb({ name: 'other', version: 5 });
  await old.put('clips', makeClip({ id: 'clip_other' }));
  old.close();
  const db = await openCadenceDb({ name: 'other', locks: null });
  await finishUpgrade(db);
  db.close();
}
