import { useEffect, useState } from 'react';
import { postsCsv } from '@/lib/analytics/export-csv';
import { lastDays } from '@/lib/analytics/range';
import type { Account, Slot } from '@/lib/model';
import { EmptyState } from '../ui/EmptyState';
import { errorText } from '../common/error-text';
import { useSetPostingSchedule } from '../data/accounts';
import { useServices } from '../data/store-context';
import { useAllWorkspaces } from '../data/workspace';
import { BestTimes } from './BestTimes';
import { EngagementChart } from './EngagementChart';
import { ExperimentList } from './ExperimentList';
import { FollowerChart } from './FollowerChart';
import { GroupTable } from './GroupTable';
import { InsightsFilters } from './InsightsFilters';
import { ResponseTable } from './ResponseTable';
import { SummaryCards } from './SummaryCards';
import { TopPosts } from './TopPosts';
import { useInsights, type InsightsQuery } from './use-insights';
import { WeekHeatmap } from './WeekHeatmap';
import './insights.css';
import { Button } from '../ui/Button';
import { LoadingState } from '../ui/LoadingState';

/** Lazy-loaded (see ViewPanel): uPlot and the analytics are not paid for by the panel's first paint. */
export default function InsightsView() {
  const { request } = useServices();
  const setPostingSchedule = useSetPostingSchedule();
  const base = useAllWorkspaces();
  const [query, setQuery] = useState<InsightsQuery | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    if (query || !base?.workspaces.length) return;
    const workspace = base.workspaces.find((w) => w.id === base.activeId) ?? base.workspaces[0]!;
    setQuery({ workspaceId: workspace.id, accountId: null, ...lastDays(30, Date.now(), workspace.timeZone) });
  }, [base, query]);
  const workspace = base?.workspaces.find((w) => w.id === query?.workspaceId) ?? null;
  const data = useInsights(query, workspace?.timeZone ?? null);

  if (!base) return <LoadingState label="Loading insights…" />;
  if (base.workspaces.length === 0) {
    return (
      <EmptyState title="No numbers yet">
        <p>
          Create a workspace and connect an account in Settings. Once posts are published, Cadence reads their likes, reposts and replies at 1 hour, 1 day and 1
          week, and charts them here.
        </p>
      </EmptyState>
    );
  }
  if (!query || !workspace) return <LoadingState label="Loading insights…" />;
  const accounts = base.accounts.filter((a) => a.workspaceId === workspace.id);
  const insights = data?.insights;

  const refresh = async () => {
    setStatus('Reading the latest numbers…');
    try {
      const result = await request('insights.collect', {});
      setStatus(
        `${result.sampled} post readings and ${result.followerReadings} follower readings taken.${result.failures.length ? ` ${result.failures.length} account(s) could not be read.` : ''}`,
      );
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  const download = () => {
    if (!insights) return;
    const blob = new Blob([postsCsv(insights.items, accounts, workspace.timeZone)], { type: 'text/csv;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${workspace.name} posts ${query.from} to ${query.to}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };
  const openReport = () => {
    const params = new URLSearchParams({ workspace: workspace.id, from: query.from, to: query.to, ...(query.accountId ? { account: query.accountId } : {}) });
    window.open(new URL(`report.html?${params}`, location.href).href, '_blank', 'noopener');
  };
  const takeSlots = async (account: Account, slots: Slot[]) => {
    await setPostingSchedule(account.id, () => slots); // a failed nudge is not said: the calendar re-reads the schedule itself
    setStatus(`${account.handle}'s posting schedule is now ${slots.length} suggested slots.`);
  };

  return (
    <section aria-label="Insights" className="insights">
      <h2 className="view-title">Insights</h2>
      <InsightsFilters query={query} workspaces={base.workspaces} accounts={accounts} onChange={setQuery} />
      <div className="insights-actions">
        <Button type="button" onClick={() => void refresh()}>
          Refresh numbers
        </Button>
        <Button type="button" onClick={download} disabled={!insights?.items.length}>
          Export CSV
        </Button>
        <Button type="button" onClick={openReport}>
          Client report
        </Button>
      </div>
      <p role="status" aria-live="polite" className="muted" data-testid="insights-status">
        {status}
      </p>
      {!insights ? (
        <LoadingState label="Loading insights…" />
      ) : (
        <>
          <SummaryCards totals={insights.totals} />
          <h3>Engagement over time</h3>
          <EngagementChart days={insights.days} zone={insights.zone} />
          <h3>Top posts</h3>
          <TopPosts top={insights.top} accounts={accounts} zone={insights.zone} />
          <h3>When to post</h3>
          <WeekHeatmap grid={insights.audienceGrid} measure="count" title="Mentions and replies received" zone={insights.zone} />
          <WeekHeatmap grid={insights.postGrid} measure="mean" title="Engagement per post by publish time" zone={insights.zone} />
          <BestTimes bestTimes={insights.bestTimes} accounts={accounts} onUse={(account, slots) => void takeSlots(account, slots)} />
          <h3>Followers</h3>
          <FollowerChart followers={insights.followers} accounts={accounts} zone={insights.zone} />
          <h3>Response time</h3>
          <ResponseTable perAccount={insights.response.perAccount} accounts={accounts} />
          <h3>Campaigns and pillars</h3>
          <GroupTable groups={insights.groups} />
          <h3>Experiments</h3>
          <ExperimentList experiments={insights.experiments} />
        </>
      )}
    </section>
  );
}
