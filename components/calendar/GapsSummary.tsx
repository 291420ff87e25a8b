import type { PlanGap } from '@/lib/analytics/plan-gaps';
import type { CalendarMode } from './CalendarNav';
import { dayLabel } from './day-label';

/** Past a week of gaps, a count reads better than a list. */
const LISTED = 7;

/** One line over the grid naming the days ahead with nothing planned, and what adding a suggestion did. */
export function GapsSummary({ gaps, mode, status }: { gaps: PlanGap[]; mode: CalendarMode; status: string }) {
  const suggested = gaps.reduce((sum, gap) => sum + gap.suggestions.length, 0);
  return (
    <div className="calendar__gaps" data-testid="plan-gaps">
      {gaps.length ? (
        <p>
          {gaps.length <= LISTED
            ? `Gaps in the plan this ${mode}: ${gaps.map((gap) => dayLabel(gap.date)).join(', ')}.`
            : `Gaps in the plan this ${mode}: ${gaps.length} days ahead have nothing planned, from ${dayLabel(gaps[0]!.date)}.`}
          {suggested ? ' Days with a suggestion offer a best time from your history to add to the schedule.' : ''}
        </p>
      ) : null}
      <p role="status" aria-live="polite" data-testid="plan-gaps-status">
        {status}
      </p>
    </div>
  );
}
