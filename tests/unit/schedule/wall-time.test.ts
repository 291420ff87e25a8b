import { describe, expect, it } from 'vitest';
import { atLocalTime } from '@/lib/schedule/local-time';
import { wallTime } from '@/lib/schedule/wall-time';

describe('wallTime', () => {
  it('reads the wall clock in the zone on both sides of a DST change, inverse of atLocalTime', () => {
    expect(wallTime(Date.parse('2025-03-24T08:00:00Z'), 'Europe/Berlin')).toEqual({ date: '2025-03-24', time: '09:00', weekday: 'Mon' });
    expect(wallTime(Date.parse('2025-03-31T07:00:00Z'), 'Europe/Berlin')).toEqual({ date: '2025-03-31', time: '09:00', weekday: 'Mon' });
    const instant = atLocalTime('2025-10-27', '23:45', 'America/New_York');
    expect(wallTime(instant, 'America/New_York')).toMatchObject({ date: '2025-10-27', time: '23:45' });
  });
});
