import type { BestTimeMeasure, BestTimes } from '@/lib/analytics/best-time';
import { WEEKDAYS } from '@/lib/analytics/week-hours';
import type { Slot } from '@/lib/model';

/** What the history still lacks before best times can be suggested: Insights and the schedule editor say it alike. */
export function shortfallText(result: Extract<BestTimes, { status: 'not-enough-data' }>): string {
  return `${result.measuredPosts} measured posts of the ${result.needPosts} needed, and ${result.qualifyingHours} of ${result.needHours} hours of the week with at least ${result.needPerHour} posts each`;
}

/** "Tue 09:00" */
export const slotWords = (slot: Slot) => `${WEEKDAYS[slot.weekday]} ${slot.time}`;

/** What the ranking compared (lib/analytics/best-time.ts): said beside the slots, so nobody reads counts as rates. */
export const measureWords = (measure: BestTimeMeasure) =>
  measure === 'engagement-rate' ? 'by engagement rate' : 'by engagements per post until followers are read';
