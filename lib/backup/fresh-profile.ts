import { settingsSchema, SETTINGS_ID, type Settings } from '../model';
import type { WriteTransaction } from '../store';

/**
 * A whole backup restored into a fresh profile gives back the same panel (issue 18, hole 10).
 * The first run of a browser makes a starter workspace and settings pointing at it
 * (lib/app/ensure-defaults.ts); kept beside the restored ones, the panel would open on that empty
 * workspace with this browser's settings. So when the profile holds nothing but that starter
 * workspace — no other workspace, nothing in any store, no template — the import replaces it
 * and takes the file's settings. Anything the user made here keeps the usual rule (kept, and a
 * stored settings row wins).
 */
export const CONTENT_STORES = ['accounts', 'clips', 'posts', 'deliveries', 'inbox', 'metrics', 'streams', 'streamResults', 'savedReplies', 'feeds'] as const;

/**
 * The starter workspace's id when the profile holds nothing else; null otherwise. A settings
 * row here that fails its schema is never replaced (it shows, flagged, for Repair settings).
 */
export async function untouchedStarter(tx: WriteTransaction, hasTemplates: boolean): Promise<string | null> {
  if (hasTemplates) return null;
  const settings = await tx.objectStore('settings').get(SETTINGS_ID);
  if (settings !== undefined && !settingsSchema.safeParse(settings).success) return null;
  const workspaces = await tx.objectStore('workspaces').getAllKeys();
  if (workspaces.length !== 1) return null;
  const counts = await Promise.all(CONTENT_STORES.map((name) => tx.objectStore(name).count()));
  return counts.every((n) => n === 0) ? String(workspaces[0]) : null;
}

/** The file's settings, pointing at a workspace the file holds. */
export function restoredSettings(settings: Settings, workspaceIds: readonly string[]): Settings {
  const active =
    settings.activeWorkspaceId !== null && workspaceIds.includes(settings.activeWorkspaceId) ? settings.activeWorkspaceId : (workspaceIds[0] ?? null);
  return { ...settings, activeWorkspaceId: active };
}
