import { useCallback, useState } from 'react';
import type { GapSuggestion } from '@/lib/analytics/plan-gaps';
import type { Account, Workspace } from '@/lib/model';
import { addTime } from '@/lib/schedule/slot-editor';
import { errorText } from '../common/error-text';
import { useSetPostingSchedule } from '../data/accounts';
import { useBestTimes } from '../data/calendar';
import { slotWords } from '../insights/best-time-words';

/**
 * Best times of the workspace's accounts (for the gaps' suggestions) and the one action a
 * suggestion offers: add its hour to the account's weekly schedule, so "Add to queue" fills it.
 */
export function usePlanGaps(workspace: Workspace | null, accounts: Account[]) {
  const setPostingSchedule = useSetPostingSchedule();
  const [status, setStatus] = useState('');
  // Metrics, not deliveries: a post only teaches anything once its numbers have been read.
  const measuredKey = accounts.map((a) => `${a.id}:${a.publishMode}`).join(' ');
  const best = useBestTimes(workspace, accounts, measuredKey);
  const addSlot = useCallback(
    async ({ accountId, slot }: GapSuggestion) => {
      const handle = accounts.find((a) => a.id === accountId)?.handle ?? accountId;
      try {
        const { nudgeFailed } = await setPostingSchedule(accountId, (schedule) => addTime(schedule, slot.weekday, slot.time));
        setStatus(`Added ${slotWords(slot)} to @${handle}’s posting schedule: “Add to queue” in Compose fills it.`);
        // Stored either way; the background re-reads the schedule when it starts, so only report.
        if (nudgeFailed) setStatus(nudgeFailed);
      } catch (error) {
        setStatus(errorText(error));
      }
    },
    [setPostingSchedule, accounts],
  );
  return { best: best ?? [], addSlot, status };
}
