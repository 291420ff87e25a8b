import type { TeamServer } from '../messaging/protocols/runner';
import { teamIds } from '../model/team';
import type { Store } from '../store';
import { createCouch, type Couch } from './couch';
import { workspaceOfDb } from './documents';
import { databaseName } from './roles';

/**
 * The team server a shared workspace is linked to in Settings → Team (its link and the member's
 * password, kept in the background's team store), as the runner's hand-over takes it; null when
 * the workspace is not shared.
 */
export async function storedTeamServer(store: Store, workspaceId: string): Promise<TeamServer | null> {
  const [link, secret] = await store.team.getMany([teamIds.link(workspaceId), teamIds.secret(workspaceId)]);
  if (!link?.ok || link.value.kind !== 'link' || !secret?.ok || secret.value.kind !== 'secret') return null;
  return { url: link.value.url, user: link.value.user, password: secret.value.password, workspaceId: workspaceOfDb(link.value.db) };
}

export function openTeamServer(server: TeamServer, fetch: typeof globalThis.fetch): { couch: Couch; db: string } {
  return { couch: createCouch({ url: server.url, user: server.user, password: server.password, fetch }), db: databaseName(server.workspaceId) };
}
