import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ensureDefaults } from '@/lib/app/ensure-defaults';
import { PROTOCOL } from '@/lib/messaging';
import { createBackground } from '@/lib/platform/background';
import { openStore, type Store } from '@/lib/store';
import { openMediaDb, type MediaRow } from '@/lib/compose/media-db';
import { getMedia, mediaOf, putMedia } from '@/lib/compose/media-store';
import { createTemplate, listTemplates } from '@/lib/compose/templates';
import { deleteWorkspace } from '@/lib/workspaces/delete-workspace';
import { deleteWorkspaceMedia } from '@/lib/workspaces/delete-workspace-media';
import { workspaceFootprint } from '@/lib/workspaces/footprint';
import { createWorkspace, listWorkspaces, nextWorkspace } from '@/lib/workspaces/workspaces';
import { makeAccount, makeClip, makeDelivery, makePost } from '../factories';

const now = () => 5_000;
const active = async (store: Store) => {
  const settings = await store.settings.get('settings');
  return settings?.ok ? settings.value.activeWorkspaceId : null;
};

async function twoWorkspaces() {
  const store = await openStore();
  await ensureDefaults(store, () => 1_000, 'Europe/Berlin');
  const [first] = await listWorkspaces(store);
  const second = await createWorkspace(store, { name: '  Beta Bakery ', timeZone: 'America/New_York', color: '#d9480f' }, now);
  return { store, first: first!, second };
}

describe('workspaces', () => {
  it('creates a workspace with a trimmed name and refuses a bad time zone or colour', async () => {
    const { store, second } = await twoWorkspaces();
    expect(second.name).toBe('Beta Bakery');
    await expect(createWorkspace(store, { name: 'X', timeZone: 'Mars/Olympus', color: '#000000' }, now)).rejects.toThrow(/time zone/);
    await expect(createWorkspace(store, { name: 'X', timeZone: 'UTC', color: 'red' }, now)).rejects.toThrow(/color/);
    expect(await store.workspaces.count()).toBe(2);
    store.close();
  });

  it('cycles the active workspace in creation order, both ways', async () => {
    const { store, first, second } = await twoWorkspaces();
    expect(await active(store)).toBe(first.id);
    expect((await nextWorkspace(store))?.id).toBe(second.id);
    expect(await active(store)).toBe(second.id);
    expect((await nextWorkspace(store))?.id).toBe(first.id);
    expect((await nextWorkspace(store, -1))?.id).toBe(second.id);
    store.close();
  });

  it('deletes a workspace with everything hanging off it, keeps clips shared with another, and moves the active one', async () => {
    const { store, first, second } = await twoWorkspaces();
    await nextWorkspace(store);
    const account = makeAccount({ workspaceId: second.id });
    const post = makePost({ workspaceId: second.id });
    await store.accounts.put(account);
    await store.db.put('credentials', {
      v: 1,
      accountId: account.id,
      secret: { kind: 'oauth', server: 'https://m.test', clientId: 'c', clientSecret: 's', accessToken: 't', scope: 'write' },
      updatedAt: 1,
    });
    await store.posts.put(post);
    await store.deliveries.putMany([
      makeDelivery({ postId: post.id, accountId: account.id, workspaceId: second.id }),
      makeDelivery({ postId: post.id, accountId: account.id, workspaceId: second.id, state: 'draft', dueAt: null }),
    ]);
    const onlyHere = makeClip({ workspaceIds: [second.id] });
    const shared = makeClip({ workspaceIds: [first.id, second.id] });
    await store.clips.putMany([onlyHere, shared]);
    const keep = makePost({ workspaceId: first.id });
    await store.posts.put(keep);

    expect(await workspaceFootprint(store, second.id)).toEqual({
      accounts: 1,
      posts: 1,
      deliveries: 2,
      pending: 1,
      published: 0,
      streams: 0,
      clipsOnlyHere: 1,
    });
    const result = await deleteWorkspace(store, second.id);
    expect(result).toMatchObject({ accounts: 1, posts: 1, deliveries: 2, pending: 1, clipsOnlyHere: 1, activeWorkspaceId: first.id });
    expect(await store.workspaces.get(second.id)).toBeUndefined();
    expect(await store.accounts.count()).toBe(0);
    expect(await store.db.count('credentials')).toBe(0);
    expect(await store.deliveries.count()).toBe(0);
    expect((await store.posts.list()).map((row) => row.key)).toEqual([keep.id]);
    expect(await store.clips.get(onlyHere.id)).toBeUndefined();
    expect(await store.db.get('clipTerms', onlyHere.id)).toBeUndefined();
    const kept = await store.clips.get(shared.id);
    expect(kept?.ok && kept.value.workspaceIds).toEqual([first.id]);
    expect(await active(store)).toBe(first.id);
    store.close();
  });

  it('takes the workspace’s saved replies, stream finds, poll state, templates and post images with it, and keeps an image another post still shows', async () => {
    const { store, first, second } = await twoWorkspaces();
    const media = openMediaDb();
    const account = makeAccount({ workspaceId: second.id });
    await store.accounts.put(account);
    const onlyHere = await putMedia({ blob: new Blob(['a']), width: 1, height: 1, name: 'a.png' }, 1, media);
    const sharedImage = await putMedia({ blob: new Blob(['b']), width: 1, height: 1, name: 'b.png' }, 1, media);
    const image = (row: MediaRow) => ({ ...mediaOf(row), alt: 'x' });
    await store.posts.put(makePost({ workspaceId: second.id, media: [image(onlyHere), image(sharedImage)] }));
    const keep = makePost({ workspaceId: first.id, media: [image(sharedImage)] });
    await store.posts.put(keep);
    await store.db.put('savedReplies', { v: 1, id: 'sr_1', workspaceId: second.id, name: 'Thanks', text: 'Thank you!', createdAt: 1, updatedAt: 1 });
    await store.db.put('savedReplies', { v: 1, id: 'sr_2', workspaceId: first.id, name: 'Hi', text: 'Hi!', createdAt: 1, updatedAt: 1 });
    await store.db.put('streamResults', { id: 'found_1', streamId: 'stream_1', workspaceId: second.id, createdAt: 1 });
    await store.db.put('pollState', {
      v: 1,
      kind: 'account',
      id: account.id,
      cursor: 'c',
      lastPolledAt: 1,
      lastActivityAt: null,
      nextPollAt: 2,
      failures: 0,
      lastError: null,
    });
    await createTemplate({ workspaceId: second.id, name: 'Weekly', text: 'This week…' }, 1, media);
    const kept = await createTemplate({ workspaceId: first.id, name: 'Other', text: 'Hello' }, 1, media);

    const { imageKeys } = await deleteWorkspace(store, second.id);
    expect(await deleteWorkspaceMedia(store, second.id, imageKeys, media)).toEqual({ templates: 1, images: 1 });
    expect((await store.db.getAllKeys('savedReplies')).map(String)).toEqual(['sr_2']);
    expect(await store.db.count('streamResults')).toBe(0);
    expect(await store.db.count('pollState')).toBe(0);
    expect((await listTemplates(first.id, media)).map((t) => t.id)).toEqual([kept.id]);
    expect(await listTemplates(second.id, media)).toEqual([]);
    await expect(getMedia(onlyHere.key, media)).rejects.toThrow();
    expect((await getMedia(sharedImage.key, media)).key).toBe(sharedImage.key);
    store.close();
  });

  it('refuses to delete the last workspace, changing nothing', async () => {
    const store = await openStore();
    await ensureDefaults(store, () => 1_000, 'UTC');
    const [only] = await listWorkspaces(store);
    await expect(deleteWorkspace(store, only!.id)).rejects.toThrow(/only workspace/);
    expect(await store.workspaces.count()).toBe(1);
    store.close();
  });
});

