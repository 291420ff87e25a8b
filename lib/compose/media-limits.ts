import type { AccountLimits, Network } from '../model';

/**
 * What an image may be on each network. Sources:
 * - Bluesky: 4 images, 1,000,000 bytes each (lexicon app.bsky.embed.images, `image` maxSize);
 *   the app downscales to 2000 px on the long side, which we follow so text stays legible.
 * - Mastodon: 4 images, 16 MB and 33,177,600 pixels by default (docs.joinmastodon.org,
 *   `configuration.media_attachments.image_size_limit` / `image_matrix_limit`); the instance's own
 *   values arrive in the account's `limits.maxImageBytes`.
 * - X: 4 images of 5 MB; Threads and Facebook 10; LinkedIn 9 (the share dialogs' documented limits).
 *   These are reminder networks: the user attaches the image in the network's own dialog.
 */
export interface ImageLimits {
  maxImages: number;
  maxBytes: number;
  /** Longest side, in pixels. */
  maxDimension: number;
  maxPixels: number;
  /** Alt text is sent with the upload, so it is required before posting (accessibility). */
  isAltRequired: boolean;
}

export const BLUESKY_MAX_IMAGE_BYTES = 1_000_000;

export const DEFAULT_IMAGE_LIMITS: Readonly<Record<Network, ImageLimits>> = {
  bluesky: { maxImages: 4, maxBytes: BLUESKY_MAX_IMAGE_BYTES, maxDimension: 2000, maxPixels: 4_000_000, isAltRequired: true },
  mastodon: { maxImages: 4, maxBytes: 16 * 1024 * 1024, maxDimension: 7680, maxPixels: 33_177_600, isAltRequired: true },
  x: { maxImages: 4, maxBytes: 5 * 1024 * 1024, maxDimension: 4096, maxPixels: 16_777_216, isAltRequired: false },
  threads: { maxImages: 10, maxBytes: 8 * 1024 * 1024, maxDimension: 4096, maxPixels: 16_777_216, isAltRequired: false },
  linkedin: { maxImages: 9, maxBytes: 5 * 1024 * 1024, maxDimension: 4096, maxPixels: 16_777_216, isAltRequired: false },
  facebook: { maxImages: 10, maxBytes: 4 * 1024 * 1024, maxDimension: 4096, maxPixels: 16_777_216, isAltRequired: false },
};

/** The network's defaults, narrowed by what the account itself reported (a Mastodon instance's limits). */
export function imageLimitsFor(account: { network: Network; limits: Pick<AccountLimits, 'maxImages' | 'maxImageBytes'> }): ImageLimits {
  const base = DEFAULT_IMAGE_LIMITS[account.network];
  return {
    ...base,
    maxImages: Math.min(base.maxImages, account.limits.maxImages),
    maxBytes: account.network === 'bluesky' ? Math.min(base.maxBytes, account.limits.maxImageBytes) : account.limits.maxImageBytes,
  };
}

/** The strictest of several accounts' limits: an image that fits this fits every one of them. */
export function strictestLimits(all: readonly ImageLimits[]): ImageLimits {
  if (all.length === 0) return DEFAULT_IMAGE_LIMITS.bluesky;
  return all.reduce((a, b) => ({
    maxImages: Math.min(a.maxImages, b.maxImages),
    maxBytes: Math.min(a.maxBytes, b.maxBytes),
    maxDimension: Math.min(a.maxDimension, b.maxDimension),
    maxPixels: Math.min(a.maxPixels, b.maxPixels),
    isAltRequired: a.isAltRequired || b.isAltRequired,
  }));
}
