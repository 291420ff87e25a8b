import { BLOCK_ELEMENTS, tidyText } from './dom';
import { compactUrl, isAllowedScheme, isSrcsetAllowed, SAFE_DATA_IMAGE } from './url-rules';

/**
 * Readability's article, made safe to keep, in one walk: the markup the page read is parsed into an
 * inert document (in the extension: lib/platform/article-cleaner.ts), cleaned in place by an
 * allow-list and serialized once, and its text is read in the same walk.
 *
 * Why a walk and not the string sanitizer (lib/capture/sanitize.ts): that one parses the markup a
 * second time and pulls DOMPurify in. What makes a tree walk enough, where a parse was used before
 * to make the output a fixed point:
 * - only HTML elements of a fixed list stay, so nothing is left whose content the parser reads as
 *   raw text or foreign markup (script, style, noscript, xmp, title, textarea, template, SVG, MathML):
 *   every kept text node is escaped when serialized and read back as text;
 * - only attributes of a fixed list, in no namespace, stay; every one but a few free-text ones must
 *   pass DOMPurify's URL rule, `data:` only as a raster image in `<img src>`, and none may hold what
 *   closes a comment or raw-text element; the serializer escapes quotes in attribute values;
 * - comments, processing instructions and anything else that is not an element or text go.
 * So when the stored markup is read back, the parser may regroup what the cleaning left (an
 * unwrapped element's children), but everything it builds comes from tags and attributes that passed.
 * The invariant checked (tests/unit/capture/clean-article.test.ts, tests/e2e/sanitize.e2e.ts,
 * bench/capture-speed.ts): sanitizing the stored markup removes nothing — DOMPurify or the
 * browser's own sanitizer gives back what the HTML parser gives back. Captured HTML is sanitized
 * again, with the string sanitizer, wherever it is rendered.
 *
 * Nothing here imports zod, DOMPurify or lib/errors: it runs in the offscreen document, which
 * starts on the first clip after a while.
 */
export interface CleanArticle {
  html: string;
  text: string;
}

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';
const MATHML_NAMESPACE = 'http://www.w3.org/1998/Math/MathML';

/** What an article is written with. Each is inert on its own and on DOMPurify's allow-list. */
export const KEPT_ELEMENTS: ReadonlySet<string> = new Set([
  'a',
  'abbr',
  'address',
  'article',
  'aside',
  'audio',
  'b',
  'bdi',
  'bdo',
  'blockquote',
  'br',
  'caption',
  'center',
  'cite',
  'code',
  'col',
  'colgroup',
  'data',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'main',
  'mark',
  'nav',
  'ol',
  'p',
  'picture',
  'pre',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'section',
  'small',
  'source',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'track',
  'tt',
  'u',
  'ul',
  'var',
  'video',
  'wbr',
]);

/**
 * Elements that go with all they hold: code, styles, embedded documents, form controls' option
 * lists, and containers whose content the parser reads as raw text or fallback a reader never sees.
 * Any other element not kept (a page's custom element, a <form>, a <button>, a <frame>, which the
 * parser never gives children) gives way to its content.
 */
const DROPPED_WITH_CONTENT = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'noembed',
  'noframes',
  'xmp',
  'plaintext',
  'title',
  'iframe',
  'frameset',
  'fencedframe',
  'portal',
  'object',
  'embed',
  'applet',
  'param',
  'canvas',
  'base',
  'link',
  'meta',
  'head',
  'select',
  'datalist',
  'input',
  'dialog',
]);

export const KEPT_ATTRIBUTES: ReadonlySet<string> = new Set([
  'href',
  'src',
  'srcset',
  'sizes',
  'alt',
  'title',
  'width',
  'height',
  'cite',
  'datetime',
  'lang',
  'dir',
  'colspan',
  'rowspan',
  'span',
  'headers',
  'scope',
  'rel',
  'start',
  'reversed',
  'type',
  'value',
  'controls',
  'poster',
  'loop',
  'muted',
  'preload',
  'open',
  'class',
  'kind',
  'srclang',
  'label',
]);
// Free text, never read as a URL (DOMPurify's URI-safe attributes among the kept ones).
const TEXT_ATTRIBUTES = new Set(['alt', 'title', 'class', 'label', 'value']);
// Addresses: one left empty points nowhere (and the browser's own sanitizer drops it).
const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'poster', 'cite']);
// What ends a comment, CDATA or raw-text element: harmless in an attribute, unless the markup is ever embedded elsewhere.
const BREAKOUT = /((--!?|])>)|<\/(style|script|title|xmp|textarea|noscript|iframe|noembed|noframes)/i;

// Deeper than the HTML parser nests (Chromium stops at 512): only script builds that, and moving an
// unwrapped element's children costs a walk up its ancestors, so a tree 50,000 deep took 40 s. What
// is nested deeper goes, with its text.
const MAX_DEPTH = 512;

