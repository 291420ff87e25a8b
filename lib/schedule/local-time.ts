import { DateTime } from 'luxon';
import { ValidationError } from '../errors';

/**
 * Wall-clock time → instant, in an IANA zone, with explicit rules for the two days a year
 * where the wall clock lies:
 *
 * - Gap (clocks jump forward, e.g. 02:00→03:00 Europe/Berlin on the last Sunday of March):
 *   a time inside the gap does not exist, so it becomes the first instant that exists after
 *   it, i.e. the moment of the jump (02:30 → 03:00 CEST). We do not use luxon's rule (shift by
 *   the gap's length: 02:30 → 03:30) because two slots in the gap should land together at the
 *   gap's end, not keep a spacing no clock showed.
 * - Overlap (clocks fall back, 02:00–03:00 happens twice on the last Sunday of October): the
 *   FIRST occurrence (the earlier instant, still on summer time). Callers that list slots get
 *   it once; the second occurrence is never produced.
 *
 * Invariant: offsets are read one day either side of the date, so a zone with two transitions
 * within 48 hours of each other (none in current tzdata) would be resolved approximately.
 */

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function atLocalTime(dateISO: string, time: string, zone: string): number {
  const date = DATE.exec(dateISO);
  const clock = TIME.exec(time);
  if (!date || !clock) throw new ValidationError('expected YYYY-MM-DD and HH:MM', { dateISO, time });
  const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
  if (!DateTime.fromObject({ year, month, day }, { zone: 'UTC' }).isValid) {
    throw new ValidationError('no such date', { dateISO });
  }
  if (!DateTime.local().setZone(zone).isValid) throw new ValidationError('unknown time zone', { zone });
  // The wall time read as if it were UTC; the instant is this minus the zone's offset then.
  const wall = Date.UTC(year, month - 1, day, Number(clock[1]), Number(clock[2]));
  const candidates = [offsetMs(wall - DAY_MS, zone), offsetMs(wall + DAY_MS, zone)]
    .map((offset) => wall - offset)
    .filter((instant) => wall - offsetMs(instant, zone) === instant)
    .sort((a, b) => a - b);
  return candidates[0] ?? endOfGap(wall, zone);
}

function offsetMs(instant: number, zone: string): number {
  return DateTime.fromMillis(instant, { zone }).offset * 60_000;
}

/** The first instant whose offset is the post-gap one: binary search between the two readings. */
function endOfGap(wall: number, zone: string): number {
  const after = offsetMs(wall + DAY_MS, zone);
  let lo = wall - after; // read with the later (larger) offset: still before the jump
  let hi = wall - offsetMs(wall - DAY_MS, zone); // read with the earlier offset: already after it
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetMs(mid, zone) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: number, zone: string): string {
  const date = DateTime.fromMillis(instant, { zone }).toISODate();
  if (date === null) throw new ValidationError('unknown time zone', { zone });
  return date;
}