describe('workspaces in the background', () => {
  beforeEach(() => {
    vi.spyOn(fakeBrowser.contextMenus, 'removeAll').mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.contextMenus, 'create').mockReturnValue('id');
    vi.spyOn(fakeBrowser.sidePanel, 'setPanelBehavior').mockResolvedValue(undefined);
  });
  afterEach(() => vi.restoreAllMocks());

  it('the next-workspace command switches the active workspace', async () => {
    const { store, second } = await twoWorkspaces();
    const app = createBackground({ now, openStore: async () => store });
    app.onCommand('next-workspace');
    await vi.waitFor(async () => expect(await active(store)).toBe(second.id));
  });

  it('answers workspace.delete from the panel with what was removed', async () => {
    const { store, second } = await twoWorkspaces();
    const app = createBackground({ now, openStore: async () => store });
    const panel = { id: fakeBrowser.runtime.id, url: `${fakeBrowser.runtime.getURL('/')}sidepanel.html` };
    const answer = await app.onMessage({ type: 'workspace.delete', payload: { workspaceId: second.id } }, panel);
    expect(answer).toMatchObject({ ok: true, value: { accounts: 0, posts: 0 } });
    expect(await store.workspaces.count()).toBe(1);
  });

  it('has exactly one handler for every protocol message', () => {
    const app = createBackground({ now, openStore: () => openStore() });
    expect([...app.handledTypes].sort()).toEqual(Object.keys(PROTOCOL).sort());
  });
});
