import { DateTime } from 'luxon';
import { ValidationError } from '../errors';

export interface WallTime {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** HH:MM, 24-hour, in the zone. */
  time: string;
  /** "Mon", "Tue", … (English: the UI is English only, see STYLE.md). */
  weekday: string;
}

/** What a clock on the wall in `zone` shows at `instant`: the inverse of atLocalTime. */
export function wallTime(instant: number, zone: string): WallTime {
  const local = DateTime.fromMillis(instant, { zone });
  if (!local.isValid) throw new ValidationError('unknown time zone', { zone });
  return { date: local.toFormat('yyyy-MM-dd'), time: local.toFormat('HH:mm'), weekday: local.setLocale('en').toFormat('ccc') };
}
