import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { bestTimes } from '@/lib/analytics/best-time';
import { followerSample, measured } from './helpers';

const zone = 'America/New_York';
/** An instant at a wall time in New York: weeks after 2024-01-07 (a Sunday). */
const at = (week: number, weekday: number, hour: number) =>
  DateTime.fromObject({ year: 2024, month: 1, day: 7 + weekday, hour }, { zone })
    .plus({ weeks: week })
    .toMillis();

describe('best time to post', () => {
  it('refuses with "not enough data" below the minimum history, saying what is missing', () => {
    const items = Array.from({ length: 10 }, (_, week) => measured(at(week, 2, 9), 50));
    const result = bestTimes(items, zone);
    expect(result).toEqual({ status: 'not-enough-data', measuredPosts: 10, qualifyingHours: 1, needPosts: 20, needHours: 3, needPerHour: 3 });
  });

  it('does not count posts the collector has not read yet', () => {
    const items = Array.from({ length: 30 }, (_, i) => measured(at(i, i % 3, 9), 5, { unread: true }));
    expect(bestTimes(items, zone).status).toBe('not-enough-data');
  });

  it('ranks hours of the week in the workspace zone and returns schedule slots', () => {
    const items = [
      ...Array.from({ length: 8 }, (_, w) => measured(at(w, 2, 9), 40 + w)), // Tue 09:00 strong
      ...Array.from({ length: 8 }, (_, w) => measured(at(w, 4, 17), 10)), // Thu 17:00 weak
      ...Array.from({ length: 8 }, (_, w) => measured(at(w, 6, 11), 20)), // Sat 11:00 middling
    ];
    const result = bestTimes(items, zone, { limit: 2 });
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.slots).toEqual([
      { weekday: 2, time: '09:00' },
      { weekday: 6, time: '11:00' },
    ]);
    // In UTC the same posts sit at other hours: the zone matters.
    const utc = bestTimes(items, 'UTC', { limit: 1 });
    expect(utc.status === 'ok' && utc.slots[0]).toEqual({ weekday: 2, time: '14:00' });
  });

  it('does not let one lucky post win an hour: thin hours are left out', () => {
    const items = [
      ...Array.from({ length: 21 }, (_, w) => measured(at(w, w % 3, 9), 10)),
      measured(at(0, 5, 20), 10_000), // viral once, Fri 20:00
    ];
    const result = bestTimes(items, zone);
    expect(result.status === 'ok' && result.slots.some((slot) => slot.weekday === 5)).toBe(false);
  });

  it('ranks by engagement rate once followers are read, so a grown account does not favour its recent hours', () => {
    // Weeks 0–7 on 100 followers: Tue 09:00 gets 10 (10 %). Weeks 8–15 on 1,000: Thu 13:00 gets 50 (5 %), Sat 11:00 gets 30 (3 %).
    const early = Array.from({ length: 8 }, (_, w) => measured(at(w, 2, 9), 10));
    const late = Array.from({ length: 8 }, (_, w) => [measured(at(w + 8, 4, 13), 50), measured(at(w + 8, 6, 11), 30)]).flat();
    const followers = [followerSample('acct_1', at(0, 0, 0), 100), followerSample('acct_1', at(8, 0, 0), 1000)];
    const byRate = bestTimes([...early, ...late], zone, {}, followers);
    expect(byRate.status === 'ok' && [byRate.measure, byRate.slots[0]]).toEqual(['engagement-rate', { weekday: 2, time: '09:00' }]);
    // Without follower readings the raw counts are all there is, and the result says so.
    const byCount = bestTimes([...early, ...late], zone);
    expect(byCount.status === 'ok' && [byCount.measure, byCount.slots[0]]).toEqual(['engagements-per-post', { weekday: 4, time: '13:00' }]);
  });
});
