import { z } from 'zod';

/**
 * What a context opening the database is waiting for, so the side panel can say it instead of
 * "Opening Cadence…" for the many seconds a large upgrade takes (issue: backup at 100k clips ≈ 11 s).
 * It crosses contexts on a BroadcastChannel (./upgrade-lock.ts), so it has a schema.
 */
export const upgradeProgressSchema = z.discriminatedUnion('phase', [
  /** Another context (the worker, another panel) holds the upgrade; its progress follows if it sends any. */
  z.object({ phase: z.literal('waiting') }),
  /** Rows copied into the pre-migration backup so far, of `total`. */
  z.object({ phase: z.literal('backup'), copied: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  /** The backup is complete; the migration steps run. */
  z.object({ phase: z.literal('upgrade') }),
  /** An open connection of an older Cadence page does not let go of the database. */
  z.object({ phase: z.literal('blocked') }),
]);
export type UpgradeProgress = z.infer<typeof upgradeProgressSchema>;
export type ProgressListener = (progress: UpgradeProgress) => void;
