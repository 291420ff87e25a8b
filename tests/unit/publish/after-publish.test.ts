import { beforeEach, describe, expect, it } from 'vitest';
import { NetworkError, ValidationError } from '@/lib/errors';
import { deliverySchema, type Account, type Delivery } from '@/lib/model';
import type { NetworkAdapter, RemoteRef } from '@/lib/networks';
import { deleteFromNetwork, editOnNetwork } from '@/lib/publish/after-publish';
import type { ContentLoaders } from '@/lib/publish/build-input';
import { publishDue } from '@/lib/publish/publish-due';
import { shownWords } from '@/lib/publish/sent';
import { savePost } from '@/lib/schedule/queue-post';
import { openStore, type Store } from '@/lib/store';
import { makeDelivery } from '../factories';
import { T0, addAccount, makeWorld, reload, schedule, type World } from './harness';

let store: Store;
beforeEach(async () => {
  store = await openStore();
  return () => store.close();
});

/** Images "load" without a network: the record of what was sent is what these tests look at. */
const loaders: ContentLoaders = {
  loadMedia: async (media) => ({ bytes: new Uint8Array([1]), mime: media.mime, alt: media.alt, width: 1, height: 1 }),
  loadLink: async (link) => ({ url: link.url, title: link.title, description: link.description, thumb: null }),
};
const image = (src: string, alt: string) => ({ id: `m_${alt}`, src, alt, mime: 'image/png', width: 10, height: 10, bytes: 100 });

/** The world's network, plus what the after-publish calls did to it, and faults for them. */
function withCalls(world: World) {
  const removed: RemoteRef[] = [];
  const edited: { id: string; text: string }[] = [];
  const faults: { remove?: Error; edit?: (index: number) => Error | null } = {};
  const adapterFor = (account: Account): NetworkAdapter => {
    const base = world.network.adapterFor(account);
    const adapter: NetworkAdapter = {
      ...base,
      async remove(ref) {
        if (faults.remove) throw faults.remove;
        removed.push(ref);
      },
    };
    if (account.network !== 'mastodon') return adapter;
    return {
      ...adapter,
      async edit(ref, text) {
        const fault = faults.edit?.(edited.length);
        if (fault) throw fault;
        edited.push({ id: ref.id, text });
      },
    };
  };
  return { removed, edited, faults, deps: () => ({ ...world.deps(), adapterFor, loaders }) };
}

async function published(world: World, account: Account, post: Parameters<typeof schedule>[3]): Promise<Delivery> {
  const delivery = await schedule(store, account, T0, post);
  await publishDue({ ...world.deps(), loaders });
  const after = await reload(store, delivery.id);
  expect(after.state).toBe('published');
  return after;
}

describe('deleting a published post from its network', () => {
  it('removes it, marks the delivery deleted and keeps what went out; a second delete asks nothing more', async () => {
    const world = await makeWorld(store);
    const calls = withCalls(world);
    const account = await addAccount(store);
    const before = await published(world, account, { text: 'Gone soon' });
    world.clock.now = T0 + 60_000;
    const deleted = await deleteFromNetwork(calls.deps(), before.id);
    expect(calls.removed).toEqual([before.remote]);
    expect(deleted).toMatchObject({ state: 'deleted', deletedAt: T0 + 60_000, sent: before.sent, remote: before.remote, publishedAt: before.publishedAt });
    expect(shownWords(deleted, null).parts).toEqual(['Gone soon']);
    expect(await deleteFromNetwork(calls.deps(), before.id)).toEqual(deleted);
    expect(calls.removed).toHaveLength(1);
  });

  it('a thread goes from its last reply to its first post', async () => {
    const world = await makeWorld(store);
    const calls = withCalls(world);
    const account = await addAccount(store);
    const before = await published(world, account, { variants: [{ accountId: account.id, text: 'one', thread: ['two', 'three'] }] });
    await deleteFromNetwork(calls.deps(), before.id);
    expect(calls.removed.map((ref) => ref.id)).toEqual([...before.parts].reverse().map((ref) => ref.id));
  });

  it('a network error leaves it published, with an error that says so', async () => {
    const world = await makeWorld(store);
    const calls = withCalls(world);
    const account = await addAccount(store);
    const before = await published(world, account, { text: 'Stays for now' });
    calls.faults.remove = new NetworkError('Bluesky could not be reached. Check the connection; Cadence will try again.');
    await expect(deleteFromNetwork(calls.deps(), before.id)).rejects.toThrow(
      'Bluesky could not be reached, so the post was not deleted. Check the connection, then choose Delete from Bluesky again.',
    );
    expect(await reload(store, before.id)).toEqual(before);
  });

  it('refuses what is not out through the API: a reminder posted by hand, a hand-off the server holds, a scheduled post', async () => {
    const world = await makeWorld(store);
    const calls = withCalls(world);
    const account = await addAccount(store);
    const reminder = await store.deliveries.put(
      makeDelivery({ accountId: account.id, network: 'linkedin', method: 'reminder', state: 'published', publishedAt: T0 }),
    );
    await expect(deleteFromNetwork(calls.deps(), reminder.id)).rejects.toThrow(
      'You posted this on LinkedIn yourself, so Cadence cannot delete it there: delete it on LinkedIn.',
    );
    const held = await store.deliveries.put(
      makeDelivery({
        accountId: account.id,
        network: 'mastodon',
        method: 'server-scheduled',
        state: 'published',
        remote: { id: '9', url: '', cid: null },
        publishedAt: T0,
      }),
    );
    await expect(deleteFromNetwork(calls.deps(), held.id)).rejects.toThrow('This post is not out on Mastodon, so there is nothing to delete there.');
    const scheduled = await store.deliveries.put(makeDelivery({ accountId: account.id }));
    await expect(deleteFromNetwork(calls.deps(), scheduled.id)).rejects.toThrow(ValidationError);
    expect(calls.removed).toEqual([]);
  });
});

