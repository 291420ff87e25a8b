import { stripTracking } from './canonical-url';
import { absoluteHttpUrl } from './dom';
import type { PageHead } from './page-head';

/**
 * The URL a page wants to be shared as: `<link rel=canonical>`, then `og:url`, then the address
 * bar; tracking parameters removed, so two shares of one article merge into one clip.
 */
export function pageCanonicalUrl(head: PageHead, pageUrl: string): string {
  const canonical = absoluteHttpUrl(head.canonicalHref, head.base);
  const ogUrl = absoluteHttpUrl(head.meta('og:url'), head.base);
  return stripTracking(canonical ?? ogUrl ?? pageUrl);
}
