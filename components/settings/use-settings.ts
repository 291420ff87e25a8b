import { useCallback } from 'react';
import type { Settings } from '@/lib/model';
import { errorText } from '../common/error-text';
import { useServices } from '../common/store-context';

/** Saves a patch of settings in one read-check-write and reports in words. */
export function useSaveSettings(onStatus: (text: string) => void) {
  const { store } = useServices();
  return useCallback(
    async (patch: Partial<Omit<Settings, 'v' | 'id'>>) => {
      try {
        await store.settings.update('settings', (current) => current && { ...current, ...patch });
        onStatus('Saved.');
      } catch (error) {
        onStatus(errorText(error));
      }
    },
    [store, onStatus],
  );
}

export interface SectionProps {
  settings: Settings;
  onStatus: (text: string) => void;
}
