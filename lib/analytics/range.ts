import { DateTime } from 'luxon';
import { ValidationError } from '../errors';
import type { Range } from './published';

/** A date range picked as calendar dates (inclusive) in a zone → instants [from, to). */
export function rangeOfDates(fromDate: string, toDate: string, zone: string): Range {
  const from = DateTime.fromISO(fromDate, { zone }).startOf('day');
  const to = DateTime.fromISO(toDate, { zone }).startOf('day').plus({ days: 1 }).startOf('day');
  if (!from.isValid || !to.isValid || to <= from) throw new ValidationError('expected two dates, the first not after the second', { fromDate, toDate });
  return { from: from.toMillis(), to: to.toMillis() };
}

/** The last `days` calendar days up to and including today in the zone, as dates. */
export function lastDays(days: number, now: number, zone: string): { from: string; to: string } {
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  return { from: today.minus({ days: days - 1 }).toISODate()!, to: today.toISODate()! };
}
