import { htmlToText } from '../text/html-to-text';

/**
 * Feed text as plain text (issue 22: "sanitize all text"). A feed's title, author and summary may
 * hold markup (Atom `type="html"`, RSS descriptions, `content:encoded`), some of it hostile (a
 * `<script>` in a title). The worker has no DOM, and nothing from a feed is ever shown as HTML: the
 * shared scanner (lib/text/html-to-text.ts) drops tags, with what `<script>`, `<style>` and the like
 * hold, decodes entities, and drops control characters and the invisible ones that reorder text.
 * Line breaks written in the text are kept: a plain-text field (JSON Feed's content_text, a
 * podcast's description) means them.
 */
export function plainText(input: string, max = 100_000): string {
  return htmlToText(input, { max, keepLineBreaks: true, stripInvisibles: true });
}

/** One line of plain text (titles, names), at most `max` characters. */
export function plainLine(input: string, max = 500): string {
  return plainText(input, max * 2)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}
