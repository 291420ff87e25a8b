import { useEffect, useState } from 'react';
import { loadReport as load, type Loaded } from '../data/report';
import { EngagementChart } from '../insights/EngagementChart';
import { ExperimentList } from '../insights/ExperimentList';
import { FollowerChart } from '../insights/FollowerChart';
import { formatDateRange } from '../insights/format-dates';
import { GroupTable } from '../insights/GroupTable';
import { ResponseTable } from '../insights/ResponseTable';
import { SummaryCards } from '../insights/SummaryCards';
import { TopPosts } from '../insights/TopPosts';
import { WeekHeatmap } from '../insights/WeekHeatmap';
import '../insights/insights.css';
import './report.css';
import { Button } from '../ui/Button';

/** The client report: what was posted, how it did, when the audience talks, how fast we answered. */
export function ReportPage({ params }: { params: URLSearchParams }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    load(params).then(setLoaded, (error: unknown) => setLoaded({ error: error instanceof Error ? error.message : String(error) }));
  }, [params]);
  if (!loaded) return <p aria-busy="true">Preparing the report…</p>;
  if ('error' in loaded)
    return (
      <main className="report" role="alert">
        <p>{loaded.error}</p>
      </main>
    );
  const { rows, insights } = loaded;
  const accounts = rows.accounts.filter((a) => !params.get('account') || a.id === params.get('account'));
  const first = insights.days[0]?.date;
  const last = insights.days.at(-1)?.date;
  return (
    <main className="report" data-testid="report">
      <header className="report__header">
        <h1>{rows.workspace.name}: social media report</h1>
        <p>
          {first && last ? formatDateRange(first, last) : ''} · {accounts.map((a) => `${a.handle} (${a.network})`).join(', ')} · times in {insights.zone}
        </p>
        <Button type="button" className="report__print" onClick={() => print()}>
          Print or save as PDF
        </Button>
      </header>
      <section>
        <h2>At a glance</h2>
        <SummaryCards totals={insights.totals} />
      </section>
      <section>
        <h2>Engagement over time</h2>
        <EngagementChart days={insights.days} zone={insights.zone} openTable />
      </section>
      <section>
        <h2>Top posts</h2>
        <TopPosts top={insights.top} accounts={rows.accounts} zone={insights.zone} />
      </section>
      <section className="report__break">
        <h2>When the audience responds</h2>
        <WeekHeatmap grid={insights.audienceGrid} measure="count" title="Mentions and replies received" zone={insights.zone} />
        <WeekHeatmap grid={insights.postGrid} measure="mean" title="Engagement per post by publish time" zone={insights.zone} />
      </section>
      <section>
        <h2>Followers</h2>
        <FollowerChart followers={insights.followers} accounts={rows.accounts} zone={insights.zone} />
      </section>
      <section>
        <h2>Response time</h2>
        <ResponseTable perAccount={insights.response.perAccount} accounts={rows.accounts} />
      </section>
      <section>
        <h2>Campaigns and pillars</h2>
        <GroupTable groups={insights.groups} />
      </section>
      {insights.experiments.length ? (
        <section>
          <h2>Experiments</h2>
          <ExperimentList experiments={insights.experiments} />
        </section>
      ) : null}
    </main>
  );
}
