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
