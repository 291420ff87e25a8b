import type { ClipImage, SocialPost } from '../../model';
import { absoluteHttpUrl, textOf } from '../dom';
import { ExtractError } from '../extract-error';
import type { Extractor } from '../extractor';
import { parseCount, parseTime } from './numbers';
import { postClip } from './post-clip';

type RedditPost = Omit<SocialPost, 'network' | 'authorName' | 'text'> & { author: string; body: string };

/**
 * A Reddit post page, in either web app: www.reddit.com's `<shreddit-post>`, whose attributes carry
 * the post's data (author, created-timestamp, score, comment-count, permalink, post-title,
 * subreddit-prefixed-name, content-href), or old.reddit.com's `div.thing.link` with its data-*
 * attributes, `a.title` and the self-text's `.usertext-body`. Only the author is required.
 */
export const redditExtractor: Extractor = {
  id: 'reddit',
  canExtract: (url) => /(^|\.)reddit\.com$/.test(url.hostname) && /^\/r\/[^/]+\/comments\//.test(url.pathname),
  extract(doc, context) {
    const read = shredditPost(doc, context.request.pageUrl) ?? oldRedditPost(doc, context.request.pageUrl);
    if (!read) throw new ExtractError('no shreddit-post or old Reddit post with an author on this page');
    const { author, body, ...rest } = read;
    const post: SocialPost = { ...rest, network: 'reddit', authorName: author, text: body };
    return { ...postClip(doc, context, post, null), title: post.title || doc.title };
  },
};

function shredditPost(doc: Document, base: string): RedditPost | null {
  const post = doc.querySelector('shreddit-post[author][permalink]');
  const author = post?.getAttribute('author');
  if (!post || !author) return null;
  const media: ClipImage[] = [];
  for (const img of post.querySelectorAll('[slot="post-media-container"] img, img.media-lightbox-img'))
    addImage(media, img.getAttribute('src'), img.getAttribute('alt'), base);
  const postUrl = absoluteHttpUrl(post.getAttribute('permalink'), 'https://www.reddit.com/') ?? base;
  const link = absoluteHttpUrl(post.getAttribute('content-href'), base);
  return {
    author,
    authorHandle: `u/${author}`,
    postUrl,
    title: post.getAttribute('post-title')?.trim() || textOf(post.querySelector('[slot="title"]')),
    body: textOf(post.querySelector('[slot="text-body"]')),
    // A text post's content-href is its own address; a link post's is where it points.
    ...(link && !samePost(link, postUrl) ? { linkUrl: link } : {}),
    ...community(post.getAttribute('subreddit-prefixed-name')),
    media,
    postedAt: parseTime(post.getAttribute('created-timestamp')),
    counts: counts(post.getAttribute('score'), post.getAttribute('comment-count')),
  };
}

function oldRedditPost(doc: Document, base: string): RedditPost | null {
  const post = doc.querySelector('.thing.link[data-author]');
  const author = post?.getAttribute('data-author');
  if (!post || !author) return null;
  const postUrl = absoluteHttpUrl(post.getAttribute('data-permalink'), 'https://www.reddit.com/') ?? base;
  const link = absoluteHttpUrl(post.getAttribute('data-url') ?? post.querySelector('a.title')?.getAttribute('href'), postUrl);
  const media: ClipImage[] = [];
  for (const img of post.querySelectorAll('.expando .media-preview img, .expando img.preview'))
    addImage(media, img.getAttribute('src'), img.getAttribute('alt'), base);
  const time = Number(post.getAttribute('data-timestamp'));
  const score = post.getAttribute('data-score') ?? post.querySelector('.score.unvoted')?.getAttribute('title') ?? null;
  return {
    author,
    authorHandle: `u/${author}`,
    postUrl,
    title: textOf(post.querySelector('a.title')),
    body: textOf(post.querySelector('.usertext-body .md')),
    ...(link && !samePost(link, postUrl) ? { linkUrl: link } : {}),
    ...community(post.getAttribute('data-subreddit-prefixed') ?? (post.getAttribute('data-subreddit') ? `r/${post.getAttribute('data-subreddit')}` : null)),
    media,
    postedAt: Number.isSafeInteger(time) && time > 0 ? time : parseTime(post.querySelector('.tagline time[datetime]')?.getAttribute('datetime')),
    counts: counts(score, post.getAttribute('data-comments-count')),
  };
}

function addImage(media: ClipImage[], raw: string | null, alt: string | null, base: string): void {
  const src = absoluteHttpUrl(raw, base);
  if (src && !media.some((known) => known.src === src)) media.push({ src, alt: alt ?? '', width: null, height: null });
}

function counts(score: string | null, comments: string | null): Record<string, number> {
  const found: Record<string, number> = {};
  const scoreValue = parseCount(score);
  const commentsValue = parseCount(comments);
  if (scoreValue !== null) found.score = scoreValue;
  if (commentsValue !== null) found.comments = commentsValue;
  return found;
}

function community(name: string | null): { community?: string } {
  return name?.trim() ? { community: name.trim() } : {};
}

/** Whether `link` is the post's own page (old.reddit.com and www.reddit.com alike). */
function samePost(link: string, postUrl: string): boolean {
  const path = (url: string) => new URL(url).pathname.replace(/\/$/, '');
  return /(^|\.)reddit\.com$/.test(new URL(link).hostname) && path(link) === path(postUrl);
}
