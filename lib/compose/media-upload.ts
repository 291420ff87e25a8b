import { NetworkError, ValidationError } from '../errors';
import type { AccountLimits, LinkCard, Media, Network } from '../model';
import type { Fetch, LinkEmbed, MediaUpload } from '../networks/types';
import { mediaDb, type MediaDb } from './media-db';
import { BLUESKY_MAX_IMAGE_BYTES, DEFAULT_IMAGE_LIMITS } from './media-limits';
import { getMedia, isStoredSrc, keyOfSrc } from './media-store';
import { resizeImage, type ResizedImage } from './resize-image';
import type { SizeLimits } from './resize-plan';

/**
 * What the publisher calls in the background to turn a post's media and link card into bytes an
 * adapter uploads. Works in the service worker: IndexedDB, fetch, createImageBitmap and
 * OffscreenCanvas are all there.
 */

export interface UploadDeps {
  /** Picks the network's dimension limits; without it, a 4096 px / 16.7 MP cap every network accepts. */
  network?: Network;
  fetch?: Fetch;
  db?: MediaDb | Promise<MediaDb>;
  resize?: (blob: Blob, limits: SizeLimits) => Promise<ResizedImage>;
  /** Bounds of a fetched image (fetchImage); tests shorten them. */
  timeoutMs?: number;
  maxBytes?: number;
}

const GENERAL = { maxDimension: 4096, maxPixels: 16_777_216 };

export async function readMediaForUpload(media: Media, limits: AccountLimits, deps: UploadDeps = {}): Promise<MediaUpload> {
  const shape = deps.network ? DEFAULT_IMAGE_LIMITS[deps.network] : GENERAL;
  const size: SizeLimits = { maxBytes: limits.maxImageBytes, maxDimension: shape.maxDimension, maxPixels: shape.maxPixels };
  const source = await readSource(media.src, deps);
  const resized = await (deps.resize ?? resizeImage)(source, size);
  return {
    bytes: new Uint8Array(await resized.blob.arrayBuffer()),
    mime: resized.blob.type || media.mime,
    alt: media.alt,
    width: resized.width,
    height: resized.height,
  };
}

/**
 * The card's thumbnail is fetched and made to fit Bluesky's 1,000,000 bytes (lexicon
 * app.bsky.embed.external `thumb` maxSize). A thumbnail that cannot be fetched leaves the card
 * without an image rather than failing the post: the networks render such cards too.
 */
export async function readLinkEmbed(link: LinkCard, deps: Omit<UploadDeps, 'network' | 'db'> & FetchImageLimits = {}): Promise<LinkEmbed> {
  const embed = linkWithoutThumb(link);
  if (!link.imageUrl) return embed;
  try {
    const image = await fetchImage(link.imageUrl, deps.fetch ?? fetch, deps);
    const { maxDimension, maxPixels } = DEFAULT_IMAGE_LIMITS.bluesky;
    const resized = await (deps.resize ?? resizeImage)(image, { maxBytes: BLUESKY_MAX_IMAGE_BYTES, maxDimension, maxPixels });
    return { ...embed, thumb: { bytes: new Uint8Array(await resized.blob.arrayBuffer()), mime: resized.blob.type } };
  } catch (error) {
    if (error instanceof ValidationError || error instanceof NetworkError) return embed;
    throw error;
  }
}

/** The card as networks that draw their own preview get it: no image fetched. */
export function linkWithoutThumb(link: LinkCard): LinkEmbed {
  return { url: link.url, title: link.title, description: link.description, thumb: null };
}

async function readSource(src: string, deps: UploadDeps): Promise<Blob> {
  if (isStoredSrc(src)) return (await getMedia(keyOfSrc(src), deps.db ?? mediaDb())).blob;
  return fetchImage(src, deps.fetch ?? fetch, deps);
}

/**
 * Every fetch of third-party image bytes is bounded (issue 18, hole 1): a host that answers
 * slowly, or sends a body that never ends, costs at most IMAGE_FETCH_TIMEOUT_MS and
 * IMAGE_FETCH_MAX_BYTES, then a NetworkError / ValidationError with a sentence. The publisher
 * loads media while it holds a lease, so this bound is what keeps one slow image host from
 * stalling every other post (lib/publish/claim.ts derives the lease from it).
 */
export const IMAGE_FETCH_TIMEOUT_MS = 20_000;
/** Larger than any source image worth resizing (a 50 MP photo as PNG is ≈ 40 MB). */
export const IMAGE_FETCH_MAX_BYTES = 40_000_000;

export interface FetchImageLimits {
  timeoutMs?: number;
  maxBytes?: number;
}

/** A clip's image from the web: a broken URL is a sentence, not a stack trace. */
export async function fetchImage(url: string, fetcher: Fetch, limits: FetchImageLimits = {}): Promise<Blob> {
  if (!/^https?:\/\//.test(url)) throw new ValidationError(`The image address “${url}” is not a web link.`);
  const timeoutMs = limits.timeoutMs ?? IMAGE_FETCH_TIMEOUT_MS;
  const maxBytes = limits.maxBytes ?? IMAGE_FETCH_MAX_BYTES;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const tooSlow = () => new NetworkError(`The image at ${url} did not arrive within ${Math.round(timeoutMs / 1000)} s; Cadence will try again.`);
  try {
    let response: Response;
    try {
      response = await abortable(fetcher(url, { signal: controller.signal }), controller.signal);
    } catch {
      if (controller.signal.aborted) throw tooSlow();
      throw new NetworkError(`The image at ${url} could not be downloaded. Check the connection and try again.`);
    }
    if (response.status >= 500) throw new NetworkError(`The site holding ${url} answered ${response.status}; Cadence will try again.`, response.status);
    if (!response.ok) throw new ValidationError(`The image at ${url} is gone (HTTP ${response.status}). Remove it from the post or attach another.`);
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
    if (!type.startsWith('image/')) {
      void response.body?.cancel().catch(() => undefined); // an HTML page is not read to its end
      throw new ValidationError(`The link ${url} is not an image (${type || 'unknown type'}).`);
    }
    const tooBig = () => new ValidationError(`The image at ${url} is larger than ${Math.round(maxBytes / 1_000_000)} MB. Attach a smaller one.`);
    if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
      void response.body?.cancel().catch(() => undefined);
      throw tooBig();
    }
    const chunks = await readCapped(response, maxBytes, controller.signal);
    if (chunks === 'too-big') throw tooBig();
    if (chunks === 'aborted') throw tooSlow();
    return new Blob(chunks as BlobPart[], { type });
  } finally {
    clearTimeout(timer);
  }
}

/** Rejects when `signal` aborts, whatever the promise does (a fetch that ignores its signal). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The body, chunk by chunk, stopped past `maxBytes` or when the deadline aborts (the read is cancelled, not left open). */
async function readCapped(response: Response, maxBytes: number, signal: AbortSignal): Promise<Uint8Array[] | 'too-big' | 'aborted'> {
  if (!response.body) return [new Uint8Array(await abortable(response.arrayBuffer(), signal))];
  const reader = response.body.getReader();
  const onAbort = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await abortable(reader.read(), signal);
      if (signal.aborted) return 'aborted';
      if (done) return chunks;
      total += value.byteLength;
      if (total > maxBytes) {
        void reader.cancel().catch(() => undefined);
        return 'too-big';
      }
      chunks.push(value);
    }
  } catch (error) {
    if (signal.aborted) return 'aborted';
    throw new NetworkError(`The image download broke off (${error instanceof Error ? error.message : String(error)}); Cadence will try again.`);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
