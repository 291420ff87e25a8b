import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildInsights } from '@/lib/analytics/insights';
import type { InsightsRows } from '@/lib/analytics/load';
import { rangeOfDates } from '@/lib/analytics/range';
import type { Delivery, InboxItem, MetricSample } from '@/lib/model';
import { makeAccount, makeDelivery, makePost, makeWorkspace } from '../factories';
import { followerSample } from './helpers';

/**
 * The same rows seen by a workspace in Asia/Tokyo (UTC+9, no DST) and one in America/Los_Angeles,
 * whose clocks spring forward on Sunday 2024-03-10 at 02:00 (a 23-hour day): days, hours of the
 * week and best times follow each workspace's own wall clock.
 */
const TOKYO = 'Asia/Tokyo';
const LA = 'America/Los_Angeles';
const H = 3_600_000;

const account = makeAccount({ id: 'acct_tz' });
let n = 0;
function published(at: number, likes: number): { delivery: Delivery; sample: MetricSample } {
  const post = makePost();
  const delivery = makeDelivery({
    id: `dlv_tz_${++n}`,
    postId: post.id,
    accountId: account.id,
    state: 'published',
    dueAt: at,
    publishedAt: at,
    remote: { id: `at://tz/${n}`, url: 'https://bsky.app/x', cid: 'c' },
  });
  return {
    delivery,
    sample: { v: 1, id: `met_tz_${n}`, accountId: account.id, deliveryId: delivery.id, takenAt: at + H, counts: { likes, reposts: 0, replies: 0, quotes: 0 } },
  };
}

function mention(createdAt: number): InboxItem {
  return {
    v: 1,
    id: `acct_tz:${createdAt}`,
    accountId: account.id,
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
    state: 'open',
    snoozedUntil: null,
    labels: [],
    repliedAt: null,
    ref: null,
    root: null,
    subject: null,
    replyDeliveryId: null,
    likedAt: null,
    repostedAt: null,
    visibility: null,
    replyMentions: null,
  };
}

// Three posts around the change, as instants.
const posts = [
  published(Date.parse('2024-03-09T17:30:00Z'), 5), //  LA Sat 9 Mar 09:30 PST · Tokyo Sun 10 Mar 02:30
  published(Date.parse('2024-03-10T16:00:00Z'), 7), //  LA Sun 10 Mar 09:00 PDT · Tokyo Mon 11 Mar 01:00
  published(Date.parse('2024-03-11T07:30:00Z'), 11), // LA Mon 11 Mar 00:30 PDT · Tokyo Mon 11 Mar 16:30
];

function rowsIn(
  timeZone: string,
  extra: { delivery: Delivery; sample: MetricSample }[] = [],
  inbox: InboxItem[] = [],
  followers: MetricSample[] = [],
): InsightsRows {
  const all = [...posts, ...extra];
  return {
    workspace: makeWorkspace({ id: 'ws_1', timeZone }),
    accounts: [account],
    deliveries: all.map((p) => p.delivery),
    history: all.map((p) => p.delivery),
    posts: [],
    samples: [...all.map((p) => p.sample), ...followers],
    inbox,
  };
}

const insightsIn = (zone: string, rows = rowsIn(zone)) => buildInsights(rows, rangeOfDates('2024-03-09', '2024-03-11', zone), null);
const cellsWithPosts = (grid: { weekday: number; hour: number; count: number; total: number }[][]) => grid.flat().filter((cell) => cell.count > 0);

