import { useCallback } from 'react';
import { checkPlan, type PlannedPost } from '@/lib/bulk/check-plan';
import { exportPlan } from '@/lib/bulk/export-plan';
import { importPlan } from '@/lib/bulk/import-plan';
import { readPlan } from '@/lib/bulk/read-plan';
import type { Account, Workspace } from '@/lib/model';
import { useScheduleWrite } from './schedule';
import { useStore } from './store-context';

/**
 * Bulk posts (issue 22): check a CSV against the workspace (nothing written), import a checked plan
 * all or nothing (then the publisher is told, once), and export the plan as CSV.
 */
export function useBulkPosts(workspace: Workspace, accounts: readonly Account[]) {
  const store = useStore();
  const scheduleWrite = useScheduleWrite();
  return {
    check: useCallback((csv: string, now = Date.now()): PlannedPost[] => checkPlan(readPlan(csv), { workspace, accounts, now }), [workspace, accounts]),
    importChecked: useCallback((plan: readonly PlannedPost[]) => scheduleWrite((s) => importPlan(s, plan, Date.now())), [scheduleWrite]),
    exportCsv: useCallback(() => exportPlan(store, workspace), [store, workspace]),
  };
}
