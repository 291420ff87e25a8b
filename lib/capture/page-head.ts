import { absoluteHttpUrl, metaKey } from './dom';

/**
 * What a page says about itself beside its article, read in one walk of the document: its metas,
 * `<base href>`, `<link rel=canonical>`, JSON-LD blocks and the links that may name its author.
 * page-meta, page-url, lead-image and credits read this instead of querying the document each:
 * every query walks every element, and a clip asked five of them (nine on a page without
 * `<base>` or a canonical link, which a query cannot stop early for), each a few milliseconds on
 * a 10,000-element page.
 */
export interface PageHead {
  /** The first non-empty `content` of `<meta name|property|itemprop>` for the first of `keys` that has one (case-insensitive). */
  meta(...keys: string[]): string | null;
  /** The URL relative links resolve against: `<base href>` if it is http(s), else the page's address. */
  base: string;
  /** The first `<link rel=canonical href>`'s href, as written. */
  canonicalHref: string | null;
  /** `<script type="application/ld+json">` blocks, in document order, not parsed yet. */
  jsonLd: Element[];
  /** Links marked as the author's (`rel=me`, `rel=author`) and links inside author boxes, in document order. */
  profileLinks: Element[];
}

// One selector list, one walk; each match is sorted below by what it is (an element can be several).
const SELECTOR = 'meta, base[href], link[href][rel], script[type], a[href][rel], [class*="author"], [class*="byline"], [itemprop="author"]';
const FOLLOWING = 4; // Node.DOCUMENT_POSITION_FOLLOWING

export function readPageHead(doc: Document, pageUrl: string): PageHead {
  const metas = new Map<string, string>();
  let baseHref: string | null = null;
  let canonicalHref: string | null = null;
  const jsonLd: Element[] = [];
  const profileLinks = new Set<Element>();
  for (const element of doc.querySelectorAll(SELECTOR)) {
    switch (element.localName) {
      case 'meta': {
        const key = metaKey(element);
        const content = key && !metas.has(key) ? element.getAttribute('content')?.trim() : null;
        if (key && content) metas.set(key, content);
        break;
      }
      case 'base':
        baseHref ??= element.getAttribute('href');
        break;
      case 'link':
        if (hasRel(element, 'canonical')) canonicalHref ??= element.getAttribute('href');
        if (hasRel(element, 'me')) profileLinks.add(element);
        break;
      case 'script':
        if (element.getAttribute('type')?.trim().toLowerCase() === 'application/ld+json') jsonLd.push(element);
        break;
      case 'a':
        if (element.hasAttribute('href') && (hasRel(element, 'me') || hasRel(element, 'author'))) profileLinks.add(element);
        break;
    }
    if (isAuthorBox(element)) for (const link of element.querySelectorAll('a[href]')) profileLinks.add(link);
  }
  return {
    meta: (...keys) => {
      for (const key of keys) {
        const content = metas.get(key.toLowerCase());
        if (content) return content;
      }
      return null;
    },
    base: absoluteHttpUrl(baseHref, pageUrl) ?? pageUrl,
    canonicalHref,
    jsonLd,
    // A box's links come after the rel-marked links found before them: back into document order.
    profileLinks: [...profileLinks].sort((a, b) => (a.compareDocumentPosition(b) & FOLLOWING ? -1 : 1)),
  };
}

/** `rel` holds `token` as one of its space-separated values (case-insensitive, as `[rel~=…]` matches in HTML). */
function hasRel(element: Element, token: string): boolean {
  return (element.getAttribute('rel') ?? '')
    .toLowerCase()
    .split(/[\t\n\f\r ]+/)
    .includes(token);
}

/** What `[class*="author"], [class*="byline"], [itemprop="author"]` matches. */
function isAuthorBox(element: Element): boolean {
  const className = element.getAttribute('class');
  return (className !== null && (className.includes('author') || className.includes('byline'))) || element.getAttribute('itemprop') === 'author';
}
