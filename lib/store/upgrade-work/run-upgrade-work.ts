import type { IDBPDatabase } from 'idb';
import { pruneBackups } from '../migrations/pre-migration-backup';
import { tallyClipsBatch } from '../tally/building-tally';
import type { WriteTransaction } from '../transaction';
import { defaultLocks, type Locks } from '../upgrade-lock';
import { createBackupCopier, type BackupCopier } from './backup-copy';
import { clearOldTermsBatch, indexClipsBatch } from './index-task';
import { OLD_TERMS, REWRITES, UPGRADE_WORK_ID, workChannelName, workOfRow, type UpgradeWork, type WorkProgress, type WorkTask } from './work-state';

/**
 * Runs the upgrade work a version change left (./work-state.ts) to the end, a batch at a time.
 *
 * Invariants:
 * - One context at a time: the work holds a Web Lock, `<db>-upgrade-work`. Every context that
 *   opens the database asks for it (the worker, each side panel); the others wait in the lock's
 *   queue, so when the holder dies (panel closed, worker stopped) the next one resumes at once.
 * - Every batch commits its rows and its cursor together (one transaction over the rows' stores
 *   and `meta`; the backup's cursor lives in the backup database, with its rows): nothing is done
 *   twice or skipped, whenever a context dies.
 * - No task rewrites a row of a store the database had before the version change until that store
 *   is in the pre-migration backup (REWRITES, BackupCopier.hasCopied); those stores are copied first.
 *   A task that only fills a store the old version did not have (the tally after version 4, the
 *   index after version 1) runs before the copy.
 */
export interface UpgradeWorkOptions {
  /** `navigator.locks` in a browser; null where there is one context only (Node). */
  locks: Locks | null;
  /** After every batch, the task and how far; null once everything is done. */
  onProgress?: (progress: WorkProgress | null) => void;
  /** Clips per batch: small enough that the page stays responsive when the side panel runs it. */
  batchSize?: number;
  /** Rows per backup batch (a plain copy, cheaper per row). */
  backupBatchSize?: number;
  /** Between two batches: lets the page paint and the user's own transactions in. */
  pause?: () => Promise<void>;
  /** Before each batch, with its number: tests throw here to kill the work at a chosen point, or write as a user would. */
  beforeBatch?: (batch: number) => void | Promise<void>;
  now?: () => number;
}

const TASK_ORDER: readonly WorkTask[] = ['clip-counts', 'clip-search-index', 'old-terms-cleanup'];
const BATCH_FOR: Record<WorkTask, (tx: WriteTransaction, after: string | null, size: number) => Promise<{ last: string; clips: number } | null>> = {
  'clip-counts': tallyClipsBatch,
  'clip-search-index': indexClipsBatch,
  'old-terms-cleanup': clearOldTermsBatch,
};
/** The stores each task's batch reads and writes, with `meta` for its cursor. */
const scopeOf = (db: IDBPDatabase, task: WorkTask): string[] => {
  if (task === 'old-terms-cleanup') return [OLD_TERMS, 'meta'];
  const old = task === 'clip-search-index' && db.objectStoreNames.contains(OLD_TERMS) ? [OLD_TERMS] : [];
  return ['clips', REWRITES[task], ...old, 'meta'];
};

export const hasUpgradeWork = async (db: IDBPDatabase) => workOfRow(await db.get('meta', UPGRADE_WORK_ID)) !== null;

/** Resolves 'done' once no work is left, 'stopped' when this context's connection closed first (another one resumes). */
export async function runUpgradeWork(db: IDBPDatabase, options: UpgradeWorkOptions): Promise<'done' | 'stopped'> {
  if (!(await hasUpgradeWork(db))) return 'done';
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(workChannelName(db.name));
  const report = (progress: WorkProgress | null) => {
    options.onProgress?.(progress);
    channel?.postMessage({ progress });
  };
  try {
    if (!options.locks) return await work(db, options, report);
    return await options.locks.request(workChannelName(db.name), () => work(db, options, report));
  } finally {
    channel?.close();
  }
}

