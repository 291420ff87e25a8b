import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { atLocalTime } from '@/lib/schedule/local-time';

const iso = (ms: number) => new Date(ms).toISOString();

describe('atLocalTime', () => {
  it.each<[string, string, string, string, string]>([
    ['Berlin winter', 'Europe/Berlin', '2025-01-15', '09:00', '2025-01-15T08:00:00.000Z'],
    ['Berlin summer', 'Europe/Berlin', '2025-07-15', '09:00', '2025-07-15T07:00:00.000Z'],
    ['Berlin just before the gap', 'Europe/Berlin', '2025-03-30', '01:59', '2025-03-30T00:59:00.000Z'],
    ['Berlin gap start → end of gap', 'Europe/Berlin', '2025-03-30', '02:00', '2025-03-30T01:00:00.000Z'],
    ['Berlin in the gap → end of gap', 'Europe/Berlin', '2025-03-30', '02:30', '2025-03-30T01:00:00.000Z'],
    ['Berlin end of gap', 'Europe/Berlin', '2025-03-30', '03:00', '2025-03-30T01:00:00.000Z'],
    ['Berlin overlap → first (CEST)', 'Europe/Berlin', '2025-10-26', '02:30', '2025-10-26T00:30:00.000Z'],
    ['Berlin after the overlap', 'Europe/Berlin', '2025-10-26', '03:00', '2025-10-26T02:00:00.000Z'],
    ['New York summer', 'America/New_York', '2025-07-04', '09:00', '2025-07-04T13:00:00.000Z'],
    ['New York gap', 'America/New_York', '2025-03-09', '02:30', '2025-03-09T07:00:00.000Z'],
    ['New York overlap → first (EDT)', 'America/New_York', '2025-11-02', '01:30', '2025-11-02T05:30:00.000Z'],
    ['Sydney summer (+11)', 'Australia/Sydney', '2025-01-15', '09:00', '2025-01-14T22:00:00.000Z'],
    ['Sydney winter (+10)', 'Australia/Sydney', '2025-07-15', '09:00', '2025-07-14T23:00:00.000Z'],
    ['Sydney April overlap → first (AEDT)', 'Australia/Sydney', '2025-04-06', '02:30', '2025-04-05T15:30:00.000Z'],
    ['Sydney October gap', 'Australia/Sydney', '2025-10-05', '02:30', '2025-10-04T16:00:00.000Z'],
    ['Kolkata +5:30, no DST', 'Asia/Kolkata', '2025-03-30', '02:30', '2025-03-29T21:00:00.000Z'],
    ["St John's winter (-3:30)", 'America/St_Johns', '2025-01-15', '09:00', '2025-01-15T12:30:00.000Z'],
    ["St John's gap (→ NDT -2:30)", 'America/St_Johns', '2025-03-09', '02:30', '2025-03-09T05:30:00.000Z'],
    ['Chatham winter (+12:45)', 'Pacific/Chatham', '2025-06-15', '09:00', '2025-06-14T20:15:00.000Z'],
    ['Chatham gap 02:45→03:45', 'Pacific/Chatham', '2025-09-28', '03:00', '2025-09-27T14:00:00.000Z'],
    ['Chatham overlap → first (+13:45)', 'Pacific/Chatham', '2025-04-06', '03:00', '2025-04-05T13:15:00.000Z'],
    ['Samoa skipped 30 Dec 2011 → next midnight', 'Pacific/Apia', '2011-12-30', '09:00', '2011-12-30T10:00:00.000Z'],
  ])('%s', (_name, zone, date, time, expected) => {
    expect(iso(atLocalTime(date, time, zone))).toBe(expected);
  });

  const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Chatham'];
  it.each(zones)('keeps 09:00 at 09:00 local every week of 2025 in %s', (zone) => {
    for (let day = DateTime.fromISO('2025-01-06', { zone: 'UTC' }); day.year === 2025; day = day.plus({ weeks: 1 })) {
      const date = day.toISODate() ?? '';
      const local = DateTime.fromMillis(atLocalTime(date, '09:00', zone), { zone });
      expect(local.toFormat('yyyy-MM-dd HH:mm')).toBe(`${date} 09:00`);
    }
  });

  it.each([
    ['2025-02-30', '09:00', 'Europe/Berlin'],
    ['2025-01-15', '24:00', 'Europe/Berlin'],
    ['2025-01-15', '9:00', 'Europe/Berlin'],
    ['2025-01-15', '09:00', 'Mars/Olympus_Mons'],
  ])('rejects %s %s %s', (date, time, zone) => {
    expect(() => atLocalTime(date, time, zone)).toThrow(/date|HH:MM|zone/);
  });
});
