import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { clipSchema, type Clip } from '@/lib/model';
import { clipTermsOf, createStore, openStore } from '@/lib/store';
import { backupDbName, isCompleteBackup } from '@/lib/store/migrations/pre-migration-backup';
import { openCadenceDb } from '@/lib/store/open-db';
import { termsOfRow } from '@/lib/store/search/terms';
import { rowOfTally } from '@/lib/store/tally/clip-tally';
import { tallyEveryClip } from '@/lib/store/tally/tally-clip-changes';
import type { WriteTransaction } from '@/lib/store/transaction';
import { runUpgradeWork } from '@/lib/store/upgrade-work/run-upgrade-work';
import { OLD_TERMS, UPGRADE_WORK_ID } from '@/lib/store/upgrade-work/work-state';
import { makeClip } from '../factories';

/**
 * The upgrade's work after the version change (lib/store/upgrade-work), killed between batches at
 * every point and resumed by a new connection each time, as a closed side panel or a stopped
 * worker leaves it; and with a user writing clips between batches. Real kills mid-transaction, in
 * Chromium, are in tests/e2e/upgrade-background.e2e.ts.
 */
const CLIPS = 1200;
class Killed extends Error {}

function clips(): Clip[] {
  return Array.from({ length: CLIPS }, (_, i) =>
    makeClip({
      id: `clip_${String(i).padStart(5, '0')}`,
      title: `${['espresso', 'roastery', 'harvest'][i % 3]} ${i}`,
      workspaceIds: i % 5 === 0 ? [] : ['ws_a'],
      tags: i % 7 === 0 ? ['beans'] : [],
      status: i % 11 === 0 ? 'archived' : 'new',
      capturedAt: 1_700_000_000_000 + i,
    }),
  );
}

/** A version-2 database as users had it: clips (one damaged), terms rows `{ id, terms }` (one whose clip is gone), a sign-in. */
async function writeVersion2(): Promise<unknown[]> {
  const db = await openCadenceDb({ version: 2, backup: false });
  const valid = clips();
  const rows: unknown[] = [...valid, { id: 'clip_damaged', v: 1, title: 42 }];
  const tx = db.transaction(['clips', 'clipTerms', 'credentials'], 'readwrite');
  for (const clip of valid) {
    void tx.objectStore('clips').put(clip);
    void tx.objectStore('clipTerms').put({ id: clip.id, terms: termsOfRow(clipTermsOf(clip)).filter((term) => !term.startsWith('\u0001workspace:')) });
  }
  void tx.objectStore('clips').put(rows.at(-1));
  void tx.objectStore('clipTerms').put({ id: 'clip_gone', terms: ['espresso'] });
  void tx.objectStore('credentials').put({ accountId: 'acct_1', secret: 'never copied' });
  await tx.done;
  db.close();
  return rows;
}

/** Runs the work in a new connection until it is killed before batch `killAt` (or ends). */
async function runUntil(killAt: number, write?: (db: IDBPDatabase) => Promise<void>): Promise<'done' | 'killed'> {
  const db = await openCadenceDb({ locks: null });
  try {
    await runUpgradeWork(db, {
      locks: null,
      batchSize: 100,
      backupBatchSize: 250,
      pause: () => Promise.resolve(),
      beforeBatch: async (batch) => {
        if (batch === killAt) throw new Killed();
        await write?.(db);
      },
    });
    return 'done';
  } catch (error) {
    if (error instanceof Killed) return 'killed';
    throw error;
  } finally {
    db.close();
  }
}

/** The database once the work is done, checked against what every part of it must hold. */
async function expectComplete(originals: unknown[]) {
  const store = await openStore({ locks: null });
  const db = store.db;
  expect(await db.get('meta', UPGRADE_WORK_ID)).toBeUndefined();
  // Every clip as it was, the damaged one too.
  const stored = await db.getAll('clips');
  expect(stored).toEqual([...originals].sort((a, b) => ((a as Clip).id < (b as Clip).id ? -1 : 1)));
  // Every valid clip indexed by today's rules; none for the damaged clip or the one gone.
  const valid = stored.flatMap((raw) => {
    const clip = clipSchema.safeParse(raw);
    return clip.success ? [clip.data] : [];
  });
  expect(await db.getAll('clipTerms')).toEqual(valid.map(clipTermsOf));
  // The counts, as counting every clip afresh gives them.
  const tx = db.transaction(['clips', 'clipTally'], 'readwrite') as unknown as WriteTransaction;
  const fresh = [...(await tallyEveryClip(tx)).values()].map(rowOfTally).sort((a, b) => (a.id < b.id ? -1 : 1));
  expect((await tx.objectStore('clipTally').getAll()).map(sorted)).toEqual(fresh.map(sorted));
  await tx.done;
  // The old terms rows emptied, once copied.
  expect(await db.count(OLD_TERMS)).toBe(0);
  store.close();
  // The backup: complete, the clips and the old terms rows as they were before the version change, no sign-in.
  const name = backupDbName('cadence', 2);
  expect(await isCompleteBackup(name)).toBe(true);
  const backup = await openDB(name);
  expect(await backup.count('clips')).toBe(CLIPS + 1);
  expect(await backup.count('clipTerms')).toBe(CLIPS + 1);
  expect(await backup.get('clipTerms', 'clip_gone')).toEqual({ id: 'clip_gone', terms: ['espresso'] });
  expect(await backup.count('credentials')).toBe(0);
  expect([...backup.objectStoreNames]).not.toContain('clipTally');
  backup.close();
}

