import { ValidationError, NotFoundError } from '../errors';
import { clipSchema, credentialSchema, type Credential, type Settings } from '../model';
import { clipTermsOf, tallyClipChanges, type ClipChange, type Store, type StoreName, type TallyTransaction } from '../store';
import { PENDING_STATES, workspaceKeys, type WorkspaceFootprint } from './footprint';

const STORES = ['workspaces', 'accounts', 'credentials', 'posts', 'deliveries', 'streams', 'inbox', 'metrics', 'clips', 'clipTerms', 'clipTally', 'settings'] as const satisfies StoreName[];

/**
 * Deletes a workspace and everything that hangs off it, in one transaction: its accounts and
 * their credentials, posts and every delivery (scheduled ones will not go out), streams, inbox
 * items and metrics. Clips filed in another workspace too only lose this one; the rest go.
 * The last workspace cannot be deleted. If it was the active one, the next one becomes active.
 * The sign-ins it deleted are returned (never beyond the background) so the caller can end them at
 * their servers too (lib/accounts/sign-out.ts).
 */
export async function deleteWorkspace(store: Store, workspaceId: string): Promise<WorkspaceFootprint & { activeWorkspaceId: string | null; signIns: Credential['secret'][] }> {
  const tx = store.db.transaction(STORES, 'readwrite');
  const abort = async (error: Error) => {
    tx.abort();
    await tx.done.catch(() => undefined); // the abort we just asked for
    return Promise.reject(error);
  };
  const ids = (await tx.objectStore('workspaces').getAllKeys()).map(String);
  if (!ids.includes(workspaceId)) return abort(new NotFoundError(`Workspace ${workspaceId} no longer exists.`));
  if (ids.length === 1) return abort(new ValidationError('This is your only workspace. Create another one before deleting it.'));

  const keys = await workspaceKeys(tx as never, workspaceId);
  const settings = (await tx.objectStore('settings').get('settings')) as Settings | undefined;
  const remaining = ids.filter((id) => id !== workspaceId);
  const signIns: Credential['secret'][] = [];
  for (const id of keys.accountIds) {
    const credential = credentialSchema.safeParse(await tx.objectStore('credentials').get(id));
    if (credential.success) signIns.push(credential.data.secret);
  }
  const writes: Promise<unknown>[] = [tx.objectStore('workspaces').delete(workspaceId)];
  for (const id of keys.accountIds) writes.push(tx.objectStore('accounts').delete(id), tx.objectStore('credentials').delete(id));
  for (const id of keys.postIds) writes.push(tx.objectStore('posts').delete(id));
  for (const delivery of keys.deliveries) writes.push(tx.objectStore('deliveries').delete(delivery.id));
  for (const id of keys.streamIds) writes.push(tx.objectStore('streams').delete(id));
  for (const id of keys.inboxIds) writes.push(tx.objectStore('inbox').delete(id));
  for (const id of keys.metricIds) writes.push(tx.objectStore('metrics').delete(id));
  let clipsOnlyHere = 0;
  const clipChanges: ClipChange[] = [];
  for (const raw of keys.clips) {
    const others = (raw.workspaceIds ?? []).filter((id) => id !== workspaceId);
    if (others.length === 0) {
      clipsOnlyHere++;
      writes.push(tx.objectStore('clips').delete(raw.id), tx.objectStore('clipTerms').delete(raw.id));
      clipChanges.push({ before: raw, after: undefined });
      continue;
    }
    const clip = clipSchema.safeParse({ ...raw, workspaceIds: others });
    // A damaged clip is left exactly as it is (it shows flagged in the Queue); only valid rows are rewritten.
    if (!clip.success) continue;
    writes.push(tx.objectStore('clips').put(clip.data), tx.objectStore('clipTerms').put(clipTermsOf(clip.data)));
    clipChanges.push({ before: raw, after: clip.data });
  }
  // The queue's counts move with the clips, in the same transaction.
  writes.push(tallyClipChanges(tx as unknown as TallyTransaction, clipChanges));
  let activeWorkspaceId = settings?.activeWorkspaceId ?? null;
  if (settings && (activeWorkspaceId === workspaceId || activeWorkspaceId === null)) {
    activeWorkspaceId = remaining[0] ?? null;
    writes.push(tx.objectStore('settings').put({ ...settings, activeWorkspaceId }));
  }
  await Promise.all([...writes, tx.done]);
  for (const name of STORES) store.feed.publish({ store: name, keys: [], op: 'delete' });
  return {
    activeWorkspaceId,
    signIns,
    accounts: keys.accountIds.length,
    posts: keys.postIds.length,
    deliveries: keys.deliveries.length,
    pending: keys.deliveries.filter((d) => PENDING_STATES.has(d.state ?? '')).length,
    published: keys.deliveries.filter((d) => d.state === 'published').length,
    streams: keys.streamIds.length,
    clipsOnlyHere,
  };
}
