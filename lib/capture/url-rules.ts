/**
 * Which URLs captured HTML may keep, shared by the in-page cleaner (./clean-article.ts), the string
 * sanitizer (./sanitize.ts) and the reader: one copy of each rule. No imports: it runs in /capture.js.
 */

// Pixels only: an SVG or HTML data URL can carry script when opened on its own.
export const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|avif);/i;
// The URL parser ignores these wherever DOMPurify strips them before it reads a scheme.
const ATTR_WHITESPACE = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g;
// DOMPurify's rule for URLs (its IS_ALLOWED_URI): web, mail and phone schemes, or no scheme at all.
const ALLOWED_URL = /^(?:(?:(?:f|ht)tps?|mailto|tel|callto|sms|cid|xmpp|matrix):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

/** The value as the URL parser reads its scheme: without the whitespace and controls it skips. */
export const compactUrl = (value: string): string => value.replace(ATTR_WHITESPACE, '');

/** DOMPurify's rule on a compacted value: a web, mail or phone scheme, or none. */
export const isAllowedScheme = (url: string): boolean => ALLOWED_URL.test(url);

export type SrcsetCandidate = { url: string; descriptors: string };

const isSrcsetSpace = (char: string | undefined): boolean => char === ' ' || char === '\t' || char === '\n' || char === '\f' || char === '\r';

/**
 * A srcset's candidates, split as the HTML standard's parser splits them ("parse a srcset
 * attribute"): a URL runs to the next whitespace (a comma inside it, as in a data URL, stays), and
 * its descriptors run to the next comma outside parentheses. Every candidate is a URL the browser
 * may load, so each is checked, not only the first (issue 18: an SVG data URL in a later candidate
 * passed all three cleaning layers).
 */
export function parseSrcset(value: string): SrcsetCandidate[] {
  const candidates: SrcsetCandidate[] = [];
  let at = 0;
  while (at < value.length) {
    while (at < value.length && (isSrcsetSpace(value[at]) || value[at] === ',')) at++;
    if (at >= value.length) break;
    const start = at;
    while (at < value.length && !isSrcsetSpace(value[at])) at++;
    let url = value.slice(start, at);
    let descriptors = '';
    if (url.endsWith(',')) url = url.replace(/,+$/, '');
    else {
      const from = at;
      let isInParens = false;
      while (at < value.length && (isInParens || value[at] !== ',')) {
        if (value[at] === '(') isInParens = true;
        else if (value[at] === ')') isInParens = false;
        at++;
      }
      descriptors = value.slice(from, at).trim();
      at++;
    }
    candidates.push({ url, descriptors });
  }
  return candidates;
}

/** A srcset is kept only when it has candidates and every one passes `isAllowed`. */
export const isSrcsetAllowed = (value: string, isAllowed: (url: string) => boolean): boolean => {
  const candidates = parseSrcset(value);
  return candidates.length > 0 && candidates.every((candidate) => isAllowed(candidate.url));
};
