import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import { z } from 'zod';
import { NOT_BACKED_UP, type BackupAbout } from '../migrations/pre-migration-backup';
import { UPGRADE_WORK_ID, type BackupPlan } from './work-state';

/**
 * The pre-migration backup copy, made after the version change, a batch at a time (issue 20: it
 * took 74 s at 100,000 clips, all of it before the side panel could open).
 *
 * Invariants:
 * - Each batch is written with the copy's cursor (the `progress` row of `__about`) in one
 *   transaction of the backup database: a context killed between two batches resumes after the
 *   last batch that committed, and copies no row twice or never.
 * - The rows are the rows of the stores the database had before the version change: the version
 *   change only added stores and indexes, and no task rewrites a row of a store before that store
 *   is copied (./run-upgrade-work.ts). A row the user edits meanwhile is copied as they left it,
 *   if it was not copied yet: it is theirs either way.
 * - The copy is sealed by the `about` row, written last in its own strictly durable transaction,
 *   as before: a backup without it is never taken for complete (lib/store/migrations/pre-migration-backup.ts).
 * - A copy whose progress row carries another plan's token (an older, abandoned copy) is deleted and begun again.
 */
const ABOUT = '__about';

const progressSchema = z.object({
  token: z.string(),
  /** The store being copied: an index into the plan's stores. */
  store: z.number().int().nonnegative(),
  /** The last key copied from it; null before its first batch. */
  after: z.unknown(),
  copied: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
type Progress = z.infer<typeof progressSchema>;

export interface BackupCopier {
  /** Copies the next batch (or seals the copy once everything is copied). */
  step(size: number): Promise<{ copied: number; total: number; isSealed: boolean }>;
  /** Whether every row of `store` is in the copy already (or the store is not copied at all). */
  hasCopied(store: string): Promise<boolean>;
  close(): void;
}

export function createBackupCopier(source: IDBPDatabase, plan: BackupPlan, now: () => number = Date.now): BackupCopier {
  let opened: Promise<IDBPDatabase> | undefined;
  const open = () => (opened ??= openCopy(source, plan));
  const progressOf = async (backup: IDBPDatabase) => progressSchema.parse(await backup.get(ABOUT, 'progress'));
  const sourceOf = (store: string) => plan.sources[store] ?? store;
  const skipUncopied = (progress: Progress): Progress => {
    let { store, after } = progress;
    while (store < plan.stores.length && (NOT_BACKED_UP.has(plan.stores[store]!) || !source.objectStoreNames.contains(sourceOf(plan.stores[store]!)))) {
      store++;
      after = null;
    }
    return { ...progress, store, after };
  };
  return {
    async hasCopied(store) {
      // A live store of the plan's names whose old rows were renamed aside holds none of them: nothing to wait for.
      if (sourceOf(store) !== store) return true;
      // A store's rows renamed aside: the copy has them once their old name is copied.
      const old = Object.entries(plan.sources).find(([, renamed]) => renamed === store)?.[0] ?? store;
      const index = plan.stores.indexOf(old);
      if (index === -1 || NOT_BACKED_UP.has(old)) return true;
      return skipUncopied(await progressOf(await open())).store > index;
    },
    async step(size) {
      const backup = await open();
      const progress = skipUncopied(await progressOf(backup));
      if (progress.store >= plan.stores.length) {
        if (!(await backup.get(ABOUT, 'about'))) {
          const about: BackupAbout = {
            id: 'about',
            source: source.name,
            fromVersion: plan.fromVersion,
            toVersion: plan.toVersion,
            createdAt: now(),
            rows: progress.copied,
          };
          const seal = backup.transaction(ABOUT, 'readwrite', { durability: 'strict' });
          await Promise.all([seal.store.put(about, 'about'), seal.done]);
        }
        return { copied: progress.copied, total: progress.total, isSealed: true };
      }
      const name = plan.stores[progress.store]!;
      const range = progress.after === null ? undefined : IDBKeyRange.lowerBound(progress.after, true);
      const read = source.transaction(sourceOf(name));
      const [keys, values] = await Promise.all([read.store.getAllKeys(range, size), read.store.getAll(range, size)]);
      const isStoreDone = keys.length < size;
      const copiedKeys = keys.filter((key) => !isWorkRow(name, key)).length;
      const next: Progress = {
        ...progress,
        store: isStoreDone ? progress.store + 1 : progress.store,
        after: isStoreDone ? null : keys.at(-1)!,
        copied: progress.copied + copiedKeys,
        total: Math.max(progress.total, progress.copied + copiedKeys),
      };
      // Relaxed: the copy is only trusted once sealed by the strictly durable `about` row.
      const write = backup.transaction([name, ABOUT], 'readwrite', { durability: 'relaxed' });
      for (let i = 0; i < keys.length; i++) if (!isWorkRow(name, keys[i]!)) void write.objectStore(name).put(values[i], keys[i]);
      void write.objectStore(ABOUT).put(next, 'progress');
      await write.done;
      return { copied: next.copied, total: next.total, isSealed: false };
    },
    close() {
      void opened?.then((db) => db.close()).catch(() => undefined);
    },
  };
}

/** The upgrade's own cursor row (./work-state.ts): written by the version change, not a row of the old version. */
const isWorkRow = (store: string, key: IDBValidKey) => store === 'meta' && key === UPGRADE_WORK_ID;

/** The copy of `plan`, resumed when it is this plan's, else begun again: empty stores of the old shape, the cursor at the start. */
async function openCopy(source: IDBPDatabase, plan: BackupPlan): Promise<IDBPDatabase> {
  const existing = await openDB(plan.name);
  const isOurs = existing.objectStoreNames.contains(ABOUT) && progressSchema.safeParse(await existing.get(ABOUT, 'progress')).data?.token === plan.token;
  existing.close();
  if (isOurs) return openDB(plan.name);
  await deleteDB(plan.name);
  const backup = await openDB(plan.name, 1, {
    upgrade(db) {
      for (const store of [...plan.stores, ABOUT]) db.createObjectStore(store);
    },
  });
  const copied = plan.stores.filter((store) => !NOT_BACKED_UP.has(store) && source.objectStoreNames.contains(plan.sources[store] ?? store));
  const counts = await Promise.all(copied.map((store) => source.count(plan.sources[store] ?? store)));
  // Less the upgrade's own cursor row in `meta` (isWorkRow).
  counts.push(copied.includes('meta') && (await source.getKey('meta', UPGRADE_WORK_ID)) !== undefined ? -1 : 0);
  const start: Progress = { token: plan.token, store: 0, after: null, copied: 0, total: counts.reduce((sum, n) => sum + n, 0) };
  await backup.put(ABOUT, start, 'progress');
  return backup;
}
