import type { ClipImage, QuotedPost } from '../../model';
import { absoluteHttpUrl, metaContent, textOf } from '../dom';
import { ExtractError } from '../extract-error';
import type { Extractor } from '../extractor';
import { countsFromLabel } from './counts';
import { parseTime, xIdTime } from './numbers';
import { postClip } from './post-clip';

/** A post (`/user/status/id`) or a long-form article (`/user/article/id`, which X also shows on the status URL). */
const POST_PATH = /^\/(\w{1,15})\/(status|article)\/(\d+)/;
const COUNT_NAMES: Record<string, string> = {
  replies: 'replies',
  reply: 'replies',
  reposts: 'reposts',
  repost: 'reposts',
  retweets: 'reposts',
  quotes: 'quotes',
  likes: 'likes',
  like: 'likes',
  bookmarks: 'bookmarks',
  views: 'views',
};
const TWEET = 'article[data-testid="tweet"]';
const USER_NAME = '[data-testid="User-Name"]';
// A long-form article's body (a Draft.js editor, read only) and its title (tests/fixtures/x--article-*.html).
const ARTICLE_BODY = '[data-testid="twitterArticleRichTextView"]';
const ARTICLE_TITLE = '[data-testid="twitter-article-title"]';
// Not body text: the title (kept apart; some pages put it inside the body) and what a code block
// shows around its code (the language's name and a copy button).
const ARTICLE_CHROME = `${ARTICLE_TITLE}, [data-testid="markdown-code-block"] > div:first-child, button`;

/**
 * A post on X, from the web app's markup (`article[data-testid="tweet"]`, `tweetText`, `User-Name`),
 * or a long-form article (`twitterArticleRichTextView`): its title and every block of its body.
 * A quoted post is the second User-Name inside the focal post, with the text beside it. Only the
 * author's handle is required (from the post's User-Name, the article's author microdata, or the
 * URL); every other field is kept empty when its markup is gone.
 */
export const xExtractor: Extractor = {
  id: 'x',
  canExtract: (url) => /^(?:www\.|mobile\.)?(?:x|twitter)\.com$/.test(url.hostname) && POST_PATH.test(url.pathname),
  extract(doc, context) {
    const [, pathUser = '', , id = ''] = POST_PATH.exec(context.url.pathname) ?? [];
    const tweets = [...doc.querySelectorAll(TWEET)];
    // The page shows replies and the thread above too; the focal post is the one whose time links to the URL's id.
    const tweet =
      tweets.find((candidate) => candidate.querySelector(`a[href$="/status/${id}"] time`)) ??
      tweets.find((candidate) => candidate.querySelector(ARTICLE_BODY)) ??
      tweets[0] ??
      null;
    const body = tweet?.querySelector(ARTICLE_BODY) ?? doc.querySelector(ARTICLE_BODY);
    const scope: ParentNode | null = tweet ?? (body ? doc : null);
    if (!scope) throw new ExtractError('no tweet article or long-form article on this page');
    const userName = scope.querySelector(USER_NAME);
    const author = doc.querySelector('[itemprop="author"]');
    const handle =
      (userName ? handleIn(userName) : null) ??
      author?.querySelector('meta[itemprop="additionalName"]')?.getAttribute('content')?.trim() ??
      (body ? pathUser : '');
    if (!handle) throw new ExtractError('no User-Name with a handle on this page');
    const authorName =
      (userName ? nameIn(userName) : '') || author?.querySelector('meta[itemprop="name"]')?.getAttribute('content')?.trim() || ogTitleName(doc) || handle;
    const quote = tweet && !body ? quotedIn(tweet, context.request.pageUrl) : null;
    const title = textOf(scope.querySelector(ARTICLE_TITLE));
    const text = body ? articleText(body) : textOf(ownText(tweet!, quote?.element ?? null), { withImageAlt: true });
    const time = tweet?.querySelector(`a[href$="/status/${id}"] time[datetime]`) ?? tweet?.querySelector('time[datetime]');
    const post = {
      network: 'x' as const,
      authorName,
      authorHandle: `@${handle}`,
      postUrl: `https://x.com/${handle}/status/${id}`,
      text,
      media: mediaIn(scope, quote?.element ?? null, context.request.pageUrl),
      postedAt: parseTime(time?.getAttribute('datetime')) ?? xIdTime(id),
      counts: countsFromLabel(scope.querySelector('[role="group"][aria-label]')?.getAttribute('aria-label'), COUNT_NAMES),
      ...(title ? { title } : {}),
      ...(quote ? { quoted: quote.post } : {}),
    };
    return postClip(doc, context, post, { network: 'x', handle: `@${handle}`, url: `https://x.com/${handle}` });
  },
};

