import { ValidationError } from '../errors';
import { slotSchema, type Slot } from '../model';

/**
 * Pure edits of an account's weekly posting schedule (account.schedule), in the workspace's time
 * zone. Invariant of every result: sorted by weekday then time, no duplicate slot, every slot valid.
 */

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
/** Monday first, as a working week reads. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

export function normalize(slots: readonly Slot[]): Slot[] {
  const unique = new Map(slots.map((slot) => [`${slot.weekday} ${slot.time}`, slot]));
  return [...unique.values()].sort((a, b) => a.weekday - b.weekday || a.time.localeCompare(b.time));
}

export function timesOn(slots: readonly Slot[], weekday: number): string[] {
  return normalize(slots)
    .filter((slot) => slot.weekday === weekday)
    .map((slot) => slot.time);
}

/** Adds HH:MM on a weekday; a time already there is not added twice. */
export function addTime(slots: readonly Slot[], weekday: number, time: string): Slot[] {
  const slot = slotSchema.safeParse({ weekday, time });
  if (!slot.success) throw new ValidationError(`“${time}” is not a time of day. Use 24-hour HH:MM, like 09:30.`);
  return normalize([...slots, slot.data]);
}

export function removeTime(slots: readonly Slot[], weekday: number, time: string): Slot[] {
  return normalize(slots.filter((slot) => !(slot.weekday === weekday && slot.time === time)));
}

/** Every other weekday (Monday–Friday) gets exactly the times of `weekday`. */
export function copyToWeekdays(slots: readonly Slot[], weekday: number): Slot[] {
  const times = timesOn(slots, weekday);
  const workdays = [1, 2, 3, 4, 5];
  const kept = slots.filter((slot) => !workdays.includes(slot.weekday) || slot.weekday === weekday);
  return normalize([...kept, ...workdays.flatMap((day) => times.map((time) => ({ weekday: day, time })))]);
}

export function clearDay(slots: readonly Slot[], weekday: number): Slot[] {
  return normalize(slots.filter((slot) => slot.weekday !== weekday));
}
