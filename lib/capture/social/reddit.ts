import type { ClipImage } from '../../model';
import { absoluteHttpUrl, textOf } from '../dom';
import { ExtractError } from '../extract-error';
import type { Extractor } from '../extractor';
import { parseCount, parseTime } from './numbers';
import { postClip } from './post-clip';

/**
 * A Reddit post from the current web app, whose `<shreddit-post>` element carries the post's
 * data as attributes (author, created-timestamp, score, comment-count, permalink, post-title).
 */
export const redditExtractor: Extractor = {
  id: 'reddit',
  canExtract: (url) => /(^|\.)reddit\.com$/.test(url.hostname) && /^\/r\/[^/]+\/comments\//.test(url.pathname),
  extract(doc, context) {
    const post = doc.querySelector('shreddit-post[author][permalink]');
    const author = post?.getAttribute('author');
    if (!post || !author) throw new ExtractError('no shreddit-post element on this page');
    const base = context.request.pageUrl;
    const media: ClipImage[] = [];
    for (const img of post.querySelectorAll('[slot="post-media-container"] img, img.media-lightbox-img')) {
      const src = absoluteHttpUrl(img.getAttribute('src'), base);
      if (src && !media.some((known) => known.src === src)) media.push({ src, alt: img.getAttribute('alt') ?? '', width: null, height: null });
    }
    const counts: Record<string, number> = {};
    const score = parseCount(post.getAttribute('score'));
    const comments = parseCount(post.getAttribute('comment-count'));
    if (score !== null) counts.score = score;
    if (comments !== null) counts.comments = comments;
    const title = post.getAttribute('post-title')?.trim() ?? '';
    const body = textOf(post.querySelector('[slot="text-body"]'));
    const social = {
      network: 'reddit' as const,
      authorName: author,
      authorHandle: `u/${author}`,
      postUrl: absoluteHttpUrl(post.getAttribute('permalink'), 'https://www.reddit.com/') ?? base,
      text: [title, body].filter(Boolean).join('\n\n'),
      media,
      postedAt: parseTime(post.getAttribute('created-timestamp')),
      counts,
    };
    return { ...postClip(doc, context, social, null), title: title || doc.title };
  },
};
