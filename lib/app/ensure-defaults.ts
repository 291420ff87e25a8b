import { defaultSettings, newId, type Settings, type Workspace } from '../model';
import type { Store } from '../store';

/**
 * First run: one workspace in the browser's time zone, and settings pointing at it. Existing
 * rows are never replaced: a damaged settings row stays as it is (and shows as flagged).
 */
export async function ensureDefaults(store: Store, now: () => number, timeZone: string): Promise<Settings | null> {
  const workspaces = await store.workspaces.count();
  let firstWorkspace: Workspace | null = null;
  if (workspaces === 0) {
    const at = now();
    firstWorkspace = await store.workspaces.put({
      v: 1,
      id: newId('ws'),
      name: 'My brand',
      timeZone,
      color: '#3b6ef5',
      createdAt: at,
      updatedAt: at,
    });
  }
  const existing = await store.settings.get('settings');
  if (existing && !existing.ok) return null;
  if (existing?.ok && (existing.value.activeWorkspaceId || !firstWorkspace)) return existing.value;
  return store.settings.put({ ...(existing?.ok ? existing.value : defaultSettings()), activeWorkspaceId: firstWorkspace?.id ?? null });
}
