import type { Clip, ClipImage, Media } from '@/lib/model';
import { newId } from '@/lib/model';

/** The pictures a clip offers: its lead image, an image clip's picture, a social post's media. */
export function clipImages(clip: Clip | null): ClipImage[] {
  if (!clip) return [];
  const all: ClipImage[] = [
    ...(clip.leadImage ? [{ src: clip.leadImage, alt: '', width: null, height: null }] : []),
    ...(clip.image ? [clip.image] : []),
    ...(clip.post?.media ?? []),
  ];
  const seen = new Set<string>();
  return all.filter((image) => /^https?:\/\//.test(image.src) && !seen.has(image.src) && seen.add(image.src));
}

/** A clip's picture on the post stays a URL; the publisher fetches and resizes it per account. */
export function mediaFromClipImage(image: ClipImage): Media {
  const guess = /\.png(\?|$)/i.test(image.src) ? 'image/png' : /\.webp(\?|$)/i.test(image.src) ? 'image/webp' : 'image/jpeg';
  return { id: newId('m'), src: image.src, alt: image.alt, mime: guess, width: image.width || null, height: image.height || null, bytes: null };
}