describe('the upgrade work, killed and resumed', () => {
  it.each([1, 3, 7])(
    'killed every %i batches, each time in a new connection, resumes and loses nothing',
    async (every) => {
      const originals = await writeVersion2();
      let runs = 0;
      while ((await runUntil(every)) === 'killed') {
        runs++;
        if (runs > 500) throw new Error('the work never ends: it restarts instead of resuming');
      }
      // About 60 batches in all (counts 13, index 13, backup 14, emptying the old rows 13, seals and ends): each run resumed where the last stopped.
      expect(runs).toBeGreaterThanOrEqual(Math.floor(50 / every));
      expect(runs).toBeLessThanOrEqual(Math.ceil(70 / every));
      await expectComplete(originals);
      await deleteDB(backupDbName('cadence', 2));
    },
    60_000,
  );

  it('a user writing clips between batches (new ones behind and ahead of the cursors, edits, a deletion) ends with counts and index that match the clips', async () => {
    await writeVersion2();
    // Counted across runs: the writes land at different points of different tasks.
    let overall = 0;
    const writes = async (db: IDBPDatabase) => {
      const batch = ++overall;
      const store = createStore(db);
      if (batch === 2) await store.clips.put(makeClip({ id: 'clip_00000a', title: 'espresso behind the cursor', capturedAt: 1 }));
      if (batch === 4) await store.clips.put(makeClip({ id: 'clip_99999', title: 'espresso ahead of every cursor', capturedAt: 2 }));
      if (batch === 6) await store.clips.update('clip_00001', (clip) => clip && { ...clip, status: 'archived', tags: ['edited'] });
      if (batch === 8) await store.clips.delete('clip_00002');
      if (batch === 20) await store.clips.update('clip_01100', (clip) => clip && { ...clip, title: 'edited during the index' });
      if (batch === 30) await store.clips.put(makeClip({ id: 'clip_00500a', title: 'espresso during the backup' }));
    };
    // Killed every 11th batch of each run, so about six runs.
    let runs = 0;
    while ((await runUntil(11, writes)) === 'killed') runs++;
    expect(runs).toBeGreaterThan(0);
    const db = await openCadenceDb({ locks: null });
    const all = await db.getAll('clips');
    db.close();
    expect(all.map((clip) => (clip as Clip).id)).toContain('clip_00000a');
    expect(all.map((clip) => (clip as Clip).id)).not.toContain('clip_00002');
    await expectCompleteAgainst(all);
  }, 60_000);
});

/** A tally row with its counts in one order: built batch by batch or in one go, the same counts come in another. */
const sorted = (row: unknown) => {
  const { statusKinds, tags, sites, ...rest } = row as Record<string, [string, number][]>;
  const order = (counts: [string, number][]) => [...counts!].sort(([a], [b]) => (a < b ? -1 : 1));
  return { ...rest, statusKinds: order(statusKinds!), tags: order(tags!), sites: order(sites!) };
};

/** As expectComplete, for clips the user changed: index and counts match the clips as they are now. */
async function expectCompleteAgainst(current: unknown[]) {
  const store = await openStore({ locks: null });
  const db = store.db;
  expect(await db.get('meta', UPGRADE_WORK_ID)).toBeUndefined();
  const valid = current.flatMap((raw) => {
    const clip = clipSchema.safeParse(raw);
    return clip.success ? [clip.data] : [];
  });
  expect(await db.getAll('clipTerms')).toEqual(valid.map(clipTermsOf));
  const tx = db.transaction(['clips', 'clipTally'], 'readwrite') as unknown as WriteTransaction;
  const fresh = [...(await tallyEveryClip(tx)).values()].map(rowOfTally).sort((a, b) => (a.id < b.id ? -1 : 1));
  expect((await tx.objectStore('clipTally').getAll()).map(sorted)).toEqual(fresh.map(sorted));
  await tx.done;
  store.close();
}
