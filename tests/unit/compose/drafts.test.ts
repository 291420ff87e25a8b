import { beforeEach, describe, expect, it } from 'vitest';
import { deleteDraft, listDrafts, matchesDraft, restoreDraft } from '@/lib/compose/drafts';
import { saveDraft } from '@/lib/schedule/queue-post';
import { openStore, type Store } from '@/lib/store';
import { makePost } from '../factories';
import { T0, addAccount, makeWorld, schedule } from '../publish/harness';

let store: Store;
beforeEach(async () => {
  store = await openStore();
  await makeWorld(store);
  return () => store.close();
});

describe('the drafts list', () => {
  it('lists posts nothing is queued for, newest first, and no empty posts or replies', async () => {
    const account = await addAccount(store);
    const older = await store.posts.put(makePost({ workspaceId: 'ws_1', text: 'Older idea', updatedAt: T0 }));
    const newer = await store.posts.put(
      makePost({ workspaceId: 'ws_1', text: 'Newer idea', updatedAt: T0 + 1000, variants: [{ accountId: account.id, text: null, thread: [] }] }),
    );
    await saveDraft(store, { postId: newer.id, accountIds: [account.id], now: T0 });
    await store.posts.put(makePost({ workspaceId: 'ws_1', text: '   ' }));
    await schedule(store, account, T0 + 3_600_000, { text: 'Queued already' });
    await store.posts.put(makePost({ workspaceId: 'ws_other', text: 'Another client' }));
    const drafts = await listDrafts(store, 'ws_1');
    expect(drafts.map((d) => d.post.id)).toEqual([newer.id, older.id]);
    expect(drafts[0]!.accountIds).toEqual([account.id]);
  });

  it('matches word starts with accents and case folded, as the Queue search does', () => {
    const post = makePost({ text: 'Le Café de Flore rouvre', campaign: 'Rentrée' });
    expect(matchesDraft(post, 'cafe flo')).toBe(true);
    expect(matchesDraft(post, 'RENTREE')).toBe(true);
    expect(matchesDraft(post, 'afe')).toBe(false);
    expect(matchesDraft(post, '')).toBe(true);
  });

  it('deletes a draft with its draft deliveries, puts it back on Undo, and refuses a queued post', async () => {
    const account = await addAccount(store);
    const post = await store.posts.put(makePost({ workspaceId: 'ws_1', text: 'Going away' }));
    await saveDraft(store, { postId: post.id, accountIds: [account.id], now: T0 });
    const removed = await deleteDraft(store, post.id);
    expect(removed.deliveries).toHaveLength(1);
    expect(await store.posts.get(post.id)).toBeUndefined();
    expect(await store.deliveries.count()).toBe(0);
    await restoreDraft(store, removed);
    expect((await listDrafts(store, 'ws_1')).map((d) => d.post.id)).toEqual([post.id]);

    const queued = await schedule(store, account, T0 + 3_600_000, { text: 'Queued' });
    await expect(deleteDraft(store, queued.postId)).rejects.toThrow('no longer a draft');
    expect((await store.posts.get(queued.postId))?.ok).toBe(true);
  });
});
