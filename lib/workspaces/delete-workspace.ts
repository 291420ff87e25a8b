import { TEAM_BY_WORKSPACE_KIND } from '../store/migrations/008-team';
import { ValidationError, NotFoundError } from '../errors';
import { isStoredSrc, keyOfSrc } from '../compose/media-store';
import { clipSchema, credentialSchema, postSchema, type Credential, type Settings } from '../model';
import type { Store, StoreName } from '../store';
import { PENDING_STATES, workspaceKeys, type WorkspaceFootprint } from './footprint';

// The batch adds the clip search index and the tally (lib/store/collection.ts).
const STORES: StoreName[] = [
  'workspaces',
  'accounts',
  'credentials',
  'posts',
  'deliveries',
  'streams',
  'streamResults',
  'savedReplies',
  'pollState',
  'inbox',
  'metrics',
  'clips',
  'settings',
  'feeds',
  'team',
];

/**
 * Deletes a workspace and everything that hangs off it, in one transaction: its accounts and
 * their credentials and poll state, posts and every delivery (scheduled ones will not go out),
 * streams and what they found, saved replies, inbox items, metrics and feeds. Clips filed in
 * another workspace too only lose this one; the rest go. The post images and templates kept in the
 * media database go after the commit (another database: lib/workspaces/delete-workspace-media.ts),
 * from the image keys returned here.
 * The last workspace cannot be deleted. If it was the active one, the next one becomes active.
 * The sign-ins it deleted are returned (never beyond the background) so the caller can end them at
 * their servers too (lib/accounts/sign-out.ts).
 */
export async function deleteWorkspace(
  store: Store,
  workspaceId: string,
): Promise<WorkspaceFootprint & { activeWorkspaceId: string | null; signIns: Credential['secret'][]; imageKeys: string[] }> {
  const batch = store.batch(STORES);
  const { tx } = batch;
  const abort = async (error: Error) => {
    await batch.abort();
    return Promise.reject(error);
  };
  const ids = (await tx.objectStore('workspaces').getAllKeys()).map(String);
  if (!ids.includes(workspaceId)) return abort(new NotFoundError(`Workspace ${workspaceId} no longer exists.`));
  if (ids.length === 1) return abort(new ValidationError('This is your only workspace. Create another one before deleting it.'));

  const keys = await workspaceKeys(tx, workspaceId);
  const settings = (await tx.objectStore('settings').get('settings')) as Settings | undefined;
  const remaining = ids.filter((id) => id !== workspaceId);
  const signIns: Credential['secret'][] = [];
  for (const id of keys.accountIds) {
    const credential = credentialSchema.safeParse(await tx.objectStore('credentials').get(id));
    if (credential.success) signIns.push(credential.data.secret);
  }
  // The images the posts carry live in the media database; their keys go to the caller
  // (read before the deletes below are queued: requests run in order).
  const imageKeys = new Set<string>();
  for (const id of keys.postIds) {
    const post = postSchema.safeParse(await tx.objectStore('posts').get(id));
    for (const media of post.success ? post.data.media : []) if (isStoredSrc(media.src)) imageKeys.add(keyOfSrc(media.src));
  }
  // Only clips are counted, so only their `before` matters; the other stores derive nothing.
  const writes: Promise<unknown>[] = [batch.delete('workspaces', workspaceId, undefined)];
  for (const id of keys.accountIds) writes.push(batch.delete('accounts', id, undefined), batch.delete('credentials', id, undefined));
  for (const id of keys.postIds) writes.push(batch.delete('posts', id, undefined));
  for (const delivery of keys.deliveries) writes.push(batch.delete('deliveries', delivery.id, undefined));
  for (const id of keys.streamIds) writes.push(batch.delete('streams', id, undefined));
  const resultIds = await tx
    .objectStore('streamResults')
    .index('by-workspace-createdAt')
    .getAllKeys(IDBKeyRange.bound([workspaceId, -Infinity], [workspaceId, []]));
  for (const id of resultIds.map(String)) writes.push(batch.delete('streamResults', id, undefined));
  for (const id of (await tx.objectStore('savedReplies').index('by-workspace').getAllKeys(workspaceId)).map(String))
    writes.push(batch.delete('savedReplies', id, undefined));
  for (const id of keys.accountIds) writes.push(batch.delete('pollState', id, undefined));
  for (const id of keys.inboxIds) writes.push(batch.delete('inbox', id, undefined));
  for (const id of keys.metricIds) writes.push(batch.delete('metrics', id, undefined));
  // Its team side goes with it (issue 23): the link, the password and the mirrors. Without the
  // mirrors' link no sync runs, so deleting here never deletes the team's copy on the server.
  const teamKeys = await tx
    .objectStore('team')
    .index(TEAM_BY_WORKSPACE_KIND)
    .getAllKeys(IDBKeyRange.bound([workspaceId, ''], [workspaceId, '\uffff']));
  for (const id of teamKeys.map(String)) writes.push(batch.delete('team', id, undefined));
  // The feeds it follows go with it (issue 22); the clips they brought follow the clip rule below.
  for (const id of (await tx.objectStore('feeds').index('by-workspace').getAllKeys(workspaceId)).map(String)) writes.push(batch.delete('feeds', id, undefined));
  let clipsOnlyHere = 0;
  for (const raw of keys.clips) {
    const others = (raw.workspaceIds ?? []).filter((id) => id !== workspaceId);
    if (others.length === 0) {
      clipsOnlyHere++;
      writes.push(batch.delete('clips', raw.id, raw));
      continue;
    }
    const clip = clipSchema.safeParse({ ...raw, workspaceIds: others });
    // A damaged clip is left exactly as it is (it shows flagged in the Queue); only valid rows are rewritten.
    if (!clip.success) continue;
    writes.push(batch.put('clips', clip.data, raw));
  }
  let activeWorkspaceId = settings?.activeWorkspaceId ?? null;
  if (settings && (activeWorkspaceId === workspaceId || activeWorkspaceId === null)) {
    activeWorkspaceId = remaining[0] ?? null;
    writes.push(batch.put('settings', { ...settings, activeWorkspaceId }, settings));
  }
  await Promise.all(writes);
  // The queue's counts move with the clips, in the same transaction; each store written is announced once.
  await batch.commit();
  return {
    activeWorkspaceId,
    signIns,
    imageKeys: [...imageKeys],
    accounts: keys.accountIds.length,
    posts: keys.postIds.length,
    deliveries: keys.deliveries.length,
    pending: keys.deliveries.filter((d) => PENDING_STATES.has(d.state ?? '')).length,
    published: keys.deliveries.filter((d) => d.state === 'published').length,
    streams: keys.streamIds.length,
    clipsOnlyHere,
  };
}
