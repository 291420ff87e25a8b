import { POSTS_BY_CAMPAIGN, type Store } from '../store';

/**
 * The campaign of each of a workspace's posts that has one, by post id, read from the posts'
 * [workspaceId, campaign] index without reading a post: one cursor step per campaign (the cursor
 * jumps from one campaign to the next) and one getAllKeys of its post ids. A workspace has a few
 * campaigns and a month thousands of posts (issue 20: reading and parsing every post of a busy month
 * for this one field was the largest part of the month render's reads).
 *
 * Invariants: a post without a campaign is not in the index, so it is not in the answer; a name is
 * trimmed as the bands show it, and a blank one counts as none (lib/analytics/campaign-bands.ts).
 */
export async function campaignsByPost(store: Store, workspaceId: string): Promise<Map<string, string>> {
  const tx = store.db.transaction('posts');
  const index = tx.store.index(POSTS_BY_CAMPAIGN);
  // Every [workspaceId, campaign] with a string campaign: strings sort after numbers and dates, before arrays.
  const workspace = IDBKeyRange.bound([workspaceId, ''], [workspaceId, []]);
  const campaigns: IDBValidKey[] = [];
  for (let cursor = await index.openKeyCursor(workspace, 'nextunique'); cursor; cursor = await cursor.continue()) campaigns.push(cursor.key);
  const ids = await Promise.all(campaigns.map((key) => index.getAllKeys(key)));
  await tx.done;
  const byPost = new Map<string, string>();
  campaigns.forEach((key, at) => {
    const name = String((key as [string, string])[1]).trim();
    if (name) for (const id of ids[at]!) byPost.set(String(id), name);
  });
  return byPost;
}
