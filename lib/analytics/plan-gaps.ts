import type { Account, Delivery, Slot } from '../model';
import type { CalendarDay } from '../schedule/calendar-grid';
import { atLocalTime } from '../schedule/local-time';
import type { AccountBestTimes } from './best-time-history';

export interface GapSuggestion {
  accountId: string;
  /** The weekly slot to add to the account's schedule so the queue fills this day. */
  slot: Slot;
  /** That slot's instant on this day. */
  at: number;
}

export interface PlanGap {
  date: string;
  /** Best first; empty when the history has no good hour on this weekday (or not enough history). */
  suggestions: GapSuggestion[];
}

/** At most this many suggested hours per account on one day: a hint, not a second schedule. */
export const SUGGESTIONS_PER_DAY = 2;

/**
 * Gaps in the posting plan: days of the view (padding days of a month excluded) that are not over
 * and hold no post at all — any delivery but a cancelled one counts as planned, a failed one too,
 * since the calendar shows it. Each gap offers, per account, its best hours on that weekday from
 * its own history that are at least as good as its usual post (score ≥ the account's mean), not
 * already a slot of its schedule, and still ahead: adding one as a slot lets the queue fill it.
 */
export function planGaps(
  days: readonly CalendarDay[],
  byDay: ReadonlyMap<string, readonly Pick<Delivery, 'state'>[]>,
  accounts: readonly Account[],
  best: readonly AccountBestTimes[],
  zone: string,
  now: number,
): PlanGap[] {
  // Each day's own deliveries (lib/schedule/deliveries-by-day.ts), not every delivery for every day (issue 20).
  const isPlanned = (day: CalendarDay) => (byDay.get(day.date) ?? []).some((d) => d.state !== 'cancelled');
  return days
    .filter((day) => day.inMonth && day.end > now && !isPlanned(day))
    .map((day) => ({ date: day.date, suggestions: suggestionsOn(day, accounts, best, zone, now) }));
}

function suggestionsOn(day: CalendarDay, accounts: readonly Account[], best: readonly AccountBestTimes[], zone: string, now: number): GapSuggestion[] {
  const weekday = new Date(`${day.date}T12:00:00Z`).getUTCDay(); // 0 = Sunday, as Slot.weekday
  return accounts.flatMap((account) => {
    const result = best.find((entry) => entry.accountId === account.id)?.result;
    if (result?.status !== 'ok') return [];
    const taken = new Set(account.schedule.map((slot) => `${slot.weekday} ${slot.time}`));
    return result.ranked
      .filter((hour) => hour.weekday === weekday && hour.score >= result.overallMean)
      .map((hour) => ({ weekday, time: `${String(hour.hour).padStart(2, '0')}:00` }))
      .filter((slot) => !taken.has(`${slot.weekday} ${slot.time}`))
      .map((slot) => ({ accountId: account.id, slot, at: atLocalTime(day.date, slot.time, zone) }))
      .filter((suggestion) => suggestion.at > now)
      .slice(0, SUGGESTIONS_PER_DAY);
  });
}
