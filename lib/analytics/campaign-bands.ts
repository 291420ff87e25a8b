import type { CalendarDay } from '../schedule/calendar-grid';

/**
 * Campaign bands for the calendar: a campaign runs from the local date of its first dated
 * delivery to that of its last, and every day in between carries its band — including days
 * with no post of it, which is where a gap in the plan shows.
 *
 * One pass over the grid's days, each day's deliveries already grouped (lib/schedule/
 * deliveries-by-day.ts), so no delivery's date is computed again (issue 20: a luxon date per
 * delivery, 2,000 for a busy month). `days` are contiguous and ascending, so a span is a run of them.
 */
export function campaignBands(
  days: readonly CalendarDay[],
  byDay: ReadonlyMap<string, readonly { postId: string }[]>,
  campaignOf: ReadonlyMap<string, string>,
): Map<string, string[]> {
  const spans = new Map<string, { first: number; last: number }>();
  days.forEach((day, at) => {
    for (const { postId } of byDay.get(day.date) ?? []) {
      const campaign = campaignOf.get(postId)?.trim();
      if (!campaign) continue;
      const span = spans.get(campaign);
      if (span) span.last = at;
      else spans.set(campaign, { first: at, last: at });
    }
  });
  const bands = new Map<string, string[]>();
  for (const [campaign, { first, last }] of [...spans].sort(([a], [b]) => a.localeCompare(b))) {
    for (let at = first; at <= last; at++) {
      const date = days[at]!.date;
      const list = bands.get(date);
      if (list) list.push(campaign);
      else bands.set(date, [campaign]);
    }
  }
  return bands;
}
