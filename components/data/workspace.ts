import { useMemo } from 'react';
import { repairSettings } from '@/lib/app/repair-settings';
import type { Account, Settings, Workspace } from '@/lib/model';
import { validRows, type Row, type Store } from '@/lib/store';
import { workspaceFootprint } from '@/lib/workspaces/footprint';
import { createWorkspace, listWorkspaces, nextWorkspace, setActiveWorkspace, updateWorkspace, type WorkspaceInput } from '@/lib/workspaces/workspaces';
import { useLiveQuery, useStore } from './store-context';

/** The settings row as stored: undefined while it loads or before first run, flagged when damaged. */
export function useSettingsRow(): Row<Settings> | undefined {
  return useLiveQuery(['settings'], (store) => store.settings.get('settings'), []);
}

/** The active workspace's id: undefined while loading, null when none is chosen (or settings are damaged). */
export function useActiveWorkspaceId(): string | null | undefined {
  return useLiveQuery(
    ['settings'],
    async (store) => {
      const settings = await store.settings.get('settings');
      return (settings?.ok ? settings.value.activeWorkspaceId : null) ?? null;
    },
    [],
  );
}

export interface WorkspaceScope {
  workspace: Workspace | null;
  /** The workspace's accounts, every kind. */
  accounts: Account[];
}

/** The active workspace and its accounts, live: undefined while loading. */
export function useActiveWorkspace(): WorkspaceScope | undefined {
  return useLiveQuery(
    ['settings', 'workspaces', 'accounts'],
    async (store) => {
      const settings = await store.settings.get('settings');
      const workspaceId = settings?.ok ? settings.value.activeWorkspaceId : null;
      const workspace = workspaceId ? await store.workspaces.get(workspaceId) : undefined;
      if (!workspace?.ok) return { workspace: null, accounts: [] };
      return { workspace: workspace.value, accounts: validRows(await store.accounts.list({ index: 'by-workspace', query: workspace.value.id })) };
    },
    [],
  );
}

/** Every workspace and every account, with the active workspace's id (Insights looks across them). */
export function useAllWorkspaces(): { workspaces: Workspace[]; accounts: Account[]; activeId: string | null } | undefined {
  return useLiveQuery(
    ['workspaces', 'settings', 'accounts'],
    async (store) => {
      const settings = await store.settings.get('settings');
      return {
        workspaces: validRows(await store.workspaces.list()),
        activeId: settings?.ok ? settings.value.activeWorkspaceId : null,
        accounts: validRows(await store.accounts.list()),
      };
    },
    [],
  );
}

/** Every workspace, live: undefined while loading. */
export function useWorkspaceList(): Workspace[] | undefined {
  return useLiveQuery(['workspaces'], listWorkspaces, []);
}

/**
 * The active workspace's row, or null. Here and not in ./calendar.ts, which the panel's first
 * bundle then imported whole, with luxon and twitter-text behind it (issue 20).
 */
export async function activeWorkspace(store: Store): Promise<Workspace | null> {
  const settings = await store.settings.get('settings');
  const workspaceId = settings?.ok ? settings.value.activeWorkspaceId : null;
  const workspace = workspaceId ? await store.workspaces.get(workspaceId) : undefined;
  return workspace?.ok ? workspace.value : null;
}

/** The active workspace's row, live: undefined while loading, null when there is none. */
export function useActiveWorkspaceRow(): Workspace | null | undefined {
  return useLiveQuery(['settings', 'workspaces'], activeWorkspace, []);
}

/**
 * Local edits of workspaces and of which one is active. None needs the background: it reads the
 * active workspace when it acts, and deleting one goes through it (`workspace.delete`).
 */
export function useWorkspaceActions() {
  const store = useStore();
  return useMemo(
    () => ({
      switchTo: (id: string) => setActiveWorkspace(store, id),
      /** Makes the next workspace active (Alt+W); resolves with it, or null when there is only one. */
      next: () => nextWorkspace(store),
      create: (input: WorkspaceInput) => createWorkspace(store, input, Date.now),
      update: (id: string, patch: Partial<WorkspaceInput>) => updateWorkspace(store, id, patch, Date.now),
      /** What deleting the workspace would remove, counted. */
      footprint: (id: string) => workspaceFootprint(store, id),
      /** Puts damaged settings back to their defaults; workspaces and everything in them stay. */
      repairSettings: () => repairSettings(store),
    }),
    [store],
  );
}
