import type { ImageLimits } from './media-limits';

/**
 * Choosing how to re-encode an image so it fits a network, as plain arithmetic (the canvas work
 * is in resize-image.ts). First the dimensions are brought within the longest side and pixel
 * count; then, if the encoded bytes are still too many, quality steps down, and after that the
 * dimensions shrink by the square root of the byte overshoot (bytes grow with area).
 */

export interface ImageFacts {
  width: number;
  height: number;
  bytes: number;
  mime: string;
}

export interface ResizePlan {
  width: number;
  height: number;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  /** 0–1 for lossy formats; null for PNG. */
  quality: number | null;
}

export type SizeLimits = Pick<ImageLimits, 'maxBytes' | 'maxDimension' | 'maxPixels'>;

const FIRST_QUALITY = 0.9;
const MIN_QUALITY = 0.6;
const QUALITY_STEP = 0.1;
/** Shrinking a little past the estimate saves one more encode most of the time. */
const AREA_MARGIN = 0.9;
const MIN_SIDE = 64;

/** Null when the image already fits as it is and need not be touched. */
export function planResize(image: ImageFacts, limits: SizeLimits): ResizePlan | null {
  const scale = Math.min(1, limits.maxDimension / Math.max(image.width, image.height), Math.sqrt(limits.maxPixels / (image.width * image.height)));
  const isUploadable = image.mime === 'image/jpeg' || image.mime === 'image/png' || image.mime === 'image/webp';
  if (scale === 1 && image.bytes <= limits.maxBytes && isUploadable) return null;
  // PNG keeps screenshots crisp; if a PNG is too big in bytes, JPEG is what makes it fit.
  const keepsPng = image.mime === 'image/png' && image.bytes <= limits.maxBytes;
  return {
    width: Math.max(1, Math.floor(image.width * scale)),
    height: Math.max(1, Math.floor(image.height * scale)),
    mime: keepsPng ? 'image/png' : 'image/jpeg',
    quality: keepsPng ? null : FIRST_QUALITY,
  };
}

/** The next try after `plan` encoded to `bytes`, still over the limit; null when nothing smaller makes sense. */
export function shrinkPlan(plan: ResizePlan, bytes: number, limits: SizeLimits): ResizePlan | null {
  if (bytes <= limits.maxBytes) return null;
  if (plan.mime === 'image/png') return { ...plan, mime: 'image/jpeg', quality: FIRST_QUALITY };
  if (plan.quality !== null && plan.quality - QUALITY_STEP >= MIN_QUALITY - 1e-9) {
    return { ...plan, quality: Math.round((plan.quality - QUALITY_STEP) * 100) / 100 };
  }
  const factor = Math.sqrt((limits.maxBytes / bytes) * AREA_MARGIN);
  const width = Math.floor(plan.width * factor);
  const height = Math.floor(plan.height * factor);
  if (Math.min(width, height) < MIN_SIDE) return null;
  return { ...plan, width, height };
}
