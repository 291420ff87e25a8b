import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { datesIn, engagementByDay, groupBy, topPosts } from '@/lib/analytics/aggregate';
import { followerGrowth } from '@/lib/analytics/followers';
import { rangeOfDates } from '@/lib/analytics/range';
import { responseTimes } from '@/lib/analytics/response-time';
import { weekHourGrid } from '@/lib/analytics/week-hours';
import type { InboxItem } from '@/lib/model';
import { followerSample, measured } from './helpers';

const berlin = 'Europe/Berlin';

describe('aggregation across time zones and DST', () => {
  // Europe/Berlin springs forward on 2024-03-31 at 02:00 (the day has 23 hours).
  const range = rangeOfDates('2024-03-30', '2024-04-01', berlin);

  it('makes a range of local calendar days, 23-hour DST day included', () => {
    expect(range.to - range.from).toBe((24 + 23 + 24) * 3_600_000);
    expect(datesIn(range, berlin)).toEqual(['2024-03-30', '2024-03-31', '2024-04-01']);
  });

  it('puts a post in the local day it was published, not the UTC day', () => {
    // 2024-03-31 22:30 UTC is already 1 April 00:30 in Berlin (CEST, +2).
    const late = measured(Date.UTC(2024, 2, 31, 22, 30), 7);
    const early = measured(Date.UTC(2024, 2, 30, 23, 30), 3); // 31 March 00:30 CET (+1)
    const days = engagementByDay([late, early], range, berlin);
    expect(days.map((d) => [d.date, d.posts, d.engagement])).toEqual([
      ['2024-03-30', 0, 0],
      ['2024-03-31', 1, 3],
      ['2024-04-01', 1, 7],
    ]);
    expect(days[1]!.start).toBe(DateTime.fromISO('2024-03-31', { zone: berlin }).toMillis());
  });

  it('places the same UTC hour one hour later on the wall clock after the change', () => {
    const before = Date.UTC(2024, 2, 30, 8); // Sat 09:00 CET
    const after = Date.UTC(2024, 3, 1, 8); // Mon 10:00 CEST
    const grid = weekHourGrid(
      [
        { at: before, weight: 2 },
        { at: after, weight: 5 },
      ],
      berlin,
    );
    expect(grid[6]![9]).toEqual({ weekday: 6, hour: 9, count: 1, total: 2 });
    expect(grid[1]![10]).toEqual({ weekday: 1, hour: 10, count: 1, total: 5 });
    expect(grid.flat().reduce((sum, cell) => sum + cell.count, 0)).toBe(2);
  });

  it('reads follower growth per local day, and the change across the range', () => {
    const samples = [
      followerSample('a', Date.UTC(2024, 2, 30, 10), 100),
      followerSample('a', Date.UTC(2024, 2, 31, 21), 104),
      followerSample('a', Date.UTC(2024, 2, 31, 22, 30), 110),
      followerSample('b', Date.UTC(2024, 2, 31, 12), 999),
    ];
    const { points, change } = followerGrowth(samples, 'a', range, berlin);
    expect(points.map((p) => p.followers)).toEqual([100, 104, 110]);
    expect(change).toBe(10);
  });
});

describe('top posts and groups', () => {
  it('ranks top posts by engagement and groups by campaign, pillar and UTM campaign', () => {
    const t = Date.UTC(2024, 4, 1);
    const items = [
      measured(t, 10, { post: { campaign: 'Spring', pillar: 'Tips', utm: { enabled: true, medium: 'social', campaign: 'spring24' } } }),
      measured(t + 1, 30, { post: { campaign: 'Spring', pillar: 'News', utm: { enabled: false, medium: 'social', campaign: 'ignored' } } }),
      measured(t + 2, 5, { post: { campaign: null } }),
    ];
    expect(topPosts(items, 2).map((i) => i.engagement)).toEqual([30, 10]);
    expect(groupBy(items, 'campaign')).toEqual([
      { key: 'Spring', posts: 2, engagement: 40, perPost: 20 },
      { key: '(none)', posts: 1, engagement: 5, perPost: 5 },
    ]);
    expect(groupBy(items, 'utm').map((r) => r.key)).toEqual(['(none)', 'spring24']);
  });
});

describe('response time', () => {
  const item = (accountId: string, createdAt: number, repliedAt: number | null): InboxItem => ({
    v: 1,
    id: `${accountId}:${createdAt}`,
    accountId,
    workspaceId: 'ws_1',
    network: 'bluesky',
    kind: 'mention',
    remoteId: String(createdAt),
    url: 'https://bsky.app/x',
    author: { handle: 'fan', displayName: 'Fan', avatarUrl: null, remoteId: 'did:plc:fan' },
    text: 'hi',
    inReplyTo: null,
    createdAt,
    receivedAt: createdAt,
    isRead: true,
    state: 'done',
    snoozedUntil: null,
    labels: [],
    repliedAt,
    ref: null,
    root: null,
    subject: null,
    replyDeliveryId: null,
    likedAt: null,
    repostedAt: null,
    visibility: null,
    replyMentions: null,
  });

  it('is the median minutes from createdAt to repliedAt, per account, unanswered counted apart', () => {
    const M = 60_000;
    const items = [item('a', 0, 10 * M), item('a', M, 31 * M), item('a', 2 * M, 92 * M), item('a', 3 * M, null), item('b', 0, 4 * M), item('b', 0, 6 * M)];
    const { perAccount, all } = responseTimes(items, { from: 0, to: 10 * M });
    expect(perAccount).toEqual([
      { accountId: 'a', medianMinutes: 30, replied: 3, unanswered: 1 },
      { accountId: 'b', medianMinutes: 5, replied: 2, unanswered: 0 },
    ]);
    expect(all.medianMinutes).toBe(10);
  });
});
