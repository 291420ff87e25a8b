import { useMemo } from 'react';
import { confirmImported, draftImported } from '@/lib/schedule/imported';
import { useScheduleWrite } from './schedule';

/** Confirm the held imports (this browser publishes them) or move them to drafts; the background is told either way. */
export function useImportedActions() {
  const scheduleWrite = useScheduleWrite();
  return useMemo(
    () => ({
      confirm: (now: number) => scheduleWrite((store) => confirmImported(store, now)),
      toDrafts: (now: number) => scheduleWrite((store) => draftImported(store, now)),
    }),
    [scheduleWrite],
  );
}