describe('editing a published post on Mastodon', () => {
  it('sends only the parts that changed, records the edit and keeps what first went out', async () => {
    const world = await makeWorld(store);
    const calls = withCalls(world);
    const account = await addAccount(store, { network: 'mastodon', handle: 'brand@masto.test' });
    const before = await published(world, account, { variants: [{ accountId: account.id, text: 'one', thread: ['two'] }] });
    world.clock.now = T0 + 120_000;
    const edited = await editOnNetwork(calls.deps(), before.id, ['one', 'two, fixed']);
    expect(calls.edited).toEqual([{ id: before.parts[1]!.id, text: 'two, fixed' }]);
    expect(edited.edits).toEqual([{ at: T0 + 120_000, parts: ['one', 'two, fixed'] }]);
    expect(edited.sent).toEqual(before.sent);
    expect(shownWords(edited, null)).toMatchObject({ parts: ['one', 'two, fixed'], editedAt: T0 + 120_000 });
    // A second edit starts from the words the network shows now.
    await expect(editOnNetwork(calls.deps(), before.id, ['one', 'two, fixed'])).rejects.toThrow('Nothing changed: change the text, then save the edit.');
  });

  it('refuses Bluesky, an empty part and a text over the account limit, sending nothing', async () => {
    const world = await makeWorld(store);
    const calls = withCalls(world);
    const bluesky = await published(world, await addAccount(store), { text: 'On Bluesky' });
    await expect(editOnNetwork(calls.deps(), bluesky.id, ['Changed'])).rejects.toThrow(
      'Bluesky does not let a post be edited once it is out: delete it and post it again.',
    );
    const limits = { maxCharacters: 500, charactersPerUrl: 23, maxImages: 4, maxImageBytes: 16_000_000 };
    const account = await addAccount(store, { network: 'mastodon', handle: 'brand@masto.test', limits });
    const mastodon = await published(world, account, { text: 'On Mastodon' });
    await expect(editOnNetwork(calls.deps(), mastodon.id, ['  '])).rejects.toThrow('The post is empty: write something, or delete the post instead.');
    await expect(editOnNetwork(calls.deps(), mastodon.id, ['x'.repeat(501)])).rejects.toThrow(
      'The post is 501 characters; @brand@masto.test allows 500. Shorten it, then save the edit.',
    );
    await expect(editOnNetwork(calls.deps(), mastodon.id, ['a', 'b'])).rejects.toThrow('This post went out in 1 part: give the text of each.');
    expect(calls.edited).toEqual([]);
    expect((await reload(store, mastodon.id)).edits).toBeUndefined();
  });

  it('a thread whose second part fails records the first part’s edit, and says why', async () => {
    const world = await makeWorld(store);
    const calls = withCalls(world);
    const account = await addAccount(store, { network: 'mastodon' });
    const before = await published(world, account, { variants: [{ accountId: account.id, text: 'one', thread: ['two'] }] });
    calls.faults.edit = (index) => (index === 1 ? new NetworkError('masto.test had a problem (502); we will try again.', 502) : null);
    await expect(editOnNetwork(calls.deps(), before.id, ['one, new', 'two, new'])).rejects.toThrow(
      'Mastodon had a problem (502), so the post was not edited past the 1 part it took (the Calendar shows them). Choose Save edit again in a moment.',
    );
    expect(shownWords(await reload(store, before.id), null).parts).toEqual(['one, new', 'two']);
  });

  it('refuses a deleted post', async () => {
    const world = await makeWorld(store);
    const calls = withCalls(world);
    const account = await addAccount(store, { network: 'mastodon' });
    const before = await published(world, account, { text: 'Soon gone' });
    await deleteFromNetwork(calls.deps(), before.id);
    await expect(editOnNetwork(calls.deps(), before.id, ['New'])).rejects.toThrow('This post is deleted, so it cannot be edited there.');
  });
});

describe('the record of the images that went out', () => {
  it('keeps the images of a published round when the post gets new ones for its next', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store);
    const before = await published(world, account, { text: 'With a cup', media: [image('https://example.com/cup.png', 'A cup')], evergreenDays: 7 });
    expect(before.sent?.parts[0]?.media).toEqual([{ src: 'https://example.com/cup.png', alt: 'A cup', mime: 'image/png' }]);
    const row = await store.posts.get(before.postId);
    if (!row?.ok) throw new Error('post gone');
    const post = await savePost(store, { ...row.value, media: [image('blob:mug', 'A mug')], updatedAt: row.value.updatedAt + 1 });
    const shown = shownWords(await reload(store, before.id), post);
    expect(shown).toMatchObject({
      parts: ['With a cup'],
      isEditedSince: true,
      media: [{ src: 'https://example.com/cup.png', alt: 'A cup', mime: 'image/png' }],
    });
  });

  it('rows recorded before images were kept parse with their alt texts only, and new states and fields stay optional', () => {
    const old = deliverySchema.parse(makeDelivery({ state: 'published', sent: { parts: [{ text: 'old', alts: ['A cup'], link: null }] } as Delivery['sent'] }));
    expect(old.sent?.parts[0]?.media).toBeUndefined();
    expect(old.edits).toBeUndefined();
    expect(shownWords(old, null)).toMatchObject({ parts: ['old'], media: null, editedAt: null });
    expect(deliverySchema.parse({ ...old, state: 'deleted', deletedAt: T0 }).state).toBe('deleted');
  });
});
