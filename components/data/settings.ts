import { useCallback } from 'react';
import type { Settings } from '@/lib/model';
import { useStore } from './store-context';

/**
 * Saves a patch of the preferences in one read-check-write: a local edit. The background reads
 * settings when it acts (late policy, notifications, polling), so it needs no word.
 */
export function useSettingsWrite() {
  const store = useStore();
  return useCallback(
    (patch: Partial<Omit<Settings, 'v' | 'id'>>) => store.settings.update('settings', (current) => current && { ...current, ...patch }),
    [store],
  );
}
