import { DateTime } from 'luxon';
import type { Slot } from '../model';
import { atLocalTime, localDate } from './local-time';

export interface SlotQuery {
  /** The workspace's IANA zone: slots are wall-clock times there. */
  timeZone: string;
  now: number;
  /** Instants (epoch ms) already used by this account's scheduled posts. */
  taken: readonly number[];
  count: number;
}

/**
 * The next `count` free slot instants of a weekly schedule, earliest first.
 *
 * Rules: a slot at or before `now` is past (an alarm set for `now` would already fire late);
 * a slot whose instant is in `taken` is skipped; DST gaps and overlaps follow `atLocalTime`
 * (gap → the end of the gap, overlap → the first occurrence), and slots that land on the same
 * instant (two slots inside one gap, or the same slot listed twice) are offered once.
 */
export function nextFreeSlots(schedule: readonly Slot[], query: SlotQuery): number[] {
  const { timeZone, now, count } = query;
  if (schedule.length === 0 || count <= 0) return [];
  const taken = new Set(query.taken);
  const found: number[] = [];
  // Each week offers at least one new instant, so this bound is only reached if `taken`
  // is absurdly long; it keeps a bad input from spinning forever.
  const maxDays = 7 * (count + taken.size + 2);
  let day = DateTime.fromISO(localDate(now, timeZone), { zone: 'UTC' });
  for (let i = 0; i < maxDays && found.length < count; i += 1, day = day.plus({ days: 1 })) {
    const date = day.toISODate() ?? '';
    for (const instant of instantsOn(schedule, date, day.weekday % 7, timeZone)) {
      if (instant > now && !taken.has(instant) && found.length < count) found.push(instant);
    }
  }
  return found;
}

/** `weekday` as `Slot.weekday`: 0 = Sunday (luxon's 7 % 7). */
function instantsOn(schedule: readonly Slot[], date: string, weekday: number, zone: string): number[] {
  const instants = schedule.filter((slot) => slot.weekday === weekday).map((slot) => atLocalTime(date, slot.time, zone));
  return [...new Set(instants)].sort((a, b) => a - b);
}
