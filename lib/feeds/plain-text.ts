/**
 * Feed text as plain text (issue 22: "sanitize all text"). A feed's title, author and summary may
 * hold markup (Atom `type="html"`, RSS descriptions, `content:encoded`), some of it hostile (a
 * `<script>` in a title). The worker has no DOM, and nothing from a feed is ever shown as HTML:
 * so tags are dropped, with what `<script>`, `<style>` and the like hold, the entities HTML writes
 * most are decoded, control characters go, and the rest is text that React renders as text.
 * A scanner, not a pattern: `<` starts a tag only where HTML would start one (a letter, `/`, `!`).
 */
const DROPPED_WITH_CONTENT = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'head', 'title']);
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'tr',
  'table',
  'section',
  'article',
  'figure',
  'figcaption',
  'hr',
]);
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
  copy: '©',
  reg: '®',
  trade: '™',
  laquo: '«',
  raquo: '»',
  middot: '·',
  bull: '•',
};

export function plainText(input: string, max = 100_000): string {
  let out = '';
  let i = 0;
  const n = input.length;
  while (i < n && out.length < max) {
    const ch = input[i]!;
    if (ch === '<' && i + 1 < n && isTagStart(input[i + 1]!)) {
      const end = input.indexOf('>', i + 1);
      if (end === -1) break; // an unclosed tag: what follows is inside it
      const name = tagName(input.slice(i + 1, end));
      i = end + 1;
      if (DROPPED_WITH_CONTENT.has(name)) {
        // Searched in place: lower-casing the whole input for each such tag made a feed of many
        // <script>s quadratic, and a lower-cased copy can be longer than the input (İ), shifting indexes.
        const closing = new RegExp(`</${name}`, 'gi'); // name is one of DROPPED_WITH_CONTENT's
        closing.lastIndex = i;
        const close = closing.exec(input)?.index ?? -1;
        i = close === -1 ? n : Math.max(i, input.indexOf('>', close) + 1 || n);
        continue;
      }
      if (BLOCK.has(name)) out += '\n';
      continue;
    }
    if (ch === '&') {
      const semi = input.indexOf(';', i + 1);
      if (semi !== -1 && semi - i <= 10) {
        const decoded = decodeEntity(input.slice(i + 1, semi));
        if (decoded !== null) {
          out += decoded;
          i = semi + 1;
          continue;
        }
      }
    }
    out += ch;
    i++;
  }
  return tidy(out).slice(0, max);
}

/** One line of plain text (titles, names), at most `max` characters. */
export function plainLine(input: string, max = 500): string {
  return plainText(input, max * 2)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

function isTagStart(ch: string): boolean {
  return ch === '/' || ch === '!' || ch === '?' || ch.toLowerCase() !== ch.toUpperCase();
}

function tagName(inside: string): string {
  let start = inside.startsWith('/') ? 1 : 0;
  let end = start;
  while (end < inside.length && !' \t\n\r\f/>'.includes(inside[end]!)) end++;
  if (start === end) start = end;
  return inside.slice(start, end).toLowerCase();
}

function decodeEntity(body: string): string | null {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
    return String.fromCodePoint(code);
  }
  return NAMED[body.toLowerCase()] ?? null;
}

function tidy(text: string): string {
  return (
    text
      // Control characters but tab and line break (a title holding U+0000 or U+202E tricks a reader).
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
      .replace(/\u00a0/g, ' ')
      .replace(/[ \t]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}
