import { DateTime } from 'luxon';

/** 0 = Sunday … 6 = Saturday, as Date#getDay and the schedule's Slot. */
export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** Weekday and hour of an instant on the wall clock of `zone` (DST-correct: luxon reads tzdata). */
export function hourOfWeek(instant: number, zone: string): { weekday: number; hour: number } {
  const local = DateTime.fromMillis(instant, { zone });
  return { weekday: local.weekday % 7, hour: local.hour };
}

export interface WeekHourCell {
  weekday: number;
  hour: number;
  /** How many events fell in this hour of the week. */
  count: number;
  /** The sum of their weights (e.g. engagement). */
  total: number;
}

/** A 7 × 24 grid (rows Sunday…Saturday, columns 0…23 h) of weighted events in `zone`. */
export function weekHourGrid(events: { at: number; weight: number }[], zone: string): WeekHourCell[][] {
  const grid = WEEKDAYS.map((_, weekday) => Array.from({ length: 24 }, (_, hour) => ({ weekday, hour, count: 0, total: 0 })));
  for (const event of events) {
    const { weekday, hour } = hourOfWeek(event.at, zone);
    const cell = grid[weekday]![hour]!;
    cell.count += 1;
    cell.total += event.weight;
  }
  return grid;
}
