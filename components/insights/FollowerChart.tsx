import { useMemo } from 'react';
import type { Insights } from '@/lib/analytics/insights';
import type { Account } from '@/lib/model';
import { DataTable } from './DataTable';
import { formatSigned } from './format';
import { formatDay } from './format-dates';
import { UplotChart, type ChartSeries } from './UplotChart';

const COLORS = ['--accent', '--warn', '--danger', '--muted'];

export function FollowerChart({ followers, accounts, zone }: { followers: Insights['followers']; accounts: Account[]; zone: string }) {
  const handle = (id: string) => accounts.find((a) => a.id === id)?.handle ?? id;
  const measured = followers.filter((f) => f.points.some((p) => p.followers !== null));
  const x = useMemo(() => followers[0]?.points.map((p) => p.start) ?? [], [followers]);
  const series = useMemo<ChartSeries[]>(
    () => measured.map((f, i) => ({ label: handle(f.accountId), values: f.points.map((p) => p.followers), color: COLORS[i % COLORS.length]! })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- derived from followers
    [followers],
  );
  if (measured.length === 0) return <p className="muted">No follower readings in this range yet: Cadence reads them once a day.</p>;
  return (
    <figure className="insights-figure">
      <figcaption>Followers</figcaption>
      <UplotChart x={x} series={series} zone={zone} height={150} label="Followers per day for each account; the table below has the numbers" />
      <DataTable
        caption="Followers"
        head={['Account', 'Change', ...measured[0]!.points.map((p) => formatDay(p.date))]}
        rows={measured.map((f) => [handle(f.accountId), formatSigned(f.change), ...f.points.map((p) => p.followers ?? '—')])}
      />
    </figure>
  );
}
