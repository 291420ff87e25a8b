import type { WeekHourCell } from '@/lib/analytics/week-hours';
import { WEEKDAYS } from '@/lib/analytics/week-hours';
import { DataTable } from './DataTable';

/**
 * Weekday × hour on the workspace's wall clock. The colour is the cell's value relative to the
 * busiest cell (opacity of the accent colour, so it works in both themes). The grid is a picture;
 * the table under it is what a screen reader reads.
 */
export function WeekHeatmap({ grid, measure, title, zone }: { grid: WeekHourCell[][]; measure: 'mean' | 'count'; title: string; zone: string }) {
  const value = (cell: WeekHourCell) => (measure === 'count' ? cell.count : cell.count ? cell.total / cell.count : 0);
  const max = Math.max(0, ...grid.flat().map(value));
  const label = (cell: WeekHourCell) => (measure === 'count' ? `${cell.count}` : cell.count ? `${value(cell).toFixed(1)} per post (${cell.count})` : '—');
  return (
    <figure className="insights-figure">
      <figcaption>
        {title} <span className="muted">({zone})</span>
      </figcaption>
      {max === 0 ? (
        <p className="muted">Nothing to show in this range yet.</p>
      ) : (
        <div className="heatmap" aria-hidden="true">
          <span />
          {Array.from({ length: 24 }, (_, hour) => (
            <span key={hour} className="heatmap__hour">
              {hour % 6 === 0 ? hour : ''}
            </span>
          ))}
          {grid.map((row, weekday) => [
            <span key={`d${weekday}`} className="heatmap__day">
              {WEEKDAYS[weekday]}
            </span>,
            ...row.map((cell) => (
              <span
                key={`${weekday}-${cell.hour}`}
                className="heatmap__cell"
                style={{ opacity: cell.count ? 0.15 + (0.85 * value(cell)) / max : 0.06 }}
                title={`${WEEKDAYS[weekday]} ${String(cell.hour).padStart(2, '0')}:00 — ${label(cell)}`}
              />
            )),
          ])}
        </div>
      )}
      <DataTable
        caption={title}
        head={['Day', ...Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}h`)]}
        rows={grid.map((row, weekday) => [WEEKDAYS[weekday], ...row.map((cell) => (cell.count ? label(cell) : ''))])}
      />
    </figure>
  );
}
