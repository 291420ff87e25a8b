/** Small read-only DOM helpers shared by the extractors: none of them changes the document. */

/**
 * The first non-empty `content` of `<meta name|property|itemprop="…">`, in the order of `keys`
 * (case-insensitive). One walk over the metas whatever the number of keys: pages carry hundreds,
 * and a clip asks for about twenty keys.
 */
export function metaContent(doc: Document, ...keys: string[]): string | null {
  const wanted = keys.map((key) => key.toLowerCase());
  let found: string | null = null;
  let rank = wanted.length;
  for (const meta of doc.getElementsByTagName('meta')) {
    const name = metaKey(meta);
    const at = name ? wanted.indexOf(name) : -1;
    if (at === -1 || at >= rank) continue;
    const content = meta.getAttribute('content')?.trim();
    if (!content) continue;
    [found, rank] = [content, at];
    if (at === 0) break;
  }
  return found;
}

/** The name a `<meta>` goes by, lower-cased: its `property`, else `name`, else `itemprop`. */
export function metaKey(meta: Element): string | undefined {
  return (meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop'))?.toLowerCase();
}

/** `raw` resolved against `base` if it is an http(s) URL; anything else (javascript:, data:) is null. */
export function absoluteHttpUrl(raw: string | null | undefined, base: string): string | null {
  if (!raw?.trim()) return null;
  try {
    const url = new URL(raw.trim(), base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null; // An unparsable URL is no URL: callers fall back to the next source.
  }
}

/** The base URL relative links in `doc` resolve against (honours `<base href>`). */
export function baseUrl(doc: Document, pageUrl: string): string {
  return absoluteHttpUrl(doc.querySelector('base[href]')?.getAttribute('href'), pageUrl) ?? pageUrl;
}

/** Elements whose text stands on lines of its own, for textOf and the article cleaner (lower-case local names). */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'p',
  'div',
  'li',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'tr',
  'section',
  'article',
]);
const UNREAD_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE']);

/**
 * Visible text of an element with line breaks for `<br>` and blocks, trimmed, blank runs collapsed.
 * `withImageAlt` reads images as their alt text: social sites draw emoji as images (X, Mastodon
 * custom emoji) whose alt is the character or :code:; in articles, alt text is not body text.
 */
export function textOf(element: Element | null | undefined, { withImageAlt = false } = {}): string {
  if (!element) return '';
  // Pieces joined once at the end: an article has tens of thousands of text nodes.
  const parts: string[] = [];
  const walk = (parent: Node) => {
    for (let node = parent.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3) parts.push(node.nodeValue ?? '');
      else if (node.nodeType === 1) {
        const tag = (node as Element).tagName.toUpperCase();
        if (tag === 'BR') parts.push('\n');
        else if (tag === 'IMG') parts.push(withImageAlt ? ((node as Element).getAttribute('alt') ?? '') : '');
        else if (!UNREAD_TAGS.has(tag)) {
          const isBlock = BLOCK_ELEMENTS.has(tag.toLowerCase());
          if (isBlock) parts.push('\n');
          walk(node);
          if (isBlock) parts.push('\n');
        }
      }
    }
  };
  walk(element);
  return tidyText(parts.join(''));
}

/**
 * Trims lines, turns runs of spaces into one and keeps at most one blank line between paragraphs.
 * Whole-string replacements rather than a split into lines: an article has thousands of lines.
 */
export function tidyText(text: string): string {
  return (
    text
      .replace(/\u00a0/g, ' ')
      // Runs of two or more, or a lone tab or the like: a lone space, most of the matches, is left alone.
      .replace(/[ \t\r\f\v]{2,}|[\t\r\f\v]/g, ' ')
      // Trims every line as String#trim would: \s is the same set of characters, less the line break.
      .replace(/[^\S\n]*\n[^\S\n]*/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/** The first words of `text`, at most `max` characters, ending on a word with an ellipsis. */
export function shorten(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}
