import { DateTime } from 'luxon';
import type { MetricSample } from '../model';
import { datesIn } from './aggregate';
import type { Range } from './published';

export interface FollowerPoint {
  date: string;
  start: number;
  /** The last reading of that day; null on days without one. */
  followers: number | null;
}

/** Daily follower readings of one account in the zone, and the change across the range. */
export function followerGrowth(samples: MetricSample[], accountId: string, range: Range, zone: string): { points: FollowerPoint[]; change: number | null } {
  const readings = samples
    .filter((s) => s.deliveryId === null && s.accountId === accountId && s.counts.followers !== undefined && s.takenAt >= range.from && s.takenAt < range.to)
    .sort((a, b) => a.takenAt - b.takenAt);
  const lastOfDay = new Map<string, number>();
  for (const s of readings) lastOfDay.set(DateTime.fromMillis(s.takenAt, { zone }).toISODate()!, s.counts.followers!);
  const points = datesIn(range, zone).map((date) => ({ date, start: DateTime.fromISO(date, { zone }).toMillis(), followers: lastOfDay.get(date) ?? null }));
  const change = readings.length >= 2 ? readings.at(-1)!.counts.followers! - readings[0]!.counts.followers! : null;
  return { points, change };
}
