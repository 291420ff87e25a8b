import 'fake-indexeddb/auto';
import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Account } from '@/lib/model';
import { createAdapter, credentialVault } from '@/lib/networks';
import { connectBluesky } from '@/lib/networks/bluesky';
import { CONTENT_LOADERS } from '@/lib/publish/content-loaders';
import type { PublisherDeps } from '@/lib/publish/deps';
import { publishDue } from '@/lib/publish/publish-due';
import { followUpId } from '@/lib/publish/recycle';
import { shownWords } from '@/lib/publish/sent';
import { newDelivery } from '@/lib/schedule/delivery-rows';
import { savePost } from '@/lib/schedule/queue-post';
import { openStore, type Store } from '@/lib/store';
import { makeAccount, makePost, makeWorkspace } from '../../unit/factories';
import { createAccount, uniq } from '../support';

/**
 * A delivery's record of what it sent (Delivery.sent) against the real local AT Protocol network:
 * the publisher sends an evergreen thread through the real Bluesky adapter, and the record must
 * hold each part exactly as the PDS stored it — and still hold it after the post is edited for
 * its next round.
 */
describe('what a delivery sent, on the real AT Protocol network', () => {
  let store: Store;
  let brand: AtpAgent;
  let account: Account;
  let workers = 0;
  const deps = (): PublisherDeps => ({
    store,
    now: Date.now,
    owner: `worker_${++workers}`,
    adapterFor: (of) => createAdapter({ account: of, vault: credentialVault(store, of.id, Date.now), fetch, now: Date.now }),
    notify: async () => {},
    random: Math.random,
    loaders: CONTENT_LOADERS,
  });

  beforeAll(async () => {
    store = await openStore({ name: `sent-${uniq()}` });
    brand = await createAccount('sent');
    const password = `${brand.session!.handle.replace(/\.test$/, '')}-password`;
    const connected = await connectBluesky({ service: inject('pdsUrl'), identifier: brand.session!.handle, password }, { fetch, now: Date.now });
    await store.workspaces.put(makeWorkspace({ id: 'ws_1', timeZone: 'UTC' }));
    account = await store.accounts.put(
      makeAccount({
        id: `acct_${uniq()}`,
        network: 'bluesky',
        handle: connected.profile.handle,
        remoteId: connected.profile.remoteId,
        serverUrl: connected.serverUrl,
      }),
    );
    await store.credentials.put({ v: 1, accountId: account.id, secret: connected.secret, updatedAt: Date.now() });
  });
  afterAll(() => store?.close());

  it('records each part of a thread as the PDS stored it, and keeps it when the post is edited', async () => {
    const words = [`Spring menu 🌸 is out ${uniq()}: https://example.com/menu`, 'Two: the pastries, baked at six.', 'Three: come early, they go fast.'];
    const link = { url: 'https://example.com/menu', title: 'Spring menu', description: 'What is new', imageUrl: null };
    const post = await store.posts.put(
      makePost({ workspaceId: 'ws_1', variants: [{ accountId: account.id, text: words[0]!, thread: words.slice(1) }], link, lang: 'en', evergreenDays: 7 }),
    );
    const delivery = await store.deliveries.put(newDelivery(post.id, account, { state: 'scheduled', dueAt: Date.now() }, Date.now()));

    expect((await publishDue(deps())).published).toEqual([delivery.id]);
    const row = await store.deliveries.get(delivery.id);
    if (!row?.ok) throw new Error('the delivery is gone');
    const published = row.value;
    expect(published.parts).toHaveLength(3);

    const onNetwork = await Promise.all(
      published.parts.map(async (ref) => {
        const [, repo, collection, rkey] = /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(ref.id)!;
        const { data } = await brand.com.atproto.repo.getRecord({ repo: repo!, collection: collection!, rkey: rkey! });
        return data.value as { text: string; embed?: { external?: { uri: string } } };
      }),
    );
    expect(published.sent?.parts.map((part) => part.text)).toEqual(onNetwork.map((record) => record.text));
    expect(onNetwork.map((record) => record.text)).toEqual(words);
    expect(published.sent?.parts.map((part) => part.link)).toEqual(onNetwork.map((record) => record.embed?.external?.uri ?? null));

    // The next round gets new words; the round that went out keeps what the network has.
    const edited = await savePost(store, {
      ...post,
      variants: [{ accountId: account.id, text: 'Summer menu next', thread: [] }],
      updatedAt: post.updatedAt + 1,
    });
    const followUp = await store.deliveries.get(await followUpId(delivery.id));
    expect(followUp?.ok && shownWords(followUp.value, edited).parts).toEqual(['Summer menu next']);
    expect(shownWords(published, edited)).toEqual({ parts: words, isSent: true, isEditedSince: true, media: [], editedAt: null });
  });
});
