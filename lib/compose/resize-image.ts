import { ValidationError } from '../errors';
import { planResize, shrinkPlan, type ResizePlan, type SizeLimits } from './resize-plan';

/**
 * The browser half of resizing: decode with createImageBitmap, draw on an OffscreenCanvas and
 * encode with convertToBlob. Both exist in the side panel and in the service worker (no DOM
 * needed), so the publisher can resize per account in the background.
 */

/** Larger files are refused before decoding: a phone photo is under 15 MB, a 40 MB file is a mistake. */
export const MAX_INPUT_BYTES = 25 * 1024 * 1024;
const READABLE = /^image\/(png|jpeg|webp|gif|avif|bmp)$/;

export interface ResizeProgress {
  phase: 'decode' | 'encode';
  /** 1 for the first encode, 2 and up for each smaller try. */
  attempt: number;
}

export interface ResizedImage {
  blob: Blob;
  width: number;
  height: number;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function resizeImage(source: Blob, limits: SizeLimits, onProgress: (progress: ResizeProgress) => void = () => {}): Promise<ResizedImage> {
  if (source.type && !READABLE.test(source.type)) {
    throw new ValidationError(`This file is not an image Cadence can use (${source.type}). Choose a PNG, JPEG, WebP or GIF.`);
  }
  if (source.size > MAX_INPUT_BYTES) {
    throw new ValidationError(
      `This image is ${megabytes(source.size)}; Cadence takes images up to ${megabytes(MAX_INPUT_BYTES)}. Export a smaller copy and try again.`,
    );
  }
  onProgress({ phase: 'decode', attempt: 0 });
  const bitmap = await createImageBitmap(source).catch(() => {
    throw new ValidationError('This file could not be read as an image. It may be damaged or not an image at all; choose another file.');
  });
  try {
    const facts = { width: bitmap.width, height: bitmap.height, bytes: source.size, mime: source.type };
    let plan: ResizePlan | null = planResize(facts, limits);
    if (!plan) return { blob: source, width: bitmap.width, height: bitmap.height };
    for (let attempt = 1; ; attempt++) {
      onProgress({ phase: 'encode', attempt });
      const blob = await encode(bitmap, plan);
      const next: ResizePlan | null = shrinkPlan(plan, blob.size, limits);
      if (blob.size <= limits.maxBytes) return { blob, width: plan.width, height: plan.height };
      if (!next) throw new ValidationError(`This image could not be made smaller than ${megabytes(limits.maxBytes)}. Crop it or choose another.`);
      plan = next;
    }
  } finally {
    bitmap.close();
  }
}

async function encode(bitmap: ImageBitmap, plan: ResizePlan): Promise<Blob> {
  const canvas = new OffscreenCanvas(plan.width, plan.height);
  const context = canvas.getContext('2d');
  if (!context) throw new ValidationError('This browser cannot resize images here.');
  context.imageSmoothingQuality = 'high';
  if (plan.mime === 'image/jpeg') {
    // JPEG has no transparency: a transparent PNG would otherwise turn black.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, plan.width, plan.height);
  }
  context.drawImage(bitmap, 0, 0, plan.width, plan.height);
  return canvas.convertToBlob(plan.quality === null ? { type: plan.mime } : { type: plan.mime, quality: plan.quality });
}
