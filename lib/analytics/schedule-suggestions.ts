import type { Slot } from '../model';
import type { BestTimeMeasure, BestTimes } from './best-time';

export type ScheduleSuggestions =
  /** A reminder account: its posts' numbers are never read, so there is no history to learn from. */
  | { status: 'not-measured' }
  | Extract<BestTimes, { status: 'not-enough-data' }>
  | { status: 'ok'; measure: BestTimeMeasure; measuredPosts: number; slots: { slot: Slot; isInSchedule: boolean }[] };

/**
 * What the schedule editor offers one account: its best hours of the week (best first), each
 * marked when the schedule already has it, so the list stays put as slots are added one by one.
 */
export function scheduleSuggestions(result: BestTimes | undefined, schedule: readonly Slot[]): ScheduleSuggestions {
  if (!result) return { status: 'not-measured' };
  if (result.status === 'not-enough-data') return result;
  const has = new Set(schedule.map((slot) => `${slot.weekday} ${slot.time}`));
  return {
    status: 'ok',
    measure: result.measure,
    measuredPosts: result.measuredPosts,
    slots: result.slots.map((slot) => ({ slot, isInSchedule: has.has(`${slot.weekday} ${slot.time}`) })),
  };
}
