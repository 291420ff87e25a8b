import type { Delivery } from '../model';
import type { CalendarDay } from './calendar-grid';

/**
 * Each day's deliveries, earliest first, by local date, in one pass: the days of a grid are
 * contiguous and ascending ([start, end) each), so a binary search finds a delivery's day.
 * Filtering every delivery for every day was 42 × 2,000 comparisons for a busy month.
 */
export function deliveriesByDay(days: readonly CalendarDay[], deliveries: readonly Delivery[]): Map<string, readonly Delivery[]> {
  const byDay = new Map<string, Delivery[]>();
  for (const delivery of deliveries) {
    const day = dayHolding(days, delivery.dueAt);
    if (!day) continue;
    const list = byDay.get(day.date);
    if (list) list.push(delivery);
    else byDay.set(day.date, [delivery]);
  }
  // The store reads them in due-time order already; sorting keeps that true for any caller, and
  // an array in order sorts in one pass (V8's TimSort).
  for (const list of byDay.values()) list.sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0));
  return byDay;
}

function dayHolding(days: readonly CalendarDay[], at: number | null): CalendarDay | undefined {
  if (at === null) return undefined;
  let low = 0;
  let high = days.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const day = days[middle]!;
    if (at < day.start) high = middle - 1;
    else if (at >= day.end) low = middle + 1;
    else return day;
  }
  return undefined;
}
