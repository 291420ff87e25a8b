import type { ClipImage } from '../../model';
import { absoluteHttpUrl, textOf } from '../dom';
import { ExtractError } from '../extract-error';
import type { Extractor } from '../extractor';
import { countsFromElements } from './counts';
import { tidTime } from './numbers';
import { postClip } from './post-clip';

const POST_PATH = /^\/profile\/([^/]+)\/post\/([a-z0-9]+)/i;
// A thread's posts, and a feed's (the site buttons hand the extractor one feed item at a time).
const ITEM = '[data-testid^="postThreadItem-by-"], [data-testid^="feedItem-by-"]';

/** A Bluesky post from bsky.app's thread view (`data-testid="postThreadItem-by-<handle>"`, `postText`). */
export const blueskyExtractor: Extractor = {
  id: 'bluesky',
  canExtract: (url) => url.hostname === 'bsky.app' && POST_PATH.test(url.pathname),
  extract(doc, context) {
    const [, actor = '', rkey = ''] = POST_PATH.exec(context.url.pathname) ?? [];
    const items = [...doc.querySelectorAll(ITEM)];
    // Parents and replies share the markup; only the focal post links to its own liked-by/reposted-by lists.
    const item =
      items.find((candidate) => candidate.querySelector(`a[href*="/post/${rkey}/"]`)) ??
      items.find((candidate) => handleOf(candidate) === actor.toLowerCase()) ??
      items[0];
    const handle = item ? handleOf(item) : '';
    if (!item || !handle) throw new ExtractError('no postThreadItem on this page');
    const authorName =
      [...item.querySelectorAll(`a[href="/profile/${handle}"]`)]
        .map((link) => textOf(link).split('\n')[0] ?? '')
        .find((text) => text && !text.startsWith('@')) ?? handle;
    const media: ClipImage[] = [];
    for (const img of item.querySelectorAll('img[src*="/img/feed_"]')) {
      const src = absoluteHttpUrl(img.getAttribute('src'), context.request.pageUrl);
      if (src) media.push({ src, alt: img.getAttribute('alt') ?? '', width: null, height: null });
    }
    const post = {
      network: 'bluesky' as const,
      authorName,
      authorHandle: `@${handle}`,
      postUrl: `https://bsky.app/profile/${handle}/post/${rkey}`,
      text: textOf(item.querySelector('[data-testid="postText"]')),
      media,
      postedAt: tidTime(rkey),
      counts: countsFromElements(
        item,
        { replies: '[data-testid="replyBtn"]', reposts: 'a[href$="/reposted-by"]', quotes: 'a[href$="/quotes"]', likes: 'a[href$="/liked-by"]' },
        // Icon buttons carry their number only in the aria-label ("Reply (5 replies)").
        (element) => (/\d/.test(element.textContent ?? '') ? element.textContent : element.getAttribute('aria-label')),
      ),
    };
    return postClip(doc, context, post, { network: 'bluesky', handle: `@${handle}`, url: `https://bsky.app/profile/${handle}` });
  },
};

function handleOf(item: Element): string {
  return (item.getAttribute('data-testid') ?? '').replace(/^(?:postThreadItem|feedItem)-by-/, '').toLowerCase();
}
