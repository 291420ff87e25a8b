import { describe, expect, it } from 'vitest';
import { monthGrid, weekGrid, type CalendarDay } from '@/lib/schedule/calendar-grid';

const at = (isoUtc: string) => Date.parse(isoUtc);
const hours = (day: CalendarDay) => (day.end - day.start) / 3_600_000;

function expectContiguous(days: CalendarDay[]) {
  days.slice(1).forEach((day, i) => expect(day.start).toBe(days[i]?.end));
}

describe('weekGrid', () => {
  it('is Monday-first and has a 23-hour day in the March change', () => {
    const days = weekGrid(at('2025-03-30T12:00:00Z'), 'Europe/Berlin');
    expect(days.map((d) => d.date)).toEqual(['2025-03-24', '2025-03-25', '2025-03-26', '2025-03-27', '2025-03-28', '2025-03-29', '2025-03-30']);
    expect(days[6]).toMatchObject({ start: at('2025-03-29T23:00:00Z'), end: at('2025-03-30T22:00:00Z') });
    expect(days.map(hours)).toEqual([24, 24, 24, 24, 24, 24, 23]);
    expectContiguous(days);
  });

  it('uses the local date of the anchor', () => {
    // Sunday 23:30 UTC is already Monday in Berlin: the next week.
    expect(weekGrid(at('2025-03-30T23:30:00Z'), 'Europe/Berlin')[0]?.date).toBe('2025-03-31');
  });

  it.each<[string, string, number]>([
    ['Pacific/Chatham', '2025-06-14T12:00:00Z', at('2025-06-08T11:15:00Z')], // Mon 9 June 00:00 +12:45
    ['America/St_Johns', '2025-06-14T12:00:00Z', at('2025-06-09T02:30:00Z')], // Mon 9 June 00:00 -2:30
    ['Asia/Kolkata', '2025-06-14T12:00:00Z', at('2025-06-08T18:30:00Z')],
  ])('starts the week at local midnight in %s', (zone, anchor, start) => {
    expect(weekGrid(at(anchor), zone)[0]?.start).toBe(start);
  });
});

describe('monthGrid', () => {
  it('pads October 2025 in Sydney to whole weeks, with its 23-hour day', () => {
    const days = monthGrid(at('2025-10-15T00:00:00Z'), 'Australia/Sydney');
    expect(days).toHaveLength(35);
    expect(days[0]).toMatchObject({ date: '2025-09-29', inMonth: false });
    expect(days[2]).toMatchObject({ date: '2025-10-01', inMonth: true });
    expect(days.at(-1)).toMatchObject({ date: '2025-11-02', inMonth: false });
    expect(hours(days.find((d) => d.date === '2025-10-05') as CalendarDay)).toBe(23);
    expect(days.filter((d) => d.inMonth)).toHaveLength(31);
    expectContiguous(days);
  });

  it.each<[string, number]>([
    ['2025-03-15T12:00:00Z', 42], // starts on a Saturday, ends on a Monday
    ['2027-02-15T12:00:00Z', 28], // non-leap February starting on a Monday
    ['2025-10-15T12:00:00Z', 35],
  ])('has whole weeks for %s', (anchor, length) => {
    const days = monthGrid(at(anchor), 'Europe/Berlin');
    expect(days).toHaveLength(length);
    expect(days.filter((d) => d.inMonth).length).toBeGreaterThanOrEqual(28);
    expectContiguous(days);
  });

  it('has a 25-hour day in the October change in Berlin', () => {
    const day = monthGrid(at('2025-10-15T12:00:00Z'), 'Europe/Berlin').find((d) => d.date === '2025-10-26');
    expect(day && hours(day)).toBe(25);
  });
});
