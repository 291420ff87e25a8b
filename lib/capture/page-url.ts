import { stripTracking } from './canonical-url';
import { absoluteHttpUrl, baseUrl, metaContent } from './dom';

/**
 * The URL a page wants to be shared as: `<link rel=canonical>`, then `og:url`, then the address
 * bar; tracking parameters removed, so two shares of one article merge into one clip.
 */
export function pageCanonicalUrl(doc: Document, pageUrl: string): string {
  const base = baseUrl(doc, pageUrl);
  const canonical = absoluteHttpUrl(doc.querySelector('link[rel~="canonical"][href]')?.getAttribute('href'), base);
  const ogUrl = absoluteHttpUrl(metaContent(doc, 'og:url'), base);
  return stripTracking(canonical ?? ogUrl ?? pageUrl);
}
