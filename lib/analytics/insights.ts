import { engagementByDay, groupBy, topPosts, type DayPoint, type GroupRow } from './aggregate';
import { bestTimesOf, type AccountBestTimes } from './best-time-history';
import { compareExperiments, type ExperimentResult } from './experiments';
import { followerGrowth, type FollowerPoint } from './followers';
import type { InsightsRows } from './load';
import { publishedPosts, type PublishedPost, type Range } from './published';
import { responseTimes, type ResponseTime } from './response-time';
import { weekHourGrid, type WeekHourCell } from './week-hours';

/** What the Insights view and the client report show, computed once from the rows. */
export interface Insights {
  zone: string;
  range: Range;
  items: PublishedPost[];
  totals: { posts: number; measured: number; engagements: number; followerChange: number | null; medianResponseMinutes: number | null; replied: number };
  days: DayPoint[];
  top: PublishedPost[];
  /** Engagement per post by the hour it went out. */
  postGrid: WeekHourCell[][];
  /** Mentions, replies and quotes received: when the audience talks. */
  audienceGrid: WeekHourCell[][];
  followers: { accountId: string; points: FollowerPoint[]; change: number | null }[];
  groups: { campaign: GroupRow[]; pillar: GroupRow[]; utm: GroupRow[] };
  experiments: ExperimentResult[];
  /** Per account: best times need one account's own history (all of it, not just the range). */
  bestTimes: AccountBestTimes[];
  response: { perAccount: ResponseTime[]; all: ResponseTime };
}

export function buildInsights(rows: InsightsRows, range: Range, accountId: string | null): Insights {
  const zone = rows.workspace.timeZone;
  const accounts = rows.accounts.filter((a) => accountId === null || a.id === accountId);
  const items = publishedPosts(rows.deliveries, rows.posts, rows.samples, range, accountId);
  const followers = accounts.map((a) => ({ accountId: a.id, ...followerGrowth(rows.samples, a.id, range, zone) }));
  const changes = followers.map((f) => f.change).filter((c): c is number => c !== null);
  const inbox = rows.inbox.filter((item) => accountId === null || item.accountId === accountId);
  const response = responseTimes(inbox, range);
  return {
    zone,
    range,
    items,
    totals: {
      posts: items.length,
      measured: items.filter((i) => i.latest !== null).length,
      engagements: items.reduce((sum, i) => sum + i.engagement, 0),
      followerChange: changes.length ? changes.reduce((a, b) => a + b, 0) : null,
      medianResponseMinutes: response.all.medianMinutes,
      replied: response.all.replied,
    },
    days: engagementByDay(items, range, zone),
    top: topPosts(items, 5),
    postGrid: weekHourGrid(
      items.filter((i) => i.latest).map((i) => ({ at: i.delivery.publishedAt, weight: i.engagement })),
      zone,
    ),
    audienceGrid: weekHourGrid(
      inbox.map((item) => ({ at: item.createdAt, weight: 1 })),
      zone,
    ),
    followers,
    groups: { campaign: groupBy(items, 'campaign'), pillar: groupBy(items, 'pillar'), utm: groupBy(items, 'utm') },
    experiments: compareExperiments(items, rows.samples),
    bestTimes: bestTimesOf(accounts, rows.history, rows.samples, zone),
    response,
  };
}
