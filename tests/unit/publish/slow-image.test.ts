import { beforeEach, describe, expect, it } from 'vitest';
import { readLinkEmbed, readMediaForUpload } from '@/lib/compose/media-upload';
import type { ContentLoaders } from '@/lib/publish/build-input';
import { CONTENT_LOADERS } from '@/lib/publish/content-loaders';
import { publishDue } from '@/lib/publish/publish-due';
import { openStore, type Store } from '@/lib/store';
import { addAccount, makeWorld, reload, schedule, T0 } from './harness';

/**
 * Issue 18, hole 1: one slow image host must not stall the publisher. The image's host answers
 * with a body that never ends (or one past the cap); the fetch gives up with a sentence, that
 * delivery waits to retry, and another account's post in the same run still goes out.
 */
let store: Store;
beforeEach(async () => {
  store = await openStore();
  return () => store.close();
});

const neverEnds = (): typeof fetch => async () =>
  new Response(new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new Uint8Array(16)) }), { headers: { 'content-type': 'image/png' } });
const endless = (): typeof fetch => async () => {
  const body = new ReadableStream<Uint8Array>({ pull: (c) => c.enqueue(new Uint8Array(64 * 1024)) });
  return new Response(body, { headers: { 'content-type': 'image/png' } });
};

function loadersWith(fetcher: typeof fetch, limits: { timeoutMs?: number; maxBytes?: number }): ContentLoaders {
  const resize = async (blob: Blob) => ({ blob, width: 1, height: 1 });
  return {
    loadMedia: (media, account) => readMediaForUpload(media, account.limits, { network: account.network, fetch: fetcher, resize, ...limits }),
    loadLink: CONTENT_LOADERS.loadLink,
  };
}

const image = { id: 'media_1', src: 'https://slow.example/a.png', alt: 'A chart', mime: 'image/png', width: 10, height: 10, bytes: null };

describe('a slow image host', () => {
  for (const [name, fetcher, limits, reason] of [
    ['a body that never ends', neverEnds(), { timeoutMs: 50 }, /did not arrive within/],
    ['a body past the size cap', endless(), { maxBytes: 1_000_000 }, /larger than 1 MB/],
  ] as const) {
    it(`${name}: that post gets a clear reason, another account's post still publishes`, async () => {
      const world = await makeWorld(store);
      const slow = await addAccount(store, { network: 'mastodon' });
      const other = await addAccount(store);
      const stuck = await schedule(store, slow, T0, { media: [image] });
      const plain = await schedule(store, other, T0);
      const started = Date.now();
      await publishDue(world.deps({ loaders: loadersWith(fetcher, limits) }));
      expect(Date.now() - started).toBeLessThan(5_000);
      const after = await reload(store, stuck.id);
      expect(['retrying', 'failed']).toContain(after.state);
      expect(after.lastError?.message).toMatch(reason);
      expect(after.lease).toBeNull();
      expect((await reload(store, plain.id)).state).toBe('published');
    });
  }

  it('a link card thumbnail that never arrives leaves the card without an image, in bounded time', async () => {
    const card = { url: 'https://example.com/a', title: 'A', description: '', imageUrl: 'https://slow.example/og.png' };
    const embed = await readLinkEmbed(card, { fetch: neverEnds(), timeoutMs: 50, resize: async (blob) => ({ blob, width: 1, height: 1 }) });
    expect(embed).toEqual({ url: card.url, title: 'A', description: '', thumb: null });
  });

  it('a Mastodon post never fetches its link card image (Mastodon draws its own card)', async () => {
    const account = await addAccount(store, { network: 'mastodon' });
    const card = { url: 'https://example.com/a', title: 'A', description: '', imageUrl: 'https://slow.example/og.png' };
    const original = globalThis.fetch;
    const asked: string[] = [];
    globalThis.fetch = (async (input: RequestInfo | URL) => {
      asked.push(String(input));
      throw new TypeError('no network in unit tests');
    }) as typeof fetch;
    try {
      expect((await CONTENT_LOADERS.loadLink(card, account)).thumb).toBeNull();
    } finally {
      globalThis.fetch = original;
    }
    expect(asked).toEqual([]);
  });
});