/** The display name in a User-Name block: its first line, without the @handle X may print beside it. */
function nameIn(userName: Element): string {
  return (
    textOf(userName.querySelector('a') ?? userName)
      .split('\n')[0]
      ?.replace(/@\w+.*$/, '')
      .trim() ?? ''
  );
}

/** The @handle a User-Name block shows in an element of its own (the time may follow it without a space). */
function handleIn(userName: Element): string | null {
  for (const element of userName.querySelectorAll('span, a, div')) {
    const handle = /^@(\w{1,15})$/.exec(element.textContent?.trim() ?? '')?.[1];
    if (handle) return handle;
  }
  return /@(\w{1,15})/.exec(userName.textContent ?? '')?.[1] ?? null;
}

/** "(4) Heinrich on X: …" → "Heinrich": the author's name when the page shows no User-Name. */
function ogTitleName(doc: Document): string {
  return /^(?:\(\d+\)\s+)?(.+?)\s+on X\b/.exec(metaContent(doc, 'og:title') ?? '')?.[1]?.trim() ?? '';
}

/** The post `tweet` quotes: a second User-Name inside it, in the box that holds that post's text. */
function quotedIn(tweet: Element, pageUrl: string): { element: Element; post: QuotedPost } | null {
  const userName = tweet.querySelectorAll(USER_NAME)[1];
  if (!userName) return null;
  let box: Element | null = userName.parentElement;
  while (box && box !== tweet && !box.querySelector('[data-testid="tweetText"]')) box = box.parentElement;
  if (!box || box === tweet) box = userName.closest('[role="link"]') ?? userName.parentElement!;
  const handle = handleIn(userName) ?? '';
  const link = [...box.querySelectorAll('a[href*="/status/"]')].map((a) => absoluteHttpUrl(a.getAttribute('href'), pageUrl)).find(Boolean);
  const statusId = /\/status\/(\d+)/.exec(link ?? '')?.[1];
  return {
    element: box,
    post: {
      authorName: nameIn(userName) || handle,
      authorHandle: handle ? `@${handle}` : '',
      postUrl: handle && statusId ? `https://x.com/${handle}/status/${statusId}` : null,
      text: textOf(box.querySelector('[data-testid="tweetText"]'), { withImageAlt: true }),
    },
  };
}

/** The focal post's own text element: the first tweetText outside the quoted post. */
function ownText(tweet: Element, quote: Element | null): Element | null {
  return [...tweet.querySelectorAll('[data-testid="tweetText"]')].find((element) => !quote?.contains(element)) ?? null;
}

function mediaIn(scope: ParentNode, quote: Element | null, pageUrl: string): ClipImage[] {
  const media: ClipImage[] = [];
  for (const img of scope.querySelectorAll('[data-testid="tweetPhoto"] img, [data-testid="videoPlayer"] video[poster]')) {
    if (quote?.contains(img)) continue;
    const src = absoluteHttpUrl(img.getAttribute('src') ?? img.getAttribute('poster'), pageUrl);
    if (src && !media.some((known) => known.src === src)) media.push({ src, alt: img.getAttribute('alt') ?? '', width: null, height: null });
  }
  return media;
}

/** Every block of a long-form article, read from a copy without the code blocks' labels and copy buttons. */
function articleText(body: Element): string {
  const copy = body.cloneNode(true) as Element;
  for (const chrome of copy.querySelectorAll(ARTICLE_CHROME)) chrome.remove();
  return textOf(copy, { withImageAlt: false });
}
