import { useCallback, useState } from 'react';
import { loadBestTimes } from '@/lib/analytics/best-time-history';
import type { GapSuggestion } from '@/lib/analytics/plan-gaps';
import type { Account, Workspace } from '@/lib/model';
import { addTime } from '@/lib/schedule/slot-editor';
import { errorText } from '../common/error-text';
import { useLiveQuery, useServices } from '../common/store-context';
import { slotWords } from '../insights/best-time-words';

/**
 * Best times of the workspace's accounts (for the gaps' suggestions) and the one action a
 * suggestion offers: add its hour to the account's weekly schedule, so "Add to queue" fills it.
 */
export function usePlanGaps(workspace: Workspace | null, accounts: Account[]) {
  const { store, request } = useServices();
  const [status, setStatus] = useState('');
  // Metrics, not deliveries: a post only teaches anything once its numbers have been read.
  const measuredKey = accounts.map((a) => `${a.id}:${a.publishMode}`).join(' ');
  const best = useLiveQuery(['metrics'], async (s) => (workspace ? loadBestTimes(s, workspace, accounts) : []), [workspace?.id, workspace?.timeZone, measuredKey]);
  const addSlot = useCallback(
    async ({ accountId, slot }: GapSuggestion) => {
      const handle = accounts.find((a) => a.id === accountId)?.handle ?? accountId;
      try {
        await store.accounts.update(accountId, (current) => current && { ...current, schedule: addTime(current.schedule, slot.weekday, slot.time), updatedAt: Date.now() });
        setStatus(`Added ${slotWords(slot)} to @${handle}’s posting schedule: “Add to queue” in Compose fills it.`);
        // Stored either way; the background re-reads the schedule when it starts, so only report.
        await request('schedule.changed', {}).catch((error: unknown) => setStatus(errorText(error)));
      } catch (error) {
        setStatus(errorText(error));
      }
    },
    [store, request, accounts],
  );
  return { best: best ?? [], addSlot, status };
}
