import { stripTracking } from '../capture/canonical-url';
import { shorten } from '../capture/dom';
import type { ClipCapture, Feed } from '../model';
import type { FeedItem } from './feed-item';

/** An item as a clip of kind `feed-item`: the feed's title, author, summary and image, under the item's canonical address. */
export function feedItemCapture(item: FeedItem, feed: Pick<Feed, 'title'>): ClipCapture {
  return {
    kind: 'feed-item',
    url: stripTracking(item.url),
    sourceUrl: item.url,
    title: item.title,
    excerpt: shorten(item.summary, 500),
    byline: item.author,
    siteName: feed.title || null,
    publishedTime: item.publishedAt,
    lang: null,
    text: item.text,
    html: '',
    leadImage: item.image,
    readingMinutes: null,
    quote: null,
    image: null,
    post: null,
    credits: [],
    warnings: [],
  };
}
