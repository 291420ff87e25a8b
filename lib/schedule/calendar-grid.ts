import { DateTime } from 'luxon';
import { ValidationError } from '../errors';

export interface CalendarDay {
  /** The local date, YYYY-MM-DD. */
  date: string;
  /** First instant of the local day (epoch ms). */
  start: number;
  /** First instant of the next local day: days are [start, end), 23 or 25 hours on DST days. */
  end: number;
  /** False for the padding days a month view shows from the weeks before and after. */
  inMonth: boolean;
}

/** The Monday-first week holding `anchor`, as seen in `zone`. */
export function weekGrid(anchor: number, zone: string): CalendarDay[] {
  const monday = localDay(anchor, zone).startOf('week'); // luxon weeks are ISO: Monday first
  return range(monday, 7, () => true);
}

/**
 * The month holding `anchor`, padded to whole Monday-first weeks: 35 or 42 days (28 for a
 * non-leap February that starts on a Monday). A view chunks it by 7.
 */
export function monthGrid(anchor: number, zone: string): CalendarDay[] {
  const first = localDay(anchor, zone).startOf('month');
  const gridStart = first.startOf('week');
  const gridEnd = first.endOf('month').endOf('week');
  const length = Math.round(gridEnd.diff(gridStart, 'days').days);
  return range(gridStart, length, (day) => day.month === first.month);
}

function localDay(anchor: number, zone: string): DateTime {
  const day = DateTime.fromMillis(anchor, { zone });
  if (!day.isValid) throw new ValidationError('unknown time zone', { zone });
  return day;
}

function range(from: DateTime, length: number, isInMonth: (day: DateTime) => boolean): CalendarDay[] {
  return Array.from({ length }, (_, i) => {
    // Calendar arithmetic on the local date, then startOf('day'): luxon moves a midnight
    // that falls in a DST gap to the first valid instant, the same rule as atLocalTime.
    const day = from.plus({ days: i }).startOf('day');
    return {
      date: day.toISODate() ?? '',
      start: day.toMillis(),
      end: day.plus({ days: 1 }).startOf('day').toMillis(),
      inMonth: isInMonth(day),
    };
  });
}
