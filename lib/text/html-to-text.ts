/**
 * HTML → plain text, for every place Cadence turns someone else's markup into text it shows as
 * text: Mastodon statuses (lib/networks/mastodon) and feed titles, authors and summaries
 * (lib/feeds/plain-text.ts). One scanner, so a fix to one is a fix to both. Invariants:
 * - the output is text, never markup: it is shown in text nodes, never as HTML;
 * - paragraphs become blank lines, <br> a newline, links their visible text (Mastodon splits a
 *   long URL into invisible/ellipsis spans; joining every span gives the URL back in full);
 * - entities are decoded once, so "&amp;lt;" stays the literal "&lt;";
 * - nothing in the input can make it throw or loop: unterminated tags and comments end the text,
 *   script/style contents are dropped, code points outside Unicode become U+FFFD.
 * It runs in the service worker, which has no DOMParser, hence a small scanner of its own.
 */

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
  middot: '·',
  bull: '•',
  shy: '',
};

const BLOCK = new Set([
  'p',
  'div',
  'blockquote',
  'li',
  'ul',
  'ol',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'table',
  'tr',
  'figure',
  'figcaption',
  'hr',
]);
/** Elements dropped with everything they hold: none of it is text a reader sees. */
const RAW = new Set(['script', 'style', 'template', 'textarea', 'title', 'noscript', 'iframe', 'object', 'svg', 'math', 'head']);
/** A paragraph boundary, from the private use area; stripped from decoded text so input cannot forge it. */
const PARAGRAPH = '\uE000';

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,8}|#[0-9]{1,9}|[a-z]{2,8});?/gi, (match, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      const isValid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return isValid ? String.fromCodePoint(code) : '\uFFFD';
    }
    return NAMED[body.toLowerCase()] ?? match;
  });
}

export interface HtmlToTextOptions {
  /** Stop once this many characters of text are out (a long feed summary). Default: no limit. */
  max?: number;
  /**
   * Keep the line breaks written in the text itself, as a feed's plain-text fields mean them.
   * Default false: HTML's rule, where a line break in the source is a space.
   */
  keepLineBreaks?: boolean;
  /**
   * Drop the invisible characters that reorder or hide text (bidi overrides and isolates, LRM/RLM,
   * zero-width space: "Safe\u202Etxt.exe"). For text from strangers shown as a title or name. Zero-width
   * joiners stay: emoji sequences and some scripts need them. Default false: a status's text is
   * compared with what we sent (reconcile.ts), so it is kept as the server has it.
   */
  stripInvisibles?: boolean;
}

export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
  const max = options.max ?? Infinity;
  const clean = (raw: string) => cleanText(raw, options);
  const out: string[] = [];
  let length = 0;
  let i = 0;
  while (i < html.length && length < max) {
    const lt = html.indexOf('<', i);
    const end = lt === -1 ? html.length : lt;
    if (end > i) {
      const text = clean(html.slice(i, end));
      out.push(text);
      length += text.length;
    }
    if (lt === -1) break;
    const next = html[lt + 1] ?? '';
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close === -1 ? html.length : close + 3;
      continue;
    }
    if (!/[a-z/!?]/i.test(next)) {
      out.push('<');
      i = lt + 1;
      continue;
    }
    const tagEnd = findTagEnd(html, lt + 1);
    if (tagEnd === -1) break; // an unterminated tag: what follows is not text we can trust
    const tag = /^<\/?([a-z][a-z0-9-]*)/i.exec(html.slice(lt, tagEnd));
    const name = tag?.[1]?.toLowerCase() ?? '';
    const isClosing = next === '/';
    i = tagEnd + 1;
    if (name === 'br') out.push('\n');
    else if (BLOCK.has(name)) out.push(PARAGRAPH);
    else if (RAW.has(name) && !isClosing) {
      const close = indexOfClosing(html, name, i);
      i = close === -1 ? html.length : findTagEnd(html, close + 1) + 1 || html.length;
    }
  }
  const text = out
    .join('')
    .split(PARAGRAPH)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.trim())
        .join('\n')
        .trim(),
    )
    .filter((block) => block !== '')
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n');
  return max === Infinity ? text : text.slice(0, max).trim();
}

/**
 * Where `</name` starts at or after `from`, any case, or -1. A sticky-free global regex searches from
 * `from` without copying or lower-casing the whole string: doing that once per raw-text tag made
 * the scan quadratic (issue 18: 0.48 MB of `<style>` tags took 15 s). Tag names are ASCII, so the
 * case-insensitive match agrees with lower-casing first.
 */
function indexOfClosing(html: string, name: string, from: number): number {
  const pattern = new RegExp(`</${name}`, 'gi');
  pattern.lastIndex = from;
  return pattern.exec(html)?.index ?? -1;
}

/** HTML collapses whitespace; decoded text loses control characters and our paragraph marker. */
function cleanText(raw: string, { keepLineBreaks = false, stripInvisibles = false }: HtmlToTextOptions): string {
  const spaced = keepLineBreaks ? raw.replace(/\r\n?/g, '\n').replace(/[\t\f ]+/g, ' ') : raw.replace(/[\t\n\r\f ]+/g, ' ');
  const text = decodeEntities(spaced)
    .replace(/\u00a0/g, ' ')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f\uE000]/g, '');
  return stripInvisibles ? text.replace(/[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '') : text;
}

/** The index of the '>' closing a tag that starts before `from`, skipping quoted attribute values. */
function findTagEnd(html: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < html.length; i++) {
    const char = html[i];
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '>') return i;
  }
  return -1;
}
