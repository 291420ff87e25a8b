import { ValidationError, NotFoundError } from '../errors';
import { newId, workspaceSchema, type Workspace } from '../model';
import { validRows, type Store } from '../store';

/**
 * Workspaces: one per client. The active one lives in settings.activeWorkspaceId; every view
 * reads it from there, so switching is one settings write that the change feed announces.
 */

export const WORKSPACE_COLORS = ['#3b6ef5', '#d9480f', '#2b8a3e', '#ae3ec9', '#c92a2a', '#0b7285', '#e67700', '#495057'] as const;

/** Workspaces in a stable order (oldest first, then by name): the switcher and the command cycle through it. */
export async function listWorkspaces(store: Store): Promise<Workspace[]> {
  const rows = validRows(await store.workspaces.list());
  return rows.sort((a, b) => a.createdAt - b.createdAt || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

export interface WorkspaceInput {
  name: string;
  timeZone: string;
  color: string;
}

export async function createWorkspace(store: Store, input: WorkspaceInput, now: () => number): Promise<Workspace> {
  const at = now();
  const parsed = workspaceSchema.safeParse({ v: 1, id: newId('ws'), ...input, name: input.name.trim(), createdAt: at, updatedAt: at });
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  return store.workspaces.put(parsed.data);
}

export async function updateWorkspace(store: Store, id: string, patch: Partial<WorkspaceInput>, now: () => number): Promise<Workspace> {
  const saved = await store.workspaces.update(
    id,
    (current) => current && { ...current, ...patch, ...(patch.name ? { name: patch.name.trim() } : {}), updatedAt: now() },
  );
  if (!saved) throw new NotFoundError(`Workspace ${id} no longer exists.`);
  return saved;
}

export async function setActiveWorkspace(store: Store, id: string): Promise<void> {
  const workspace = await store.workspaces.get(id);
  if (!workspace?.ok) throw new NotFoundError(`Workspace ${id} no longer exists.`);
  const saved = await store.settings.update('settings', (current) => current && { ...current, activeWorkspaceId: id });
  if (!saved) throw new NotFoundError('Cadence has no settings yet; reload the extension.');
}

/** Makes the workspace after the active one active (wrapping round); returns it, or null when there is none. */
export async function nextWorkspace(store: Store, step: 1 | -1 = 1): Promise<Workspace | null> {
  const workspaces = await listWorkspaces(store);
  if (workspaces.length === 0) return null;
  const settings = await store.settings.get('settings');
  const activeId = settings?.ok ? settings.value.activeWorkspaceId : null;
  const index = workspaces.findIndex((workspace) => workspace.id === activeId);
  const next = workspaces[(index + step + workspaces.length) % workspaces.length]!;
  await setActiveWorkspace(store, next.id);
  return next;
}
