import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fetchFeed, MAX_FEED_BYTES, retryAfter } from '@/lib/feeds/fetch-feed';
import { pollFeed } from '@/lib/feeds/poll-feed';
import { FEED_POLL, nextPollAt } from '@/lib/feeds/poll-schedule';
import type { Feed } from '@/lib/model';
import { openStore, validRows } from '@/lib/store';
import { makeClip, makeWorkspace } from '../factories';

const ORIGIN = 'http://127.0.0.1:9';
const NOW = Date.UTC(2026, 11, 7, 12);
const wordpress = readFileSync(resolve(__dirname, '../../fixtures/feeds/wordpress--rss2-content-encoded.xml'), 'utf8').replaceAll('{{ORIGIN}}', ORIGIN);
const feedRow = (overrides: Partial<Feed> = {}): Feed => ({
  v: 1,
  id: 'feed_1',
  workspaceId: 'ws_1',
  url: `${ORIGIN}/feed.xml`,
  title: '127.0.0.1:9',
  siteUrl: null,
  format: null,
  etag: null,
  lastModified: null,
  lastPolledAt: null,
  lastOkAt: null,
  nextPollAt: NOW,
  failures: 0,
  error: null,
  itemsAdded: 0,
  seen: [],
  createdAt: NOW,
  ...overrides,
});
const answer = (body: string, init: ResponseInit = {}) => vi.fn(async () => new Response(body, init));

async function setUp(feed = feedRow()) {
  const store = await openStore();
  await store.workspaces.put(makeWorkspace({ id: 'ws_1' }));
  await store.feeds.put(feed);
  return store;
}
const deps = (fetch: typeof globalThis.fetch, mayRead = true) => ({ fetch, now: () => NOW, mayRead: async () => mayRead });

describe('pollFeed', () => {
  it('files new items as feed-item clips with the feed’s facts, deduplicated by canonical URL against every clip', async () => {
    const store = await setUp();
    // Already clipped (as an article, elsewhere): the feed does not add it again.
    await store.clips.put(makeClip({ id: 'clip_known', url: `${ORIGIN}/journal/finca-la-esperanza/`, workspaceIds: ['ws_other'] }));
    const fetch = answer(wordpress, { headers: { etag: '"v1"', 'last-modified': 'Mon, 30 Nov 2026 09:12:44 GMT' } });
    expect(await pollFeed(store, 'feed_1', deps(fetch))).toEqual({ added: 1, error: null });
    const clips = validRows(await store.clips.list()).filter((clip) => clip.kind === 'feed-item');
    expect(clips).toEqual([
      expect.objectContaining({
        url: `${ORIGIN}/journal/roast-lighter-in-winter/`,
        title: 'Why we roast lighter in winter – and what it does to acidity',
        byline: 'Maya Okafor',
        siteName: 'Northwind Roasters Journal',
        leadImage: `${ORIGIN}/wp-content/uploads/2026/11/drum.jpg`,
        workspaceIds: ['ws_1'],
      }),
    ]);
    const feed = (await store.feeds.get('feed_1'))!;
    expect(feed.ok && feed.value).toMatchObject({
      title: 'Northwind Roasters Journal',
      etag: '"v1"',
      format: 'rss',
      error: null,
      itemsAdded: 1,
      nextPollAt: NOW + 90 * 60_000,
    });

    // The next poll is conditional; a 304 adds nothing and keeps the validators.
    const notModified = vi.fn(async (_url: string, init?: RequestInit) => {
      expect(init?.headers).toMatchObject({ 'if-none-match': '"v1"', 'if-modified-since': 'Mon, 30 Nov 2026 09:12:44 GMT' });
      return new Response(null, { status: 304 });
    });
    expect(await pollFeed(store, 'feed_1', deps(notModified as unknown as typeof globalThis.fetch))).toEqual({ added: 0, error: null });
    // An item deleted from the queue does not come back while the feed still lists it.
    await store.clips.delete(clips[0]!.id);
    expect(await pollFeed(store, 'feed_1', deps(answer(wordpress)))).toEqual({ added: 0, error: null });
  });

  it('puts a broken feed’s error on its row, backs off, honours Retry-After, and changes nothing else', async () => {
    const store = await setUp();
    const before = await store.clips.count();
    expect((await pollFeed(store, 'feed_1', deps(answer('<rss><channel><title>x</channel>')))).error).toMatch(/not valid XML/);
    let feed = (await store.feeds.get('feed_1'))!;
    expect(feed.ok && feed.value).toMatchObject({ failures: 1, nextPollAt: NOW + FEED_POLL.firstRetryMs });
    expect((await pollFeed(store, 'feed_1', deps(answer('', { status: 503, headers: { 'retry-after': '7200' } })))).error).toMatch(/asked Cadence to wait/);
    feed = (await store.feeds.get('feed_1'))!;
    expect(feed.ok && feed.value).toMatchObject({ failures: 2, nextPollAt: NOW + 7200_000 });
    expect((await pollFeed(store, 'feed_1', deps(answer(wordpress), false))).error).toMatch(/may not read 127\.0\.0\.1:9/);
    expect(await store.clips.count()).toBe(before);
  });
});

describe('fetchFeed', () => {
  it('refuses a feed over the size limit, declared or streamed', async () => {
    const big = new Response('x', { headers: { 'content-length': String(50 * 1024 * 1024) } });
    await expect(fetchFeed(async () => big, feedRow(), NOW)).rejects.toThrow(/larger than 5 MB \(50 MB\)/);
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent++;
        controller.enqueue(chunk);
        if (sent > 60) controller.close();
      },
    });
    await expect(fetchFeed(async () => new Response(stream), feedRow(), NOW)).rejects.toThrow(/larger than 5 MB/);
    expect(sent).toBeLessThanOrEqual(MAX_FEED_BYTES / chunk.length + 2);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfter('120', NOW)).toBe(NOW + 120_000);
    expect(retryAfter('Mon, 07 Dec 2026 13:00:00 GMT', NOW)).toBe(NOW + 3_600_000);
    expect(retryAfter('soon', NOW)).toBeNull();
  });
});

describe('nextPollAt', () => {
  it('waits an hour or the ttl, doubles on failures up to a day, and never comes back before Retry-After', () => {
    expect(nextPollAt({ now: NOW, failures: 0, ttlMinutes: null, retryAt: null })).toBe(NOW + FEED_POLL.everyMs);
    expect(nextPollAt({ now: NOW, failures: 0, ttlMinutes: 180, retryAt: null })).toBe(NOW + 180 * 60_000);
    expect(nextPollAt({ now: NOW, failures: 3, ttlMinutes: null, retryAt: null })).toBe(NOW + 4 * FEED_POLL.firstRetryMs);
    expect(nextPollAt({ now: NOW, failures: 20, ttlMinutes: null, retryAt: null })).toBe(NOW + FEED_POLL.maxWaitMs);
    expect(nextPollAt({ now: NOW, failures: 1, ttlMinutes: null, retryAt: NOW + 5 * 3_600_000 })).toBe(NOW + 5 * 3_600_000);
  });
});
