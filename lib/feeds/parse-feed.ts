import type { ParsedFeed } from './feed-item';
import { parseJsonFeed } from './parse-json-feed';
import { parseXmlFeed } from './parse-xml-feed';

export type { FeedItem, ParsedFeed } from './feed-item';

/**
 * A feed document, whichever of RSS, Atom and JSON Feed it is: by its content type where that says
 * JSON, else by its first character. An HTML page is refused with a word about what to do instead.
 * Throws a sentence (shown on the feed's row) for anything else.
 */
export function parseFeed(body: string, { feedUrl, contentType }: { feedUrl: string; contentType: string | null }): ParsedFeed {
  const start = body.trimStart().replace(/^\uFEFF/, '');
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('json') || start.startsWith('{')) return parseJsonFeed(start, feedUrl);
  if (type.includes('text/html') || start.slice(0, 15).toLowerCase().startsWith('<!doctype html') || start.toLowerCase().startsWith('<html')) {
    throw new Error('This address is a web page, not a feed. Clip the page in the Queue: Cadence offers to follow the feed the page names.');
  }
  return parseXmlFeed(start, feedUrl);
}
