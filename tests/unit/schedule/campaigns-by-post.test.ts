import { beforeEach, describe, expect, it } from 'vitest';
import { campaignsByPost } from '@/lib/schedule/campaigns-by-post';
import { openCadenceDb } from '@/lib/store/open-db';
import { DB_NAME, openStore, POSTS_BY_CAMPAIGN, type Store } from '@/lib/store';
import { makePost } from '../factories';

let store: Store;
beforeEach(async () => {
  store = await openStore();
  return () => store.close();
});

describe('campaignsByPost: the calendar bands read campaigns without reading posts', () => {
  it("gives each of the workspace's posts its trimmed campaign, and leaves out posts without one, blank ones and other workspaces'", async () => {
    const spring = await store.posts.put(makePost({ workspaceId: 'ws_1', campaign: 'Spring ' }));
    const alsoSpring = await store.posts.put(makePost({ workspaceId: 'ws_1', campaign: 'Spring' }));
    const autumn = await store.posts.put(makePost({ workspaceId: 'ws_1', campaign: 'Autumn' }));
    await store.posts.put(makePost({ workspaceId: 'ws_1', campaign: null }));
    await store.posts.put(makePost({ workspaceId: 'ws_1', campaign: '   ' }));
    await store.posts.put(makePost({ workspaceId: 'ws_2', campaign: 'Spring' }));
    await store.posts.put(makePost({ workspaceId: 'ws_10', campaign: 'Spring' }));
    expect(await campaignsByPost(store, 'ws_1')).toEqual(
      new Map([
        [autumn.id, 'Autumn'],
        [spring.id, 'Spring'],
        [alsoSpring.id, 'Spring'],
      ]),
    );
    expect(await campaignsByPost(store, 'ws_none')).toEqual(new Map());
  });

  it('step 7 builds the index from the posts of a version-6 database', async () => {
    store.close();
    await new Promise((done) => (indexedDB.deleteDatabase(DB_NAME).onsuccess = done));
    const old = await openCadenceDb({ version: 6 });
    const post = makePost({ workspaceId: 'ws_1', campaign: 'Launch' });
    await old.put('posts', post);
    await old.put('posts', { id: 'broken', v: 1, workspaceId: 'ws_1', campaign: 'Launch' });
    old.close();
    store = await openStore();
    expect(store.db.transaction('posts').store.indexNames.contains(POSTS_BY_CAMPAIGN)).toBe(true);
    // The index holds what the rows hold, a damaged row's too: its campaign is all the bands take from it.
    expect(await campaignsByPost(store, 'ws_1')).toEqual(
      new Map([
        ['broken', 'Launch'],
        [post.id, 'Launch'],
      ]),
    );
  });
});
