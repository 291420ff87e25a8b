import { z } from 'zod';

/**
 * The upgrade work still to do after a version change (issue 20, "Upgrades never lock the user
 * out"), kept as one row of the `meta` store. The versionchange transaction only creates stores and
 * indexes and writes this row (./schedule.ts); the rows are copied, indexed and counted afterwards
 * in batches (./run-upgrade-work.ts), each batch in one transaction with this row's new cursor, so
 * a context killed between two batches resumes exactly where the last one committed.
 */
export const UPGRADE_WORK_ID = 'upgrade-work';

const count = z.number().int().nonnegative();

/** The batched tasks, in the order they run; the backup copy is interleaved (./run-upgrade-work.ts). */
export const workTaskSchema = z.enum(['clip-counts', 'clip-search-index', 'old-terms-cleanup']);
export type WorkTask = z.infer<typeof workTaskSchema>;

export const taskStateSchema = z.object({
  task: workTaskSchema,
  /** The last clip id this task has handled; null before its first batch. */
  after: z.string().nullable(),
  done: count,
  /** Clips to handle, counted at the first batch; null before it. */
  total: count.nullable(),
});
export type TaskState = z.infer<typeof taskStateSchema>;

export const backupPlanSchema = z.object({
  /** The pre-migration backup database (`cadence-backup-v<fromVersion>`). */
  name: z.string(),
  fromVersion: z.number().int().positive(),
  toVersion: z.number().int().positive(),
  /** The stores the database had before the version change, the ones later tasks rewrite first. */
  stores: z.array(z.string()),
  /** A store a step renamed to keep its rows aside (step 4: `clipTerms` → OLD_TERMS): copied from there, under its old name. */
  sources: z.record(z.string(), z.string()).default({}),
  /** Ties the backup database to this plan: a copy with another token is an older one, redone. */
  token: z.string(),
});
export type BackupPlan = z.infer<typeof backupPlanSchema>;

export const upgradeWorkSchema = z.object({
  id: z.literal(UPGRADE_WORK_ID),
  /** Null once the copy is sealed, or when none was wanted. */
  backup: backupPlanSchema.nullable(),
  tasks: z.array(taskStateSchema),
});
export type UpgradeWork = z.infer<typeof upgradeWorkSchema>;

/**
 * Where step 4 keeps the terms rows of versions 2–3: renamed aside in the version change (a few
 * milliseconds, where deleting and creating the index over 100,000 rows took ~17 s), read from by
 * the index task, emptied once the backup holds them (issue 20).
 */
export const OLD_TERMS = 'clipTermsBeforeV4';

/** Which store each task may rewrite rows of: those rows must be in the backup first, if the store existed before. */
export const REWRITES: Record<WorkTask, string> = { 'clip-counts': 'clipTally', 'clip-search-index': 'clipTerms', 'old-terms-cleanup': OLD_TERMS };

/** The row as stored, or null when there is no work (or the row is damaged: then nothing can resume, and the read paths rebuild). */
export function workOfRow(raw: unknown): UpgradeWork | null {
  const work = upgradeWorkSchema.safeParse(raw);
  return work.success ? work.data : null;
}

/** What a context shows while the work runs: the task under way and how far it is. */
export const workProgressSchema = z.object({
  task: z.enum(['backup', ...workTaskSchema.options]),
  done: count,
  total: count,
});
export type WorkProgress = z.infer<typeof workProgressSchema>;

/** Where the running context announces progress; `null` means the work is finished. */
export const workChannelName = (dbName: string) => `${dbName}-upgrade-work`;
export const workMessageSchema = z.object({ progress: workProgressSchema.nullable() });
