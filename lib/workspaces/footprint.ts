import type { IDBPTransaction } from 'idb';
import type { Store, StoreName } from '../store';

/** What deleting a workspace would remove, so the confirmation can say it in numbers. */
export interface WorkspaceFootprint {
  accounts: number;
  posts: number;
  deliveries: number;
  /** Deliveries still waiting to go out (scheduled, retrying, held, awaiting confirmation, publishing). */
  pending: number;
  published: number;
  streams: number;
  /** Clips filed only in this workspace; clips shared with another workspace stay there. */
  clipsOnlyHere: number;
}

export const PENDING_STATES: ReadonlySet<string> = new Set(['scheduled', 'retrying', 'held', 'awaiting-confirmation', 'publishing']);

type AnyTx = IDBPTransaction<unknown, StoreName[], IDBTransactionMode>;

/** Every key to remove for one workspace, read inside `tx` so a delete sees exactly what it counted. */
export async function workspaceKeys(tx: AnyTx, workspaceId: string) {
  const under = (id: string) => IDBKeyRange.bound([id, -Infinity], [id, []]);
  const accountIds = (await tx.objectStore('accounts').index('by-workspace').getAllKeys(workspaceId)).map(String);
  const postIds = (await tx.objectStore('posts').index('by-workspace-updatedAt').getAllKeys(under(workspaceId))).map(String);
  // Deliveries through their posts: drafts have a null dueAt and so are missing from by-workspace-dueAt.
  const deliveries = (await Promise.all(postIds.map((id) => tx.objectStore('deliveries').index('by-post').getAll(id)))).flat() as {
    id: string;
    state?: string;
  }[];
  const streamIds = (await tx.objectStore('streams').index('by-workspace').getAllKeys(workspaceId)).map(String);
  const inboxIds = (await Promise.all(accountIds.map((id) => tx.objectStore('inbox').index('by-account-createdAt').getAllKeys(under(id))))).flat().map(String);
  const metricIds = (await Promise.all(accountIds.map((id) => tx.objectStore('metrics').index('by-account-takenAt').getAllKeys(under(id))))).flat().map(String);
  const clips = (await tx.objectStore('clips').index('by-workspace').getAll(workspaceId)) as { id: string; workspaceIds?: string[] }[];
  return { accountIds, postIds, deliveries, streamIds, inboxIds, metricIds, clips };
}

export async function workspaceFootprint(store: Store, workspaceId: string): Promise<WorkspaceFootprint> {
  const tx = store.db.transaction(['accounts', 'posts', 'deliveries', 'streams', 'inbox', 'metrics', 'clips'] satisfies StoreName[]);
  const keys = await workspaceKeys(tx as unknown as AnyTx, workspaceId);
  await tx.done;
  return {
    accounts: keys.accountIds.length,
    posts: keys.postIds.length,
    deliveries: keys.deliveries.length,
    pending: keys.deliveries.filter((delivery) => PENDING_STATES.has(delivery.state ?? '')).length,
    published: keys.deliveries.filter((delivery) => delivery.state === 'published').length,
    streams: keys.streamIds.length,
    clipsOnlyHere: keys.clips.filter((clip) => (clip.workspaceIds ?? []).length <= 1).length,
  };
}
