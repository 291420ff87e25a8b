import { useCallback } from 'react';
import type { Slot } from '@/lib/model';
import { useScheduleWrite } from './schedule';

/** Changes an account's posting slots in one read-check-write; the background is told (slots decide where "Add to queue" puts posts). */
export function useSetPostingSchedule() {
  const scheduleWrite = useScheduleWrite();
  return useCallback(
    (accountId: string, change: (slots: Slot[]) => Slot[]) =>
      scheduleWrite((store) => store.accounts.update(accountId, (current) => current && { ...current, schedule: change(current.schedule), updatedAt: Date.now() })),
    [scheduleWrite],
  );
}
