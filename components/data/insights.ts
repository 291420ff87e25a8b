import { loadInsightsRows, type InsightsRows } from '@/lib/analytics/load';
import { useLiveQuery } from './store-context';

/** Insights' rows for a workspace and a range of instants, re-read after every write they depend on; null without either. */
export function useInsightsRows(workspaceId: string | null, range: { from: number; to: number } | null): InsightsRows | null | undefined {
  return useLiveQuery(
    ['deliveries', 'metrics', 'posts', 'accounts', 'inbox', 'workspaces'],
    async (store) => (workspaceId && range ? loadInsightsRows(store, workspaceId, range) : null),
    [workspaceId, range?.from, range?.to],
  );
}
