import type { IDBPTransaction } from 'idb';
import { backupDbName } from '../migrations/pre-migration-backup';
import { OLD_TERMS, REWRITES, UPGRADE_WORK_ID, workOfRow, type UpgradeWork, type WorkTask } from './work-state';

type VersionChange = IDBPTransaction<unknown, string[], 'versionchange'>;

async function readWork(tx: VersionChange): Promise<UpgradeWork> {
  return workOfRow(await tx.objectStore('meta').get(UPGRADE_WORK_ID)) ?? { id: UPGRADE_WORK_ID, backup: null, tasks: [] };
}

/**
 * Called by a migration step, inside the versionchange transaction: `task` runs after the version
 * change, from its first clip. A task already pending (from an upgrade cut off earlier, or an
 * earlier step of this one) starts again from the beginning, since the new step may need every
 * row done again by today's rules.
 */
export async function scheduleTask(tx: VersionChange, task: WorkTask): Promise<void> {
  const work = await readWork(tx);
  // Counted now, so the panel says "0 of 100,000 clips" from the start.
  const total = task === 'old-terms-cleanup' ? await tx.objectStore(OLD_TERMS).count() : await clipCount(tx);
  const tasks = [...work.tasks.filter((state) => state.task !== task), { task, after: null, done: 0, total }];
  await tx.objectStore('meta').put({ ...work, tasks } satisfies UpgradeWork);
}

const counts = new WeakMap<VersionChange, Promise<number>>();

/** The clips, counted once per version change (~50 ms per 20,000 clips in Chromium, and every step that schedules work needs it). */
export function clipCount(tx: VersionChange): Promise<number> {
  let count = counts.get(tx);
  if (!count) counts.set(tx, (count = tx.objectStore('clips').count()));
  return count;
}

/** Called by a step that renames a store to keep its rows aside: a planned backup copies them from there, under the old name. */
export async function backUpFrom(tx: VersionChange, store: string, renamed: string): Promise<void> {
  const work = await readWork(tx);
  if (!work.backup) return;
  await tx.objectStore('meta').put({ ...work, backup: { ...work.backup, sources: { ...work.backup.sources, [store]: renamed } } } satisfies UpgradeWork);
}

/**
 * Called by the ladder before the steps of an upgrade that may change rows: the pre-migration
 * backup copy of the stores as they are (`stores`, the database's stores before the version
 * change) is made after it, in batches. The stores a task rewrites are copied first, so that task
 * can start early. A copy still pending from an earlier upgrade is kept: it holds older rows.
 */
export async function scheduleBackup(tx: VersionChange, name: string, fromVersion: number, toVersion: number, stores: string[]): Promise<void> {
  const work = await readWork(tx);
  if (work.backup) return;
  const rewritten = new Set(Object.values(REWRITES));
  const ordered = [...stores.filter((store) => rewritten.has(store)), ...stores.filter((store) => !rewritten.has(store))];
  const token = `${fromVersion}-${toVersion}-${Math.random().toString(36).slice(2)}`;
  const backup = { name: backupDbName(name, fromVersion), fromVersion, toVersion, stores: ordered, sources: {}, token };
  await tx.objectStore('meta').put({ ...work, backup } satisfies UpgradeWork);
}
