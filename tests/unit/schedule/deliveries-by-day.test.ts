import { describe, expect, it } from 'vitest';
import { deliveriesByDay } from '@/lib/schedule/deliveries-by-day';
import { monthGrid, weekGrid } from '@/lib/schedule/calendar-grid';
import { makeDelivery } from '../factories';

const ZONE = 'Europe/Berlin';
const at = (iso: string) => Date.parse(iso);

describe('deliveriesByDay', () => {
  it('puts each delivery under its local day, earliest first, and leaves out what falls outside the grid or has no time', () => {
    const days = weekGrid(at('2025-03-26T12:00:00Z'), ZONE); // Mon 24 – Sun 30 March 2025, DST starts on the 30th
    const late = makeDelivery({ dueAt: at('2025-03-24T22:59:00Z') }); // 23:59 on Monday in Berlin
    const early = makeDelivery({ dueAt: at('2025-03-24T23:00:00Z') }); // 00:00 on Tuesday in Berlin
    const first = makeDelivery({ dueAt: at('2025-03-24T05:00:00Z') });
    const sundayAfterTheChange = makeDelivery({ dueAt: at('2025-03-30T21:59:00Z') }); // 23:59 CEST
    const nextMonday = makeDelivery({ dueAt: at('2025-03-30T22:00:00Z') });
    const undated = makeDelivery({ dueAt: null });
    const byDay = deliveriesByDay(days, [late, early, first, sundayAfterTheChange, nextMonday, undated]);
    expect(Object.fromEntries([...byDay].map(([date, list]) => [date, list.map((d) => d.id)]))).toEqual({
      '2025-03-24': [first.id, late.id],
      '2025-03-25': [early.id],
      '2025-03-30': [sundayAfterTheChange.id],
    });
  });

  it('finds the day of every delivery of a month grid, the first and last instants included', () => {
    const days = monthGrid(at('2025-10-15T12:00:00Z'), ZONE); // DST ends on 26 October
    const deliveries = days.flatMap((day) => [makeDelivery({ dueAt: day.start }), makeDelivery({ dueAt: day.end - 1 })]);
    const byDay = deliveriesByDay(days, deliveries);
    expect([...byDay.keys()]).toEqual(days.map((day) => day.date));
    for (const day of days) expect(byDay.get(day.date)?.map((d) => d.dueAt)).toEqual([day.start, day.end - 1]);
  });
});
