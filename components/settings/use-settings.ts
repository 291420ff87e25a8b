import { useCallback } from 'react';
import type { Settings } from '@/lib/model';
import { errorText } from '../common/error-text';
import { useSettingsWrite } from '../data/settings';

/** Saves a patch of settings in one read-check-write and reports in words. */
export function useSaveSettings(onStatus: (text: string) => void) {
  const write = useSettingsWrite();
  return useCallback(
    async (patch: Partial<Omit<Settings, 'v' | 'id'>>) => {
      try {
        await write(patch);
        onStatus('Saved.');
      } catch (error) {
        onStatus(errorText(error));
      }
    },
    [write, onStatus],
  );
}

export interface SectionProps {
  settings: Settings;
  onStatus: (text: string) => void;
}
