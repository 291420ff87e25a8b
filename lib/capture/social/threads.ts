import { metaContent, textOf } from '../dom';
import { ExtractError } from '../extract-error';
import type { Extractor } from '../extractor';
import { parseCount, parseTime } from './numbers';
import { postClip } from './post-clip';

const POST_PATH = /^\/@([\w.]+)\/post\/([\w-]+)/;
// Threads titles its post pages "Name (@user) on Threads" in og:title (server-rendered for link previews).
const OG_TITLE = /^(.*?)\s*\(@([\w.]+)\)\s+on Threads/;
const ACTIONS: Record<string, string> = { Like: 'likes', Reply: 'replies', Comment: 'replies', Repost: 'reposts', Share: 'shares' };

/**
 * A Threads post. Its class names are generated and change often, so this reads the link-preview
 * metadata, the post's `time[datetime]`, and the action buttons by their icon labels.
 */
export const threadsExtractor: Extractor = {
  id: 'threads',
  canExtract: (url) => /^(?:www\.)?threads\.(?:net|com)$/.test(url.hostname) && POST_PATH.test(url.pathname),
  extract(doc, context) {
    const [, user = '', code = ''] = POST_PATH.exec(context.url.pathname) ?? [];
    const title = OG_TITLE.exec(metaContent(doc, 'og:title') ?? '');
    if (!title || title[2]?.toLowerCase() !== user.toLowerCase()) throw new ExtractError('no Threads post metadata for this author');
    const postLink = doc.querySelector(`a[href$="/post/${code}"] time[datetime]`);
    const counts: Record<string, number> = {};
    for (const icon of doc.querySelectorAll('svg[aria-label]')) {
      const key = ACTIONS[icon.getAttribute('aria-label') ?? ''];
      const value = parseCount(textOf(icon.closest('[role="button"], button')));
      if (key && value !== null && counts[key] === undefined) counts[key] = value;
    }
    const post = {
      network: 'threads' as const,
      authorName: title[1] ?? user,
      authorHandle: `@${user}`,
      postUrl: `https://www.threads.com/@${user}/post/${code}`,
      text: metaContent(doc, 'og:description') ?? '',
      // og:image is the author's avatar on text posts, so it is no media; attachments are not in stable markup.
      media: [],
      postedAt: parseTime(postLink?.getAttribute('datetime')),
      counts,
    };
    return postClip(doc, context, post, { network: 'threads', handle: `@${user}`, url: `https://www.threads.com/@${user}` });
  },
};
