import { useMemo } from 'react';
import type { DayPoint } from '@/lib/analytics/aggregate';
import { DataTable } from './DataTable';
import { formatDay } from './format-dates';
import { UplotChart, type ChartSeries } from './UplotChart';

/** Posts per day (bars) and the engagement those posts gathered (line), by publish day. */
export function EngagementChart({ days, zone, openTable = false }: { days: DayPoint[]; zone: string; openTable?: boolean }) {
  const x = useMemo(() => days.map((d) => d.start), [days]);
  const series = useMemo<ChartSeries[]>(
    () => [
      { label: 'Engagements', values: days.map((d) => d.engagement), color: '--accent' },
      { label: 'Posts', values: days.map((d) => d.posts), color: '--muted', kind: 'bars' },
    ],
    [days],
  );
  return (
    <figure className="insights-figure">
      <figcaption>Engagement by publish day</figcaption>
      <UplotChart x={x} series={series} zone={zone} label="Engagements and posts per day; the table below has the numbers" />
      <DataTable
        caption="Engagement by publish day"
        head={['Day', 'Posts', 'Engagements']}
        rows={days.map((d) => [formatDay(d.date), d.posts, d.engagement])}
        open={openTable}
        testId="engagement-table"
      />
    </figure>
  );
}
