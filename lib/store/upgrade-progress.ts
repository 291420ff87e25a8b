import { z } from 'zod';

/**
 * What a context opening the database is waiting for, so the side panel can say it instead of
 * "Opening Cadence…" for the many seconds a large upgrade takes (issue: backup at 100k clips ≈ 11 s).
 * It crosses contexts on a BroadcastChannel (./upgrade-lock.ts), so it has a schema.
 */
const count = z.number().int().nonnegative();

/** A long migration step says what it does by a code; the side panel words it (components/shell/OpeningScreen.tsx). */
export const stepTaskSchema = z.enum(['clip-search-index', 'clip-counts']);
export type StepTask = z.infer<typeof stepTaskSchema>;

/** How far a long step is: `done` of `total` rows, counted in the versionchange transaction before it starts. */
export const stepProgressSchema = z.object({ task: stepTaskSchema, done: count, total: count });
export type StepProgress = z.infer<typeof stepProgressSchema>;

export const upgradeProgressSchema = z.discriminatedUnion('phase', [
  /** Another context (the worker, another panel) holds the upgrade; its progress follows if it sends any. */
  z.object({ phase: z.literal('waiting') }),
  /** Rows copied into the pre-migration backup so far, of `total`. */
  z.object({ phase: z.literal('backup'), copied: count, total: count }),
  /** The backup is complete; the migration steps run. */
  z.object({ phase: z.literal('upgrade') }),
  /** A step's own progress (step 2 indexing every clip takes tens of seconds at 100,000 clips). */
  stepProgressSchema.extend({ phase: z.literal('step') }),
  /** An open connection of an older Cadence page does not let go of the database. */
  z.object({ phase: z.literal('blocked') }),
]);
export type UpgradeProgress = z.infer<typeof upgradeProgressSchema>;
export type ProgressListener = (progress: UpgradeProgress) => void;

/** Often enough for a bar that moves, rarely enough that waiting contexts are not flooded. */
export const STEP_PROGRESS_EVERY_MS = 250;

/**
 * Passes a step's first and last report and a new task's first at once, the ones between at most
 * every `intervalMs`: a step reports after every batch, and each report is a BroadcastChannel
 * message to every waiting context and a render of the opening screen.
 */
export function throttleStepProgress(
  listener: (progress: StepProgress) => void,
  { intervalMs = STEP_PROGRESS_EVERY_MS, now = () => performance.now() }: { intervalMs?: number; now?: () => number } = {},
): (progress: StepProgress) => void {
  let last: { task: StepTask; at: number } | null = null;
  return (progress) => {
    const at = now();
    const isDue = !last || last.task !== progress.task || progress.done >= progress.total || at - last.at >= intervalMs;
    if (!isDue) return;
    last = { task: progress.task, at };
    listener(progress);
  };
}
