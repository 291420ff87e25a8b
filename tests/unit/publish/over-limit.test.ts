import { beforeEach, describe, expect, it } from 'vitest';
import { publishDue } from '@/lib/publish/publish-due';
import { openStore, type Store } from '@/lib/store';
import { T0, addAccount, makeWorld, reload, schedule } from './harness';

let store: Store;
beforeEach(async () => {
  store = await openStore();
  return () => store.close();
});

describe('the publisher, the last line against a post its network would refuse (issue 17)', () => {
  it('fails a post edited past its limit after it was queued, naming account, count and limit, and sends nothing', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store, {
      network: 'bluesky',
      handle: 'ada.bsky.social',
      limits: { maxCharacters: 300, charactersPerUrl: null, maxImages: 4, maxImageBytes: 1_000_000 },
    });
    // Written straight to the store, as an edit in Compose after queueing leaves it.
    const delivery = await schedule(store, account, T0, { text: 'a'.repeat(400), variants: [{ accountId: account.id, text: null, thread: [] }] });
    await publishDue(world.deps());
    expect(world.network.requests).toEqual([]);
    expect(await reload(store, delivery.id)).toMatchObject({
      state: 'failed',
      lastError: { code: 'validation', message: '@ada.bsky.social: 400 characters, Bluesky allows 300 — split it into a thread or shorten it.' },
    });
  });

  it('publishes the same post once it fits', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store, { network: 'bluesky' });
    const delivery = await schedule(store, account, T0, { text: 'a'.repeat(300), variants: [{ accountId: account.id, text: null, thread: [] }] });
    await publishDue(world.deps());
    expect(await reload(store, delivery.id)).toMatchObject({ state: 'published' });
  });
});
