import { absoluteHttpUrl } from './dom';
import type { PageHead } from './page-head';

/** The image a page chose to represent itself: og:image, twitter:image, then JSON-LD `image`. */
export function leadImage(head: PageHead): string | null {
  const fromMeta = absoluteHttpUrl(head.meta('og:image:secure_url', 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src'), head.base);
  return fromMeta ?? absoluteHttpUrl(jsonLdImage(head.jsonLd), head.base);
}

/** schema.org `image` may be a URL, an ImageObject, or a list of either; nodes may sit in `@graph`. */
function jsonLdImage(scripts: Element[]): string | null {
  for (const script of scripts) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue; // Pages ship broken JSON-LD often enough; the next block may be fine.
    }
    const found = findImage(data, 0);
    if (found) return found;
  }
  return null;
}

function findImage(value: unknown, depth: number): string | null {
  if (depth > 4 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findImage(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const record = value as Record<string, unknown>;
  const image = record.image ?? record.thumbnailUrl;
  if (typeof image === 'string') return image;
  const nested = imageUrl(image);
  if (nested) return nested;
  return findImage(record['@graph'], depth + 1);
}

function imageUrl(image: unknown): string | null {
  if (typeof image === 'string') return image;
  if (Array.isArray(image)) return imageUrl(image[0]);
  if (image && typeof image === 'object') {
    const url = (image as Record<string, unknown>).url ?? (image as Record<string, unknown>).contentUrl;
    return typeof url === 'string' ? url : null;
  }
  return null;
}
