import type { FeedLink } from '../model';
import { absoluteHttpUrl } from './dom';

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/json', 'application/rdf+xml']);

/**
 * The feeds a page names for itself: `<link rel="alternate" type="application/rss+xml" href>` and
 * its Atom and JSON Feed kin in the head (the RSS Advisory Board's autodiscovery, and jsonfeed.org
 * §Discovery). Only the head is searched: it is where autodiscovery links belong, and it is small.
 */
export function discoverFeeds(doc: Document, base: string): FeedLink[] {
  const found = new Map<string, FeedLink>();
  for (const link of doc.head?.querySelectorAll('link[rel][href][type]') ?? []) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (link.getAttribute('type') ?? '').trim().toLowerCase();
    if (!rel.includes('alternate') || !FEED_TYPES.has(type)) continue;
    const url = absoluteHttpUrl(link.getAttribute('href'), base);
    if (url && !found.has(url) && found.size < 20) found.set(url, { url, title: (link.getAttribute('title') ?? '').trim().slice(0, 300), type });
  }
  return [...found.values()];
}
