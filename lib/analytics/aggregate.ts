import { DateTime } from 'luxon';
import type { PublishedPost, Range } from './published';

/** The calendar dates of a range in a zone, so a 23- or 25-hour DST day is still one day. */
export function datesIn(range: Range, zone: string): string[] {
  const dates: string[] = [];
  let day = DateTime.fromMillis(range.from, { zone }).startOf('day');
  while (day.toMillis() < range.to) {
    dates.push(day.toISODate()!);
    day = day.plus({ days: 1 }).startOf('day');
  }
  return dates;
}

export interface DayPoint {
  date: string;
  /** Start of the day in the zone, epoch ms (for the chart's x axis). */
  start: number;
  posts: number;
  engagement: number;
}

/** Posts published each day in the zone, and the engagement those posts have gathered since. */
export function engagementByDay(items: PublishedPost[], range: Range, zone: string): DayPoint[] {
  const points = new Map(datesIn(range, zone).map((date) => [date, { date, start: DateTime.fromISO(date, { zone }).toMillis(), posts: 0, engagement: 0 }]));
  for (const item of items) {
    const point = points.get(DateTime.fromMillis(item.delivery.publishedAt, { zone }).toISODate()!);
    if (!point) continue;
    point.posts += 1;
    point.engagement += item.engagement;
  }
  return [...points.values()];
}

export function topPosts(items: PublishedPost[], limit = 5): PublishedPost[] {
  return [...items].sort((a, b) => b.engagement - a.engagement || b.delivery.publishedAt - a.delivery.publishedAt).slice(0, limit);
}

export interface GroupRow {
  key: string;
  posts: number;
  engagement: number;
  /** Engagement per post: the fair comparison between groups of different sizes. */
  perPost: number;
}

export type Grouping = 'campaign' | 'pillar' | 'utm';

const keyOf: Record<Grouping, (item: PublishedPost) => string | null> = {
  campaign: (item) => item.post?.campaign ?? null,
  pillar: (item) => item.post?.pillar ?? null,
  utm: (item) => (item.post?.utm.enabled && item.post.utm.campaign ? item.post.utm.campaign : null),
};

/** Posts and engagement per campaign, pillar or UTM campaign; posts without one are "(none)". */
export function groupBy(items: PublishedPost[], grouping: Grouping): GroupRow[] {
  const groups = new Map<string, GroupRow>();
  for (const item of items) {
    const key = keyOf[grouping](item)?.trim() || '(none)';
    const row = groups.get(key) ?? { key, posts: 0, engagement: 0, perPost: 0 };
    row.posts += 1;
    row.engagement += item.engagement;
    groups.set(key, row);
  }
  return [...groups.values()]
    .map((row) => ({ ...row, perPost: row.engagement / row.posts }))
    .sort((a, b) => b.engagement - a.engagement || a.key.localeCompare(b.key));
}
