import type { Slot } from '../model';
import type { PublishedPost } from './published';
import { weekHourGrid, type WeekHourCell } from './week-hours';

/**
 * Best posting times from an account's own history, by hour of the week in the workspace's zone.
 *
 * An hour is only ranked when it holds at least `minPerHour` posts, and nothing is suggested
 * until the account has `minPosts` measured posts and `minHours` such hours: below that, the
 * honest answer is "not enough data yet". Each hour's mean is shrunk toward the account's
 * overall mean (m-estimate with weight `minPerHour`), so one lucky post cannot win an hour.
 */
export interface BestTimeOptions {
  minPosts: number;
  minPerHour: number;
  minHours: number;
  limit: number;
}

export const BEST_TIME_DEFAULTS: BestTimeOptions = { minPosts: 20, minPerHour: 3, minHours: 3, limit: 5 };

export interface RankedHour extends WeekHourCell {
  mean: number;
  score: number;
}

export type BestTimes =
  | { status: 'not-enough-data'; measuredPosts: number; qualifyingHours: number; needPosts: number; needHours: number; needPerHour: number }
  | { status: 'ok'; measuredPosts: number; overallMean: number; ranked: RankedHour[]; slots: Slot[] };

export function bestTimes(items: PublishedPost[], zone: string, options: Partial<BestTimeOptions> = {}): BestTimes {
  const { minPosts, minPerHour, minHours, limit } = { ...BEST_TIME_DEFAULTS, ...options };
  // Only posts the collector has read: an unread post's zero is not a measurement.
  const measured = items.filter((item) => item.latest !== null);
  const cells = weekHourGrid(
    measured.map((item) => ({ at: item.delivery.publishedAt, weight: item.engagement })),
    zone,
  ).flat();
  const qualifying = cells.filter((cell) => cell.count >= minPerHour);
  if (measured.length < minPosts || qualifying.length < minHours) {
    return { status: 'not-enough-data', measuredPosts: measured.length, qualifyingHours: qualifying.length, needPosts: minPosts, needHours: minHours, needPerHour: minPerHour };
  }
  const overallMean = measured.reduce((sum, item) => sum + item.engagement, 0) / measured.length;
  const ranked = qualifying
    .map((cell) => ({ ...cell, mean: cell.total / cell.count, score: (cell.total + minPerHour * overallMean) / (cell.count + minPerHour) }))
    .sort((a, b) => b.score - a.score || b.count - a.count);
  const slots = ranked.slice(0, limit).map((cell) => ({ weekday: cell.weekday, time: `${String(cell.hour).padStart(2, '0')}:00` }));
  return { status: 'ok', measuredPosts: measured.length, overallMean, ranked, slots };
}
