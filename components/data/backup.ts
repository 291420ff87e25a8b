import { useMemo } from 'react';
import { exportBackup } from '@/lib/backup/export';
import { importBackup } from '@/lib/backup/import';
import { useScheduleWrite } from './schedule';
import { useStore } from './store-context';

type ExportOptions = Omit<Parameters<typeof exportBackup>[1], 'now'>;
type BackupFile = Parameters<typeof importBackup>[1];

/**
 * Backups: an export only reads; an import writes everything at once and may bring queued posts,
 * so the background is told after it (useScheduleWrite).
 */
export function useBackup() {
  const store = useStore();
  const scheduleWrite = useScheduleWrite();
  return useMemo(
    () => ({
      exportFile: (options: ExportOptions) => exportBackup(store, { ...options, now: Date.now }),
      importFile: (file: BackupFile, onProgress: (done: number, total: number) => void) => scheduleWrite((s) => importBackup(s, file, { onProgress })),
    }),
    [store, scheduleWrite],
  );
}