describe('aggregation across time zones: Asia/Tokyo vs America/Los_Angeles, DST week', () => {
  it('makes the range of local days in each zone, the 23-hour LA day included', () => {
    const la = rangeOfDates('2024-03-09', '2024-03-11', LA);
    const tokyo = rangeOfDates('2024-03-09', '2024-03-11', TOKYO);
    expect(la.to - la.from).toBe((24 + 23 + 24) * H);
    expect(tokyo.to - tokyo.from).toBe(72 * H);
    expect(la.from).toBe(Date.parse('2024-03-09T08:00:00Z'));
    expect(tokyo.from).toBe(Date.parse('2024-03-08T15:00:00Z'));
  });

  it('counts daily posts and engagement on each workspace’s calendar', () => {
    const day = (zone: string) => insightsIn(zone).days.map((d) => [d.date, d.posts, d.engagement]);
    expect(day(LA)).toEqual([
      ['2024-03-09', 1, 5],
      ['2024-03-10', 1, 7],
      ['2024-03-11', 1, 11],
    ]);
    expect(day(TOKYO)).toEqual([
      ['2024-03-09', 0, 0],
      ['2024-03-10', 1, 5],
      ['2024-03-11', 2, 18],
    ]);
    // Each chart point starts at local midnight; the LA Sunday is an hour short.
    const la = insightsIn(LA).days;
    expect(la[1]!.start).toBe(DateTime.fromISO('2024-03-10', { zone: LA }).toMillis());
    expect(la[2]!.start - la[1]!.start).toBe(23 * H);
    // The totals are the same whatever the zone: only where things fall moves.
    expect(insightsIn(LA).totals).toMatchObject({ posts: 3, engagements: 23 });
    expect(insightsIn(TOKYO).totals).toMatchObject({ posts: 3, engagements: 23 });
  });

  it('buckets posts and mentions by hour of the week on each workspace’s wall clock', () => {
    const inbox = posts.map((p) => mention(p.delivery.publishedAt! + 30 * 60_000));
    const la = insightsIn(LA, rowsIn(LA, [], inbox));
    const tokyo = insightsIn(TOKYO, rowsIn(TOKYO, [], inbox));
    expect(cellsWithPosts(la.postGrid)).toEqual([
      { weekday: 0, hour: 9, count: 1, total: 7 }, // Sunday 09:00 PDT, after the change
      { weekday: 1, hour: 0, count: 1, total: 11 },
      { weekday: 6, hour: 9, count: 1, total: 5 }, // Saturday 09:30 PST, before it
    ]);
    expect(cellsWithPosts(tokyo.postGrid)).toEqual([
      { weekday: 0, hour: 2, count: 1, total: 5 },
      { weekday: 1, hour: 1, count: 1, total: 7 },
      { weekday: 1, hour: 16, count: 1, total: 11 },
    ]);
    expect(cellsWithPosts(la.audienceGrid).map((c) => [c.weekday, c.hour])).toEqual([
      [0, 9],
      [1, 1],
      [6, 10],
    ]);
    expect(cellsWithPosts(tokyo.audienceGrid).map((c) => [c.weekday, c.hour])).toEqual([
      [0, 3],
      [1, 1],
      [1, 17],
    ]);
  });

  it('reads follower growth as the last reading of each local day', () => {
    const followers = [
      followerSample(account.id, Date.parse('2024-03-10T06:00:00Z'), 100), // LA Sat 22:00 · Tokyo Sun 15:00
      followerSample(account.id, Date.parse('2024-03-10T09:00:00Z'), 104), // LA Sun 01:00 PST · Tokyo Sun 18:00
    ];
    const points = (zone: string) => insightsIn(zone, rowsIn(zone, [], [], followers)).followers[0]!.points.map((p) => p.followers);
    expect(points(LA)).toEqual([100, 104, null]);
    expect(points(TOKYO)).toEqual([null, 104, null]);
  });

  it('finds the best hour on the LA wall clock across the change, where Tokyo sees two hours', () => {
    // Eight Tuesdays at 09:00 in Los Angeles: four on PST (17:00 UTC), four on PDT (16:00 UTC).
    const tuesdays = ['2024-02-20', '2024-02-27', '2024-03-05', '2024-03-12', '2024-03-19', '2024-03-26', '2024-04-02', '2024-02-13'];
    const strong = tuesdays.map((date) => published(DateTime.fromISO(`${date}T09:00`, { zone: LA }).toMillis(), 40));
    // And a steady Thursday 15:00 and Saturday 11:00 (LA), weaker.
    const steady = ['2024-02-15', '2024-02-22', '2024-02-29', '2024-03-07', '2024-03-14', '2024-03-21'].flatMap((date) => [
      published(DateTime.fromISO(`${date}T15:00`, { zone: LA }).toMillis(), 10),
      published(DateTime.fromISO(`${date}T11:00`, { zone: LA }).plus({ days: 2 }).toMillis(), 12),
    ]);
    const history = [...strong, ...steady];
    const best = (zone: string) => insightsIn(zone, rowsIn(zone, history)).bestTimes[0]!.result;
    const la = best(LA);
    expect(la.status).toBe('ok');
    if (la.status !== 'ok') return;
    expect(la.slots[0]).toEqual({ weekday: 2, time: '09:00' });
    expect(la.ranked.find((h) => h.weekday === 2 && h.hour === 9)!.count).toBe(8);
    // Tokyo's wall clock splits the same posts into Wednesday 02:00 (PST weeks) and 01:00 (PDT weeks).
    const tokyo = best(TOKYO);
    expect(tokyo.status).toBe('ok');
    if (tokyo.status !== 'ok') return;
    const wednesday = tokyo.ranked.filter((h) => h.weekday === 3 && h.total >= 40 * h.count).map((h) => [h.hour, h.count]);
    expect(wednesday.sort()).toEqual([
      [1, 4],
      [2, 4],
    ]);
  });
});
