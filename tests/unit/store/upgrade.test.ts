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
    // What zod did in the bench: its JIT, enabled while CDP evaluated the bundle, threw an EvalError
    // (CSP) when step 2 parsed the first clip. The upgrade committed with 0 clips indexed.
    vi.spyOn(clipSchema, 'safeParse').mockImplementation(() => {
      throw new EvalError('Evaluating a string as JavaScript violates the following Content Security Policy directive');
    });
    await expect(openStore()).rejects.toThrow(
      /could not upgrade its data \(step 2 .*EvalError|could not upgrade its data \(step 2 .*Content Security Policy.*Nothing was changed/,
    );
    vi.restoreAllMocks();

    const after = await openDB('cadence');
    expect(after.version).toBe(1);
    expect([...after.objectStoreNames]).not.toContain('clipTerms');
    expect(await after.count('clips')).toBe(4);
    // The sign-ins too: the backup holds none (issue 18), so the live store is where they survive.
    expect(await after.count('credentials')).toBe(1);
    after.close();

    // The next start runs step 2 again, and this time indexes every clip.
    const store = await openStore();
    expect(store.db.version).toBe(DB_VERSION);
    expect(await store.db.count('clipTerms')).toBe(4);
    expect(await store.db.getAllKeysFromIndex('clipTerms', TERM_INDEX, allOf('coffee'))).toHaveLength(4);
    store.close();
  });

  it('tells what it does: backup progress up to 100 %, then the upgrade, then steps 2 and 4 indexing every clip, then step 5 counting them', async () => {
    await writeVersion1(10);
    const seen: UpgradeProgress[] = [];
    (await openStore({ onProgress: (progress) => seen.push(progress), locks: createLocks() })).close();
    const backup = seen.filter((progress) => progress.phase === 'backup');
    // 21 rows less the one sign-in, which a backup never copies (issue 18).
    expect(backup[0]).toEqual({ phase: 'backup', copied: 0, total: 20 });
    expect(backup.at(-1)).toEqual({ phase: 'backup', copied: 20, total: 20 });
    const upgrade = seen.findIndex((progress) => progress.phase === 'upgrade');
    expect(seen.indexOf(backup.at(-1)!)).toBeLessThan(upgrade);
    // The count is known before the first clip is read, so the bar starts at 0 of 11, not at "Upgrading…" alone.
    const steps = seen.slice(upgrade + 1);
    expect(steps.slice(0, 2)).toEqual([
      { phase: 'step', task: 'clip-search-index', done: 0, total: 11 },
      { phase: 'step', task: 'clip-search-index', done: 11, total: 11 },
    ]);
    // Then step 4 converts the same 11 rows; its first report may fall within the 250 ms throttle, its last never does.
    const indexing = steps.filter((progress) => progress.phase === 'step' && progress.task === 'clip-search-index');
    expect(indexing.at(-1)).toEqual({ phase: 'step', task: 'clip-search-index', done: 11, total: 11 });
    expect(indexing.length).toBeLessThanOrEqual(4);
    // Step 5 counts the 11 clips for the queue: a new task's first report and every last one pass the throttle.
    expect(steps.slice(-2)).toEqual([
      { phase: 'step', task: 'clip-counts', done: 0, total: 11 },
      { phase: 'step', task: 'clip-counts', done: 11, total: 11 },
    ]);
  });

  it('two contexts opening at once: one backs up and upgrades, the other waits, relays its progress, and does neither again', async () => {
    await writeVersion1(50);
    const locks = createLocks();
    // Every context announces its own backup start and upgrade here (lib/store/upgrade-lock.ts).
    const announced: UpgradeProgress[] = [];
    const channel = new BroadcastChannel('cadence-upgrade');
    channel.onmessage = (event: MessageEvent<UpgradeProgress>) => announced.push(event.data);
    const first: UpgradeProgress[] = [];
    const second: UpgradeProgress[] = [];
    const [a, b] = await Promise.all([openStore({ locks, onProgress: (p) => first.push(p) }), openStore({ locks, onProgress: (p) => second.push(p) })]);
    expect([a.db.version, b.db.version]).toEqual([DB_VERSION, DB_VERSION]);
    a.close();
    b.close();

    // The steps' progress crosses contexts like the backup's: step 5's last report is the last message.
    await vi.waitFor(() => expect(announced.at(-1)).toEqual({ phase: 'step', task: 'clip-counts', done: 51, total: 51 }));
    channel.close();
    expect(announced.filter((p) => p.phase === 'backup' && p.copied === 0)).toHaveLength(1);
    expect(announced.filter((p) => p.phase === 'upgrade')).toHaveLength(1);
    expect(first.filter((p) => p.phase === 'upgrade')).toHaveLength(1);
    // The waiter said so, then showed the holder's progress.
    expect(second[0]).toEqual({ phase: 'waiting' });
    expect(second.some((p) => p.phase === 'backup')).toBe(true);
    expect((await indexedDB.databases()).map((info) => info.name).sort()).toEqual(['cadence', 'cadence-backup-v1']);
    expect(await isCompleteBackup(backupDbName('cadence', 1))).toBe(true);
  });

  it('makes no backup copy when every step to go keeps the rows as they are (step 7 only adds an index), and one when any may change them', async () => {
    const seen: UpgradeProgress[] = [];
    const old = await openCadenceDb({ version: 6 });
    await old.put('clips', makeClip({ id: 'clip_kept' }));
    old.close();
    const store = await openStore({ onProgress: (progress) => seen.push(progress), locks: null });
    expect(store.db.version).toBe(DB_VERSION);
    expect(seen.some((progress) => progress.phase === 'backup')).toBe(false);
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
  (await openCadenceDb({ name: 'other', locks: null })).close();
}
