/**
 * When to read a published post's counts (docs/architecture.md, decision 6): 1 h, 24 h and 7 d after publishing, then
 * weekly until 30 days. Pure, so the plan is tested without alarms.
 *
 * Invariants:
 * - A point counts as taken once any sample exists at or after it: a worker that slept through
 *   the 1 h and 24 h points takes ONE catch-up sample, not two.
 * - Nothing is planned past 30 days; a post with no samples at all still gets one (its last word).
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const SAMPLE_OFFSETS_MS: readonly number[] = [1 * HOUR, 24 * HOUR, 7 * DAY, 14 * DAY, 21 * DAY, 28 * DAY];

/** Account follower counts are read once a day. */
export const FOLLOWER_INTERVAL_MS = DAY;

/**
 * The time the next sample of a post falls due, or null when its plan is complete.
 * `lastTakenAt` is the newest sample of this post (null when it has none).
 */
export function nextSampleAt(publishedAt: number, lastTakenAt: number | null): number | null {
  for (const offset of SAMPLE_OFFSETS_MS) {
    const point = publishedAt + offset;
    if (lastTakenAt === null || lastTakenAt < point) return point;
  }
  return null;
}

/** The next follower reading of an account: a day after its last one, or now if it has none. */
export function nextFollowerSampleAt(lastTakenAt: number | null, now: number): number {
  return lastTakenAt === null ? now : lastTakenAt + FOLLOWER_INTERVAL_MS;
}

export interface PlanItem<K> {
  key: K;
  dueAt: number;
}

/** Splits planned items into those due at `now` and the earliest later time (for the one alarm). */
export function duePlan<K>(items: PlanItem<K>[], now: number): { due: K[]; nextAt: number | null } {
  const due: K[] = [];
  let nextAt: number | null = null;
  for (const item of items) {
    if (item.dueAt <= now) due.push(item.key);
    else nextAt = nextAt === null ? item.dueAt : Math.min(nextAt, item.dueAt);
  }
  return { due, nextAt };
}
