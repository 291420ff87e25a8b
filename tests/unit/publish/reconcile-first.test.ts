import { beforeEach, describe, expect, it } from 'vitest';
import type { ContentLoaders } from '@/lib/publish/build-input';
import { CONTENT_LOADERS } from '@/lib/publish/content-loaders';
import { publishDue } from '@/lib/publish/publish-due';
import { ValidationError } from '@/lib/errors';
import { openStore, type Store } from '@/lib/store';
import type { Fault } from './fake-network';
import { addAccount, makeWorld, reload, schedule, T0 } from './harness';

/**
 * Issue 18, hole 3: the post landed, the worker died (or the answer was lost), then the clip's
 * image went 404. Recovery must ask the network before reading the image again: it finds the
 * post and ends published, with no second copy.
 */
let store: Store;
beforeEach(async () => {
  store = await openStore();
  return () => store.close();
});

const image = { id: 'media_1', src: 'https://example.com/a.png', alt: 'A chart', mime: 'image/png', width: 10, height: 10, bytes: null };
const loaders = (isGone: () => boolean): ContentLoaders => ({
  loadMedia: async (media) => {
    if (isGone()) throw new ValidationError(`The image at ${media.src} is gone (HTTP 404). Remove it from the post or attach another.`);
    return { bytes: new Uint8Array(4), mime: media.mime, alt: media.alt, width: 1, height: 1 };
  },
  loadLink: CONTENT_LOADERS.loadLink,
});

describe('reconcile runs before the images are loaded', () => {
  for (const how of ['the answer was lost', 'the worker died'] as const) {
    it(`${how}, then the image 404s: found on the network, published once`, async () => {
      let fault: Fault = 'timeout';
      const world = await makeWorld(store, { fault: ({ kind }) => (kind === 'create' ? fault : 'none') });
      const account = await addAccount(store, { network: 'mastodon' });
      const delivery = await schedule(store, account, T0, { text: 'With a chart', media: [image] });
      let gone = false;
      await publishDue(world.deps({ loaders: loaders(() => gone) }));
      expect(world.network.records.size).toBe(1);
      if (how === 'the worker died') {
        await store.deliveries.update(
          delivery.id,
          (d) => d && { ...d, state: 'publishing', lastError: null, lease: { owner: 'dead', until: world.clock.now + 1000 } },
        );
      }
      gone = true;
      fault = 'none';
      world.clock.now += 60 * 60_000;
      await publishDue(world.deps({ loaders: loaders(() => gone) }));
      const after = await reload(store, delivery.id);
      expect(after.state).toBe('published');
      expect(after.doubt).toBe('no');
      expect(world.network.records.size).toBe(1);
      expect(world.network.requests.filter((r) => r.kind === 'reconcile').length).toBe(1);
    });
  }
});

/**
 * Issue 18, hole 4: attempt 1 lands but its answer is lost, the reconciles after it fail, and two
 * hours later (past Mastodon's one-hour Idempotency-Key) the user presses Try again. The doubt is
 * stored on the delivery, so Try again still asks the network first: one copy, published.
 */
describe('Try again after the key expired', () => {
  it('asks the network first and posts nothing twice', async () => {
    const { retryNow } = await import('@/lib/publish/actions');
    const { MAX_ATTEMPTS } = await import('@/lib/publish/backoff');
    let reconcileFails = true;
    let first = true;
    const world = await makeWorld(store, {
      fault: ({ kind }) => {
        if (kind === 'create' && first) {
          first = false;
          return 'timeout';
        }
        return kind === 'reconcile' && reconcileFails ? 'offline' : 'none';
      },
    });
    const account = await addAccount(store, { network: 'mastodon' });
    const delivery = await schedule(store, account, T0, { text: 'Once only' });
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await publishDue(world.deps());
      world.clock.now += 31 * 60_000;
    }
    expect((await reload(store, delivery.id)).state).toBe('failed');
    expect(world.network.records.size).toBe(1);
    world.clock.now = T0 + 10 * 60 * 60_000;
    reconcileFails = false;
    await retryNow(store, delivery.id, world.clock.now);
    await publishDue(world.deps());
    const after = await reload(store, delivery.id);
    expect(after.state).toBe('published');
    expect(world.network.records.size).toBe(1);
  });

  it('the fake network itself doubles a blind re-send after the hour (the test can fail)', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store, { network: 'mastodon' });
    const adapter = world.network.adapterFor(account);
    const input = { parts: [{ text: 'x', media: [], link: null }], lang: null, idempotencyKey: 'k', rkey: null, done: [], replyTo: null, scheduledAt: null };
    await adapter.publish(input);
    await adapter.publish(input);
    expect(world.network.records.size).toBe(1);
    world.clock.now += 61 * 60_000;
    await adapter.publish(input);
    expect(world.network.records.size).toBe(2);
  });
});
