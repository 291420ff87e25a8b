import { buildInsights, type Insights } from '@/lib/analytics/insights';
import { loadInsightsRows, type InsightsRows } from '@/lib/analytics/load';
import { rangeOfDates } from '@/lib/analytics/range';
import { openStore } from '@/lib/store';

export type Loaded = { rows: InsightsRows; insights: Insights } | { error: string };

/** The report page's one read: its own connection, closed when read (the page is not the panel). */
export async function loadReport(params: URLSearchParams): Promise<Loaded> {
  const [workspaceId, from, to] = [params.get('workspace'), params.get('from'), params.get('to')];
  if (!workspaceId || !from || !to) return { error: 'This report link is missing its workspace or dates. Open it again from Insights.' };
  const store = await openStore();
  try {
    const workspace = await store.workspaces.get(workspaceId);
    if (!workspace?.ok) return { error: 'That workspace no longer exists.' };
    const range = rangeOfDates(from, to, workspace.value.timeZone);
    const rows = await loadInsightsRows(store, workspaceId, range);
    if (!rows) return { error: 'That workspace no longer exists.' };
    return { rows, insights: buildInsights(rows, range, params.get('account')) };
  } finally {
    store.close();
  }
}
