import { describe, expect, it } from 'vitest';
import type { Slot } from '@/lib/model';
import { nextFreeSlots } from '@/lib/schedule/next-free-slots';

const at = (isoUtc: string) => Date.parse(isoUtc);
const iso = (list: number[]) => list.map((ms) => new Date(ms).toISOString());
const slot = (weekday: number, time: string): Slot => ({ weekday, time });

describe('nextFreeSlots', () => {
  const berlin = [slot(1, '09:00'), slot(3, '14:30')]; // Monday 09:00, Wednesday 14:30

  it('lists the next slots in the zone, skipping past ones, across the March change', () => {
    const now = at('2025-03-24T09:00:00Z'); // Monday 10:00 CET: Monday's 09:00 is past
    expect(iso(nextFreeSlots(berlin, { timeZone: 'Europe/Berlin', now, taken: [], count: 3 }))).toEqual([
      '2025-03-26T13:30:00.000Z', // Wed 14:30 CET
      '2025-03-31T07:00:00.000Z', // Mon 09:00 CEST
      '2025-04-02T12:30:00.000Z',
    ]);
  });

  it('skips taken slots', () => {
    const now = at('2025-03-24T09:00:00Z');
    const taken = [at('2025-03-26T13:30:00Z'), at('2025-04-02T12:30:00Z')];
    expect(iso(nextFreeSlots(berlin, { timeZone: 'Europe/Berlin', now, taken, count: 2 }))).toEqual(['2025-03-31T07:00:00.000Z', '2025-04-07T07:00:00.000Z']);
  });

  it('treats a slot at exactly now as past', () => {
    const now = at('2025-03-26T13:30:00Z');
    expect(nextFreeSlots(berlin, { timeZone: 'Europe/Berlin', now, taken: [], count: 1 })).toEqual([at('2025-03-31T07:00:00Z')]);
  });

  it('moves slots in the gap to its end, once', () => {
    const sunday = [slot(0, '02:30'), slot(0, '02:45')];
    const now = at('2025-03-29T12:00:00Z');
    expect(iso(nextFreeSlots(sunday, { timeZone: 'Europe/Berlin', now, taken: [], count: 3 }))).toEqual([
      '2025-03-30T01:00:00.000Z', // 03:00 CEST, both slots
      '2025-04-06T00:30:00.000Z',
      '2025-04-06T00:45:00.000Z',
    ]);
  });

  it('uses the first occurrence on an overlap day, and never the second', () => {
    const sunday = [slot(0, '02:30')];
    const before = at('2025-10-25T12:00:00Z');
    expect(iso(nextFreeSlots(sunday, { timeZone: 'Europe/Berlin', now: before, taken: [], count: 2 }))).toEqual([
      '2025-10-26T00:30:00.000Z',
      '2025-11-02T01:30:00.000Z',
    ]);
    const between = at('2025-10-26T01:00:00Z'); // after the first 02:30, before the second
    expect(nextFreeSlots(sunday, { timeZone: 'Europe/Berlin', now: between, taken: [], count: 1 })).toEqual([at('2025-11-02T01:30:00Z')]);
  });

  it.each<[string, Slot[], string, string[]]>([
    ['America/New_York', [slot(0, '02:30')], '2025-03-08T12:00:00Z', ['2025-03-09T07:00:00.000Z', '2025-03-16T06:30:00.000Z']],
    ['Australia/Sydney', [slot(0, '02:30')], '2025-04-01T00:00:00Z', ['2025-04-05T15:30:00.000Z', '2025-04-12T16:30:00.000Z']],
    ['Asia/Kolkata', [slot(5, '18:00')], '2025-03-27T00:00:00Z', ['2025-03-28T12:30:00.000Z', '2025-04-04T12:30:00.000Z']],
    ['America/St_Johns', [slot(1, '08:00')], '2025-03-04T00:00:00Z', ['2025-03-10T10:30:00.000Z', '2025-03-17T10:30:00.000Z']],
    ['Pacific/Chatham', [slot(0, '03:00')], '2025-09-20T00:00:00Z', ['2025-09-20T14:15:00.000Z', '2025-09-27T14:00:00.000Z']],
  ])('works in %s', (timeZone, schedule, now, expected) => {
    expect(iso(nextFreeSlots(schedule, { timeZone, now: at(now), taken: [], count: 2 }))).toEqual(expected);
  });

  it('starts from the local date, not the UTC one', () => {
    // 2025-01-01T20:00Z is already Thursday 2 January 01:30 in Kolkata.
    const thursday = [slot(4, '09:00')];
    expect(nextFreeSlots(thursday, { timeZone: 'Asia/Kolkata', now: at('2025-01-01T20:00:00Z'), taken: [], count: 1 })).toEqual([at('2025-01-02T03:30:00Z')]);
  });

  it('returns nothing for an empty schedule or count', () => {
    expect(nextFreeSlots([], { timeZone: 'Europe/Berlin', now: 0, taken: [], count: 3 })).toEqual([]);
    expect(nextFreeSlots(berlin, { timeZone: 'Europe/Berlin', now: 0, taken: [], count: 0 })).toEqual([]);
  });
});