async function work(db: IDBPDatabase, options: UpgradeWorkOptions, report: (progress: WorkProgress | null) => void): Promise<'done' | 'stopped'> {
  const { batchSize = 500, backupBatchSize = 2000, pause = yieldToPage, now = Date.now } = options;
  let copier: BackupCopier | null = null;
  try {
    for (let batch = 0; ; batch++) {
      const work = workOfRow(await db.get('meta', UPGRADE_WORK_ID));
      if (!work) {
        report(null);
        return 'done';
      }
      await options.beforeBatch?.(batch);
      if (work.backup) copier ??= createBackupCopier(db, work.backup, now);
      const task = await runnableTask(work, copier);
      if (task) report(await taskBatch(db, task, batchSize));
      else if (work.backup && copier) {
        const step = await copier.step(backupBatchSize);
        report({ task: 'backup', done: step.copied, total: step.total });
        if (step.isSealed) {
          await updateWork(db, (current) => ({ ...current, backup: null }));
          copier.close();
          copier = null;
          await pruneBackups(db.name);
        }
      } else {
        // Tasks wait for a backup that is not planned: a damaged row. Run them rather than stop for good.
        await updateWork(db, (current) => ({ ...current, backup: null }));
      }
      await pause();
    }
  } catch (error) {
    // The connection closed under it (the page is going, or a newer version wants the database).
    if (error instanceof DOMException && error.name === 'InvalidStateError') return 'stopped';
    throw error;
  } finally {
    copier?.close();
  }
}

/**
 * A task's turn for whatever waits (input, paint, the user's own transactions). A message on a
 * channel, not `setTimeout`, which a page in a background tab may only run once a second.
 */
function yieldToPage(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((done) => setTimeout(done, 0));
  return new Promise((done) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      done();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * The first pending task whose rewritten store, if the old version had it, is in the backup
 * already. Emptying the old terms rows waits for the index built from them and the sealed copy.
 */
async function runnableTask(work: UpgradeWork, copier: BackupCopier | null): Promise<WorkTask | null> {
  for (const task of TASK_ORDER) {
    if (!work.tasks.some((state) => state.task === task)) continue;
    if (task === 'old-terms-cleanup' && (work.backup || work.tasks.some((state) => state.task === 'clip-search-index'))) continue;
    if (!copier || (await copier.hasCopied(REWRITES[task]))) return task;
  }
  return null;
}

/** One batch of `task`, its rows and its cursor in one transaction. */
async function taskBatch(db: IDBPDatabase, task: WorkTask, size: number): Promise<WorkProgress> {
  const tx = db.transaction(scopeOf(db, task), 'readwrite') as unknown as WriteTransaction;
  const meta = tx.objectStore('meta');
  const work = workOfRow(await meta.get(UPGRADE_WORK_ID));
  const state = work?.tasks.find((candidate) => candidate.task === task);
  if (!work || !state) {
    await tx.done;
    return { task, done: 0, total: 0 };
  }
  const total = state.total ?? 0;
  const result = await BATCH_FOR[task](tx, state.after, size).catch((error: unknown) => {
    // Nothing of a failed batch is kept: the cursor stays, and the next run redoes the batch.
    tx.done.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // Already finished: its requests were all made before the failure, the cursor not moved; redoing them changes nothing.
    }
    throw error;
  });
  const done = result ? state.done + result.clips : Math.max(state.done, total);
  const tasks = result
    ? work.tasks.map((candidate) => (candidate.task === task ? { task, after: result.last, done, total } : candidate))
    : work.tasks.filter((candidate) => candidate.task !== task);
  await putWork(meta, { ...work, tasks });
  await tx.done;
  return { task, done, total: Math.max(total, done) };
}

type MetaStore = { put(value: unknown): Promise<unknown>; delete(key: string): Promise<unknown> };
const putWork = (meta: MetaStore, work: UpgradeWork) => (work.tasks.length === 0 && !work.backup ? meta.delete(UPGRADE_WORK_ID) : meta.put(work));

async function updateWork(db: IDBPDatabase, change: (work: UpgradeWork) => UpgradeWork): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  const work = workOfRow(await tx.store.get(UPGRADE_WORK_ID));
  if (work) await putWork(tx.store as unknown as MetaStore, change(work));
  await tx.done;
}

/** How far the work is, as stored: for a context that opens while another runs it (the backup's own count is in its copy). */
export async function storedWorkProgress(db: IDBPDatabase): Promise<WorkProgress | null> {
  const work = workOfRow(await db.get('meta', UPGRADE_WORK_ID));
  if (!work) return null;
  const state = TASK_ORDER.flatMap((task) => work.tasks.filter((candidate) => candidate.task === task))[0];
  if (state) return { task: state.task, done: state.done, total: state.total ?? state.done };
  return { task: 'backup', done: 0, total: 0 };
}

/**
 * What a context does once its database is open: takes its turn at the work (often there is none,
 * one read). Never rejects: a failure is logged, the cursor stays where the last batch left it,
 * and the next context to open the database resumes from there.
 */
export function startUpgradeWork(db: IDBPDatabase, options: Partial<UpgradeWorkOptions> = {}): Promise<'done' | 'stopped' | 'failed'> {
  return runUpgradeWork(db, { locks: defaultLocks(), ...options }).catch((error: unknown) => {
    console.error('Cadence: the upgrade work stopped; the next start resumes it', error);
    return 'failed' as const;
  });
}
