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
export async function readLinkEmbed(link: LinkCard, deps: Omit<UploadDeps, 'network' | 'db'> = {}): Promise<LinkEmbed> {
  const embed: LinkEmbed = { url: link.url, title: link.title, description: link.description, thumb: null };
  if (!link.imageUrl) return embed;
  try {
    const image = await fetchImage(link.imageUrl, deps.fetch ?? fetch);
    const { maxDimension, maxPixels } = DEFAULT_IMAGE_LIMITS.bluesky;
    const resized = await (deps.resize ?? resizeImage)(image, { maxBytes: BLUESKY_MAX_IMAGE_BYTES, maxDimension, maxPixels });
    return { ...embed, thumb: { bytes: new Uint8Array(await resized.blob.arrayBuffer()), mime: resized.blob.type } };
  } catch (error) {
    if (error instanceof ValidationError || error instanceof NetworkError) return embed;
    throw error;
  }
}

async function readSource(src: string, deps: UploadDeps): Promise<Blob> {
  if (isStoredSrc(src)) return (await getMedia(keyOfSrc(src), deps.db ?? mediaDb())).blob;
  return fetchImage(src, deps.fetch ?? fetch);
}

/** A clip's image from the web: a broken URL is a sentence, not a stack trace. */
export async function fetchImage(url: string, fetcher: Fetch): Promise<Blob> {
  if (!/^https?:\/\//.test(url)) throw new ValidationError(`The image address “${url}” is not a web link.`);
  let response: Response;
  try {
    response = await fetcher(url);
  } catch {
    throw new NetworkError(`The image at ${url} could not be downloaded. Check the connection and try again.`);
  }
  if (response.status >= 500) throw new NetworkError(`The site holding ${url} answered ${response.status}; Cadence will try again.`, response.status);
  if (!response.ok) throw new ValidationError(`The image at ${url} is gone (HTTP ${response.status}). Remove it from the post or attach another.`);
  const blob = await response.blob();
  if (!blob.type.startsWith('image/')) throw new ValidationError(`The link ${url} is not an image (${blob.type || 'unknown type'}).`);
  return blob;
}
