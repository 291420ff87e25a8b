import { describe, expect, it } from 'vitest';
import { openMediaDb } from '@/lib/compose/media-db';
import { deleteMedia, getMedia, isStoredSrc, mediaOf, putMedia } from '@/lib/compose/media-store';
import { fetchImage, readLinkEmbed, readMediaForUpload } from '@/lib/compose/media-upload';
import type { SizeLimits } from '@/lib/compose/resize-plan';
import { NetworkError, NotFoundError, ValidationError } from '@/lib/errors';
import type { AccountLimits } from '@/lib/model';

// createImageBitmap and OffscreenCanvas exist only in a browser: the real resize runs in the
// e2e suite (compose-media.e2e.ts). Here the resize records what it was asked and passes through.
function recordingResize() {
  const calls: SizeLimits[] = [];
  const resize = async (blob: Blob, limits: SizeLimits) => {
    calls.push(limits);
    return { blob, width: 10, height: 20 };
  };
  return { calls, resize };
}

const limits: AccountLimits = { maxCharacters: 500, charactersPerUrl: 23, maxImages: 4, maxImageBytes: 8_000_000 };
const png = (size: number) => new Blob([new Uint8Array(size).fill(7)], { type: 'image/png' });
const serve =
  (routes: Record<string, () => Response>): typeof fetch =>
  async (input) => {
    const url = String(input);
    const route = routes[url];
    if (!route) throw new TypeError('Failed to fetch');
    return route();
  };

describe('media for the publisher', () => {
  it('reads a stored blob and resizes it for the account', async () => {
    const db = openMediaDb();
    const row = await putMedia({ blob: png(300), width: 10, height: 20, name: 'a.png' }, 1, db);
    const media = { ...mediaOf(row), alt: 'A chart' };
    expect(isStoredSrc(media.src)).toBe(true);
    const { calls, resize } = recordingResize();
    const upload = await readMediaForUpload(media, limits, { db, network: 'mastodon', resize });
    expect(upload).toMatchObject({ mime: 'image/png', alt: 'A chart', width: 10, height: 20 });
    expect(upload.bytes).toEqual(new Uint8Array(300).fill(7));
    expect(calls).toEqual([{ maxBytes: 8_000_000, maxDimension: 7680, maxPixels: 33_177_600 }]);
  });

  it('says clearly when a stored blob is gone', async () => {
    const db = openMediaDb();
    const row = await putMedia({ blob: png(3), width: 1, height: 1, name: 'a.png' }, 1, db);
    await deleteMedia(row.key, db);
    await expect(getMedia(row.key, db)).rejects.toThrow(NotFoundError);
    await expect(readMediaForUpload(mediaOf(row), limits, { db, resize: recordingResize().resize })).rejects.toThrow(/attach it again/);
  });

  it('fetches a clip’s image URL and turns a broken one into a sentence', async () => {
    const fetcher = serve({
      'https://example.com/a.png': () => new Response(png(5), { headers: { 'content-type': 'image/png' } }),
      'https://example.com/gone.png': () => new Response('no', { status: 404 }),
      'https://example.com/page': () => new Response('<html>', { headers: { 'content-type': 'text/html' } }),
      'https://example.com/down.png': () => new Response('', { status: 503 }),
    });
    expect((await fetchImage('https://example.com/a.png', fetcher)).size).toBe(5);
    await expect(fetchImage('https://example.com/gone.png', fetcher)).rejects.toThrow(/is gone \(HTTP 404\)/);
    await expect(fetchImage('https://example.com/page', fetcher)).rejects.toThrow(ValidationError);
    await expect(fetchImage('https://example.com/down.png', fetcher)).rejects.toThrow(NetworkError);
    await expect(fetchImage('https://example.com/nowhere.png', fetcher)).rejects.toThrow(NetworkError);
    await expect(fetchImage('file:///etc/passwd', fetcher)).rejects.toThrow(/not a web link/);
  });

  it('builds a link embed with its thumbnail resized to 1,000,000 bytes, or without one when it is broken', async () => {
    const fetcher = serve({ 'https://example.com/lead.png': () => new Response(png(9), { headers: { 'content-type': 'image/png' } }) });
    const { calls, resize } = recordingResize();
    const card = { url: 'https://example.com/a', title: 'A', description: 'B', imageUrl: 'https://example.com/lead.png' };
    const embed = await readLinkEmbed(card, { fetch: fetcher, resize });
    expect(embed.thumb?.bytes.length).toBe(9);
    expect(calls[0]?.maxBytes).toBe(1_000_000);
    expect(await readLinkEmbed({ ...card, imageUrl: 'https://example.com/missing.png' }, { fetch: fetcher, resize })).toEqual({
      url: card.url,
      title: 'A',
      description: 'B',
      thumb: null,
    });
  });
});