/**
 * Cleans the markup Readability serialized in the page (untrusted: the page's script could have
 * put anything there) and returns it with its text. It is parsed as the reader parses it, into an
 * element of a new document made by `realm`'s implementation, with no browsing context (no script
 * runs, nothing is fetched), so what is cleaned is the tree the markup makes, not the one the
 * page's script built.
 */
export function cleanArticleMarkup(html: string, realm: Document): CleanArticle {
  const root = realm.implementation.createHTMLDocument('').createElement('div');
  root.innerHTML = html;
  return cleanArticle(root);
}

/** Cleans `root` (an element nobody else holds: it is changed) and returns its markup and text. */
export function cleanArticle(root: Element): CleanArticle {
  const text: string[] = [];
  const dropped: ChildNode[] = [];
  const unwrapped: Element[] = [];
  // A formula keeps its words as plain text: MathML is foreign markup and does not stay, but an
  // article about equations read without them lost a third of its text (issue 25, corpus "mathjax").
  const formulas: Element[] = [];
  const isBlock = (element: Element) => BLOCK_ELEMENTS.has(element.localName);
  cleanAttributes(root);
  // Depth first without recursion: a page built by script can nest deeper than the call stack.
  let node: ChildNode | null = root.firstChild;
  let depth = 1;
  while (node) {
    let isOpenBlock = false;
    if (node.nodeType === 3) text.push(node.nodeValue ?? '');
    else if (node.nodeType !== 1) dropped.push(node);
    else {
      const element = node as Element;
      const name = element.localName;
      if (element.namespaceURI === MATHML_NAMESPACE && name === 'math' && depth <= MAX_DEPTH) {
        formulas.push(element);
        text.push(formulaWords(element));
      } else if (element.namespaceURI !== HTML_NAMESPACE || DROPPED_WITH_CONTENT.has(name) || depth > MAX_DEPTH) dropped.push(element);
      else {
        if (KEPT_ELEMENTS.has(name)) cleanAttributes(element);
        else unwrapped.push(element);
        if (name === 'br') text.push('\n');
        isOpenBlock = isBlock(element);
        if (isOpenBlock) text.push('\n');
        if (element.firstChild) {
          node = element.firstChild;
          depth += 1;
          continue;
        }
      }
    }
    if (isOpenBlock) text.push('\n');
    // Up until there is a next sibling, closing the blocks left on the way.
    while (!node.nextSibling && node.parentNode && node.parentNode !== root) {
      node = node.parentNode as Element;
      depth -= 1;
      if (isBlock(node as Element)) text.push('\n');
    }
    node = node.nextSibling;
  }
  for (const gone of dropped) gone.remove();
  for (const formula of formulas) formula.replaceWith(formula.ownerDocument.createTextNode(formulaWords(formula)));
  // In document order: an unwrapped element inside another moves up with its parent's children, already clean.
  for (const element of unwrapped) element.replaceWith(...element.childNodes);
  return { html: root.outerHTML, text: tidyText(text.join('')) };
}

/**
 * The words of a formula: its text, but not what a style, script or other raw-text element inside
 * it holds. `<math><mtext><table><mglyph><style>` is how a page smuggles markup past a sanitizer
 * (the parser reads the style's content as text); kept as words, that text would be a tag a later
 * reader could mistake for markup. No recursion: a formula can nest as deep as the page likes.
 */
function formulaWords(math: Element): string {
  const words: string[] = [];
  const stack: Node[] = [math];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === 3) words.push(node.nodeValue ?? '');
    else if (node.nodeType === 1 && !DROPPED_WITH_CONTENT.has((node as Element).localName)) {
      for (let child = node.lastChild; child; child = child.previousSibling) stack.push(child);
    }
  }
  return words.join('');
}

function cleanAttributes(element: Element): void {
  const { attributes } = element;
  for (let at = attributes.length - 1; at >= 0; at--) {
    const attribute = attributes[at]!;
    const value = attribute.name === 'value' ? attribute.value : attribute.value.trim();
    if (!isKeptAttribute(element.localName, attribute, value)) element.removeAttributeNode(attribute);
    // DOMPurify keeps values trimmed: so does this, for the stored markup to come out of it unchanged.
    else if (value !== attribute.value) attribute.value = value;
  }
}

function isKeptAttribute(tag: string, attribute: Attr, value: string): boolean {
  if (attribute.namespaceURI !== null || !KEPT_ATTRIBUTES.has(attribute.name) || BREAKOUT.test(value)) return false;
  if (value === '') return !URL_ATTRIBUTES.has(attribute.name);
  if (TEXT_ATTRIBUTES.has(attribute.name)) return true;
  if (attribute.name === 'srcset') return isSrcsetAllowed(value, (url) => isKeptUrl(tag, attribute.name, url));
  return isKeptUrl(tag, attribute.name, value);
}

function isKeptUrl(tag: string, name: string, value: string): boolean {
  const url = compactUrl(value);
  if (/^data:/i.test(url)) return tag === 'img' && name === 'src' && SAFE_DATA_IMAGE.test(url);
  return isAllowedScheme(url);
}
