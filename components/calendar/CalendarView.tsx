import { useEffect, useMemo, useRef, useState } from 'react';
import { DateTime } from 'luxon';
import { monthGrid, weekGrid } from '@/lib/schedule/calendar-grid';
import { campaignBands } from '@/lib/analytics/campaign-bands';
import { planGaps } from '@/lib/analytics/plan-gaps';
import type { Delivery } from '@/lib/model';
import { deliveriesByDay } from '@/lib/schedule/deliveries-by-day';
import { localDate } from '@/lib/schedule/local-time';
import { EmptyState } from '../ui/EmptyState';
import { useNotice } from '../common/use-notice';
import { useTakeBack } from '../common/use-take-back';
import { useActiveZone, useCalendarRange, useChipWords } from '../data/calendar';
import { CalendarNav, type CalendarMode } from './CalendarNav';
import { DayCell } from './DayCell';
import { GapsSummary } from './GapsSummary';
import { QueueTools } from './QueueTools';
import { BulkTools } from './BulkTools';
import { useExpandedDays } from './use-expanded-days';
import { useMove } from './use-move';
import { usePlanGaps } from './use-plan-gaps';
import { shownChips } from './shown-chips';
import './calendar.css';
import { Button } from '../ui/Button';
import { LoadingState } from '../ui/LoadingState';

const NO_ACCOUNTS: never[] = [];
const NO_DELIVERIES: never[] = [];
const NO_WORDS = {};

/**
 * Posts a month day shows before "+N more". Three lines fit a month cell in the side panel
 * without scrolling the week out of view (Google Calendar and Buffer show a few too), and a
 * month of 2,000 posts renders ~126 chips instead of 2,000 (bench/plan.ts, calendar.monthRender).
 */
export const MONTH_DAY_POSTS = 3;

/** Week or month of the active workspace, in its time zone: posts per account, free slots, drag to move. */
export function CalendarView() {
  const [mode, setMode] = useState<CalendarMode>('week');
  const [anchor, setAnchor] = useState(() => Date.now());
  const zoneRow = useActiveZone();
  const zone = zoneRow ?? 'UTC';
  // Once per range, not per render: a month's 42 days are 42 luxon steps (issue 20: ~24 ms of a month render's profile).
  const days = useMemo(() => (mode === 'week' ? weekGrid(anchor, zone) : monthGrid(anchor, zone)), [mode, anchor, zone]);
  const from = days[0]?.start ?? 0;
  const to = days.at(-1)?.end ?? 0;
  const data = useCalendarRange(from, to);
  const { notice, say } = useNotice();
  const { moveTo } = useMove(zone, say);
  const takeBack = useTakeBack(say);
  const undoButton = useRef<HTMLButtonElement | null>(null);
  // The chip or day that was unscheduled is gone from the grid: keyboard focus goes to its Undo.
  useEffect(() => {
    if (notice.undo) undoButton.current?.focus();
  }, [notice]);
  const expanded = useExpandedDays(`${mode} ${from} ${to}`);
  const plan = usePlanGaps(data?.workspace ?? null, data?.accounts ?? NO_ACCOUNTS);
  // A step to the next week or month, or to Month, shows its days at once; the previous range's
  // posts are not drawn into them meanwhile (they would be drawn, their words read, and drawn again).
  const isCurrent = data?.range.from === from && data.range.to === to;
  // Grouped once per render: the chips, the bands, the gaps and the words to read all start from it.
  const byDay = deliveriesByDay(days, isCurrent ? data.deliveries : NO_DELIVERIES);
  const limit = mode === 'month' ? MONTH_DAY_POSTS : null;
  const chips = useChipWords(days.flatMap((day) => shownChips(byDay.get(day.date) ?? NO_DELIVERIES, limit, expanded.isExpanded(day.date))));
  if (!data || zoneRow === undefined) return <LoadingState label="Loading the calendar…" />;
  if (!data.workspace) {
    return (
      <EmptyState title="No workspace yet">
        <p>Create a workspace in Settings; its posts appear here by day and account.</p>
      </EmptyState>
    );
  }
  const now = Date.now();
  const today = localDate(now, zone);
  // Until the range's posts are read, an empty day is no evidence of a gap (a day with a post would flash "no post yet").
  const bands = campaignBands(days, byDay, data.campaigns);
  // A post moved onto a collapsed day could land out of sight: open that day so it stays in view.
  const onMove = (delivery: Delivery, date: string, time?: string) => {
    const target = byDay.get(date) ?? NO_DELIVERIES;
    if (limit !== null && target.length >= limit && !target.includes(delivery)) expanded.setExpanded(date, true);
    void moveTo(delivery, date, time);
  };
  const gaps = new Map(isCurrent ? planGaps(days, byDay, data.accounts, plan.best, zone, now).map((gap) => [gap.date, gap]) : []);
  const step = (direction: 1 | -1) =>
    setAnchor((current) =>
      DateTime.fromMillis(current, { zone })
        .plus(mode === 'week' ? { weeks: direction } : { months: direction })
        .toMillis(),
    );
  return (
    <section aria-label="Calendar" className="calendar">
      <h2 className="view-title">Calendar</h2>
      <CalendarNav mode={mode} onMode={setMode} onStep={step} onToday={() => setAnchor(Date.now())} days={days} zone={zone} />
      {isCurrent && data.deliveries.length === 0 && data.accounts.every((account) => account.schedule.length === 0) ? (
        <p className="muted">No posts in this range. Add a posting schedule to an account in Settings, then use “Add to queue” in Compose.</p>
      ) : null}
      <div className="calendar__notice">
        <p role="status" aria-live="polite" data-testid="calendar-status">
          {notice.text}
        </p>
        {notice.undo ? (
          <Button type="button" ref={undoButton} data-testid="calendar-undo" onClick={() => void notice.undo?.()}>
            Undo
          </Button>
        ) : null}
      </div>
      <QueueTools workspace={data.workspace} accounts={data.accounts} />
      <BulkTools workspace={data.workspace} accounts={data.accounts} />
      <GapsSummary gaps={[...gaps.values()]} mode={mode} status={plan.status} />
      <div className={`calendar__grid calendar__grid--${mode}`}>
        {days.map((day) => (
          <DayCell
            key={day.date}
            day={day}
            isToday={day.date === today}
            accounts={data.accounts}
            deliveries={byDay.get(day.date) ?? NO_DELIVERIES}
            limit={limit}
            isExpanded={expanded.isExpanded(day.date)}
            onExpand={(isExpanded) => expanded.setExpanded(day.date, isExpanded)}
            words={chips?.words ?? NO_WORDS}
            evergreen={chips?.evergreen ?? NO_WORDS}
            bands={bands.get(day.date)}
            gap={gaps.get(day.date)}
            onAddSlot={plan.addSlot}
            zone={zone}
            now={now}
            onMove={onMove}
            onUnschedule={(deliveries, what) => void takeBack(deliveries, what)}
            onNote={say}
          />
        ))}
      </div>
    </section>
  );
}
