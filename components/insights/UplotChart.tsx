import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** A theme.css variable name, e.g. '--accent'. */
  color: string;
  kind?: 'line' | 'bars';
}

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

/** Re-renders when the theme changes: the OS preference or the app's own data-theme attribute. */
function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const media = matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', bump);
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      media.removeEventListener('change', bump);
      observer.disconnect();
    };
  }, []);
  return version;
}

/**
 * A uPlot time chart that fills its container's width, follows the theme, and shows times on
 * the workspace's wall clock. Decorative for screen readers: every chart sits beside a table.
 */
export function UplotChart({ x, series, zone, height = 180, label }: { x: number[]; series: ChartSeries[]; zone: string; height?: number; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const theme = useThemeVersion();
  useEffect(() => {
    const target = box.current;
    if (!target) return;
    const [fg, line] = [cssVar('--muted'), cssVar('--line')];
    const axis = { stroke: fg, grid: { stroke: line, width: 1 }, ticks: { stroke: line, width: 1 } };
    const bars = uPlot.paths.bars?.({ size: [0.6, 40] });
    const chart = new uPlot(
      {
        width: Math.max(200, target.clientWidth),
        height,
        ms: 1,
        tzDate: (ts) => uPlot.tzDate(new Date(ts), zone),
        // A key, not a read-out: without hover a live legend shows "--" for every series; the table beside it has the numbers.
        legend: { show: true, live: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        axes: [axis, { ...axis, size: 40 }],
        series: [
          {},
          ...series.map((s) => {
            const color = cssVar(s.color);
            return s.kind === 'bars'
              ? { label: s.label, stroke: color, fill: `${color}66`, paths: bars, points: { show: false } }
              : { label: s.label, stroke: color, width: 2, spanGaps: true };
          }),
        ],
      },
      [x, ...series.map((s) => s.values)] as uPlot.AlignedData,
      target,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(200, target.clientWidth), height }));
    resize.observe(target);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [x, series, zone, height, theme]);
  return <div ref={box} className="chart" role="img" aria-label={label} />;
}
