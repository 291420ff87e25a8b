import type { MetricSample, Slot } from '../model';
import { followersAt } from './engagement';
import type { PublishedPost } from './published';
import { weekHourGrid, type WeekHourCell } from './week-hours';

/**
 * Best posting times from an account's own history, by hour of the week in the workspace's zone.
 *
 * An hour is only ranked when it holds at least `minPerHour` posts, and nothing is suggested
 * until the account has `minPosts` measured posts and `minHours` such hours: below that, the
 * honest answer is "not enough data yet". Each hour's mean is shrunk toward the account's
 * overall mean (m-estimate with weight `minPerHour`), so one lucky post cannot win an hour.
 *
 * What is ranked is the engagement rate (engagements ÷ the account's followers when the post
 * went out), so an hour is not favoured just because the account had grown by the time it posted
 * there. Until the account's followers have been read once, it falls back to engagements per post,
 * and says so (`measure`).
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
  | { status: 'ok'; measure: BestTimeMeasure; measuredPosts: number; overallMean: number; ranked: RankedHour[]; slots: Slot[] };

export type BestTimeMeasure = 'engagement-rate' | 'engagements-per-post';

/**
 * `samples` are the account's metric rows; its follower readings turn engagements into a rate.
 * Without them (or with none of them), engagements per post are ranked.
 */
export function bestTimes(items: PublishedPost[], zone: string, options: Partial<BestTimeOptions> = {}, samples: MetricSample[] = []): BestTimes {
  const { minPosts, minPerHour, minHours, limit } = { ...BEST_TIME_DEFAULTS, ...options };
  // Only posts the collector has read: an unread post's zero is not a measurement.
  const measured = items.filter((item) => item.latest !== null);
  // Follower readings only: post readings are most of the rows, and followersAt scans what it is given.
  const readings = samples.filter((sample) => sample.deliveryId === null);
  const reach = measured.map((item) => followersAt(readings, item.delivery.accountId, item.delivery.publishedAt));
  const measure: BestTimeMeasure = reach.length > 0 && reach.every((r) => r !== null && r > 0) ? 'engagement-rate' : 'engagements-per-post';
  const weights = measured.map((item, i) => (measure === 'engagement-rate' ? item.engagement / reach[i]! : item.engagement));
  const cells = weekHourGrid(
    measured.map((item, i) => ({ at: item.delivery.publishedAt, weight: weights[i]! })),
    zone,
  ).flat();
  const qualifying = cells.filter((cell) => cell.count >= minPerHour);
  if (measured.length < minPosts || qualifying.length < minHours) {
    return {
      status: 'not-enough-data',
      measuredPosts: measured.length,
      qualifyingHours: qualifying.length,
      needPosts: minPosts,
      needHours: minHours,
      needPerHour: minPerHour,
    };
  }
  const overallMean = weights.reduce((sum, weight) => sum + weight, 0) / measured.length;
  const ranked = qualifying
    .map((cell) => ({ ...cell, mean: cell.total / cell.count, score: (cell.total + minPerHour * overallMean) / (cell.count + minPerHour) }))
    .sort((a, b) => b.score - a.score || b.count - a.count);
  const slots = ranked.slice(0, limit).map((cell) => ({ weekday: cell.weekday, time: `${String(cell.hour).padStart(2, '0')}:00` }));
  return { status: 'ok', measure, measuredPosts: measured.length, overallMean, ranked, slots };
}
