import { defaultSettings, type Settings } from '../model';
import { validRows, type Store } from '../store';

/**
 * "Repair settings", the user's answer to a settings row that cannot be read (which stops every
 * capture, lib/platform/background.ts): preferences go back to their defaults and the oldest
 * workspace becomes the active one. Only that row is written; workspaces, accounts, posts and
 * clips are untouched. Nothing does this on its own: a damaged row stays until the user asks.
 */
export async function repairSettings(store: Store): Promise<Settings> {
  const [oldest] = validRows(await store.workspaces.list()).sort((a, b) => a.createdAt - b.createdAt);
  return store.settings.put({ ...defaultSettings(), activeWorkspaceId: oldest?.id ?? null });
}
