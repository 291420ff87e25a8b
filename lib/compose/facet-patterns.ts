import { graphemeCount } from './text-units';

/** A match in UTF-16 indices, before conversion to bytes. */
export interface Match {
  start: number;
  end: number;
  value: string;
}

/**
 * Handle syntax from atproto.com/specs/handle: dot-separated labels of letters, digits and
 * inner hyphens, at least two labels, the last not starting with a digit. Whether it exists
 * is the resolver's business, not ours. A mention starts a word or follows "(".
 */
const MENTION = /(^|[\s(])@((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?)(?![a-z0-9-]|\.[a-z0-9])/gi;

export function findMentions(text: string): Match[] {
  return Array.from(text.matchAll(MENTION), (m) => {
    const start = m.index + (m[1] ?? '').length;
    const handle = m[2] ?? '';
    return { start, end: start + 1 + handle.length, value: handle.toLowerCase() };
  });
}

/**
 * Hashtags as the Bluesky app reads them (lexicon app.bsky.richtext.facet#tag: at most 64
 * graphemes, stored without "#"): "#" or full-width "＃" starting a word, up to whitespace or an
 * invisible separator, without trailing punctuation, not only digits ("#1" is a number), and
 * not the keycap emoji #️⃣ (# + U+FE0F).
 */
const TAG = /(^|\s)[#＃](?!\ufe0f)([^\s\u00ad\u200a-\u200d\u2060\u20e2]+)/gu;
const TRAILING_PUNCTUATION = /\p{P}+$/u;
const HAS_NON_DIGIT = /[^\d\p{P}]/u;

export function findTags(text: string): Match[] {
  const tags: Match[] = [];
  for (const m of text.matchAll(TAG)) {
    const tag = (m[2] ?? '').replace(TRAILING_PUNCTUATION, '');
    if (!HAS_NON_DIGIT.test(tag) || graphemeCount(tag) > 64) continue;
    const start = m.index + (m[1] ?? '').length;
    tags.push({ start, end: start + 1 + tag.length, value: tag });
  }
  return tags;
}
