import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { AccountBestTimes } from '@/lib/analytics/best-time-history';
import { planGaps } from '@/lib/analytics/plan-gaps';
import { scheduleSuggestions } from '@/lib/analytics/schedule-suggestions';
import { monthGrid, weekGrid } from '@/lib/schedule/calendar-grid';
import { deliveriesByDay } from '@/lib/schedule/deliveries-by-day';
import { makeAccount, makeDelivery } from '../factories';

const zone = 'America/New_York';
const local = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
// The week of Monday 2024-03-04 … Sunday 2024-03-10 (New York springs forward that Sunday).
const week = weekGrid(local('2024-03-06T12:00'), zone);
const account = makeAccount({ id: 'acct_a', schedule: [{ weekday: 4, time: '13:00' }] });

/** Best times where Tuesday 09:00 and Thursday 13:00 beat the mean, Friday 18:00 does not. */
const best: AccountBestTimes[] = [
  {
    accountId: 'acct_a',
    result: {
      status: 'ok',
      measure: 'engagement-rate',
      measuredPosts: 24,
      overallMean: 20,
      ranked: [
        { weekday: 2, hour: 9, count: 8, total: 320, mean: 40, score: 35 },
        { weekday: 4, hour: 13, count: 8, total: 240, mean: 30, score: 27 },
        { weekday: 2, hour: 17, count: 4, total: 100, mean: 25, score: 22 },
        { weekday: 5, hour: 18, count: 8, total: 40, mean: 5, score: 9 },
      ],
      slots: [
        { weekday: 2, time: '09:00' },
        { weekday: 4, time: '13:00' },
        { weekday: 2, time: '17:00' },
        { weekday: 5, time: '18:00' },
      ],
    },
  },
];

describe('gaps in the posting plan', () => {
  it('finds the days ahead with nothing planned, and offers the best hours not yet in the schedule', () => {
    const now = local('2024-03-05T08:00'); // Tuesday morning
    const deliveries = [
      makeDelivery({ accountId: 'acct_a', state: 'scheduled', dueAt: local('2024-03-06T10:00') }), // Wednesday is planned
      makeDelivery({ accountId: 'acct_a', state: 'failed', dueAt: local('2024-03-08T10:00') }), // so is Friday: the failure shows
      makeDelivery({ accountId: 'acct_a', state: 'cancelled', dueAt: local('2024-03-09T10:00') }), // a cancelled post plans nothing
    ];
    const gaps = planGaps(week, deliveriesByDay(week, deliveries), [account], best, zone, now);
    expect(gaps.map((g) => g.date)).toEqual(['2024-03-05', '2024-03-07', '2024-03-09', '2024-03-10']); // Monday is over
    // Tuesday: 09:00 and 17:00 beat the mean; Thursday 13:00 is already a slot; Friday 18:00 is below the mean.
    expect(gaps[0]!.suggestions).toEqual([
      { accountId: 'acct_a', slot: { weekday: 2, time: '09:00' }, at: local('2024-03-05T09:00') },
      { accountId: 'acct_a', slot: { weekday: 2, time: '17:00' }, at: local('2024-03-05T17:00') },
    ]);
    expect(gaps[1]!.suggestions).toEqual([]);
  });

  it('offers only hours still ahead today', () => {
    const gaps = planGaps(week, new Map(), [account], best, zone, local('2024-03-05T12:00'));
    expect(gaps[0]).toEqual({ date: '2024-03-05', suggestions: [{ accountId: 'acct_a', slot: { weekday: 2, time: '17:00' }, at: local('2024-03-05T17:00') }] });
  });

  it('marks gaps without suggestions when the history is too short', () => {
    const thin: AccountBestTimes[] = [
      { accountId: 'acct_a', result: { status: 'not-enough-data', measuredPosts: 3, qualifyingHours: 0, needPosts: 20, needHours: 3, needPerHour: 3 } },
    ];
    const gaps = planGaps(week, new Map(), [account], thin, zone, local('2024-03-03T00:00'));
    expect(gaps).toHaveLength(7);
    expect(gaps.every((g) => g.suggestions.length === 0)).toBe(true);
  });

  it('leaves out the padding days of a month view', () => {
    const month = monthGrid(local('2024-03-15T12:00'), zone);
    const gaps = planGaps(month, new Map(), [account], [], zone, local('2024-01-01T00:00'));
    expect(gaps).toHaveLength(31);
    expect(gaps[0]!.date).toBe('2024-03-01');
  });
});

describe('schedule suggestions from best times', () => {
  it('keeps the best slots in order and marks those the schedule has', () => {
    expect(scheduleSuggestions(best[0]!.result, account.schedule)).toEqual({
      status: 'ok',
      measure: 'engagement-rate',
      measuredPosts: 24,
      slots: [
        { slot: { weekday: 2, time: '09:00' }, isInSchedule: false },
        { slot: { weekday: 4, time: '13:00' }, isInSchedule: true },
        { slot: { weekday: 2, time: '17:00' }, isInSchedule: false },
        { slot: { weekday: 5, time: '18:00' }, isInSchedule: false },
      ],
    });
  });

  it('passes "not enough data" through with what is missing, and says when an account is not measured', () => {
    const thin = { status: 'not-enough-data', measuredPosts: 3, qualifyingHours: 1, needPosts: 20, needHours: 3, needPerHour: 3 } as const;
    expect(scheduleSuggestions(thin, [])).toEqual(thin);
    expect(scheduleSuggestions(undefined, [])).toEqual({ status: 'not-measured' });
  });
});
