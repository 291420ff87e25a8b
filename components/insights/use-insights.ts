import { useMemo } from 'react';
import { buildInsights, type Insights } from '@/lib/analytics/insights';
import type { InsightsRows } from '@/lib/analytics/load';
import { rangeOfDates } from '@/lib/analytics/range';
import { useInsightsRows } from '../data/insights';

export interface InsightsQuery {
  workspaceId: string;
  accountId: string | null;
  from: string;
  to: string;
}

/** Rows for the workspace and range, re-read after every write; insights computed from them. */
export function useInsights(query: InsightsQuery | null, zone: string | null): { rows: InsightsRows | null; insights: Insights | null } | undefined {
  const range = useMemo(() => (query && zone ? rangeOfDates(query.from, query.to, zone) : null), [query?.from, query?.to, zone]); // eslint-disable-line react-hooks/exhaustive-deps
  const rows = useInsightsRows(query?.workspaceId ?? null, range);
  const insights = useMemo(() => (rows && range && query ? buildInsights(rows, range, query.accountId) : null), [rows, range, query?.accountId]); // eslint-disable-line react-hooks/exhaustive-deps
  return rows === undefined ? undefined : { rows, insights };
}
