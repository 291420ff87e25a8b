import type { FeedFormat } from '../model';

/** One item of a feed as Cadence keeps it: plain text only (./plain-text.ts), addresses absolute http(s). */
export interface FeedItem {
  url: string;
  title: string;
  author: string | null;
  summary: string;
  /** The item's words, plain, for the queue's search (the full `content:encoded` where the feed has it). */
  text: string;
  image: string | null;
  publishedAt: string | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string;
  siteUrl: string | null;
  /** RSS `<ttl>`: how many minutes the feed may be cached (www.rssboard.org/rss-specification#ltttlgtSubelementOfLtchannelgt). */
  ttlMinutes: number | null;
  items: FeedItem[];
}

/** At most this many items are read from one feed document (the newest, as feeds list them first). */
export const MAX_ITEMS = 100;

/** The address `raw` points at from `base`, if it is http(s); null otherwise. */
export function httpUrl(raw: unknown, base: string): string | null {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  try {
    const url = new URL(raw.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** An RFC 822 (RSS) or RFC 3339 (Atom, JSON Feed) date as ISO 8601, or null when it is not a date. */
export function isoDate(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  const time = Date.parse(raw.trim());
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}
