import type { ClipImage } from '../../model';
import { absoluteHttpUrl, textOf } from '../dom';
import { ExtractError } from '../extract-error';
import type { Extractor } from '../extractor';
import { countsFromLabel } from './counts';
import { parseTime, xIdTime } from './numbers';
import { postClip } from './post-clip';

const STATUS_PATH = /^\/(\w{1,15})\/status\/(\d+)/;
const COUNT_NAMES: Record<string, string> = {
  replies: 'replies', reply: 'replies', reposts: 'reposts', repost: 'reposts', retweets: 'reposts',
  quotes: 'quotes', likes: 'likes', like: 'likes', bookmarks: 'bookmarks', views: 'views',
};

/** A post on X, from the web app's markup (`article[data-testid="tweet"]`, `tweetText`, `User-Name`). */
export const xExtractor: Extractor = {
  id: 'x',
  canExtract: (url) => /^(?:www\.|mobile\.)?(?:x|twitter)\.com$/.test(url.hostname) && STATUS_PATH.test(url.pathname),
  extract(doc, context) {
    const [, , id = ''] = STATUS_PATH.exec(context.url.pathname) ?? [];
    const articles = [...doc.querySelectorAll('article[data-testid="tweet"]')];
    // The page shows replies and the thread above too; the focal post is the one whose time links to the URL's id.
    const article = articles.find((candidate) => candidate.querySelector(`a[href$="/status/${id}"] time`)) ?? articles[0];
    const textElement = article?.querySelector('[data-testid="tweetText"]');
    const userName = article?.querySelector('[data-testid="User-Name"]');
    const handle = /@(\w{1,15})/.exec(userName?.textContent ?? '')?.[1];
    if (!article || !userName || !handle) throw new ExtractError('no tweet article with a User-Name on this page');
    const authorName = textOf(userName.querySelector('a') ?? userName).split('\n')[0]?.replace(/@\w+.*$/, '').trim() ?? '';
    const media: ClipImage[] = [];
    for (const img of article.querySelectorAll('[data-testid="tweetPhoto"] img, [data-testid="videoPlayer"] video[poster]')) {
      const src = absoluteHttpUrl(img.getAttribute('src') ?? img.getAttribute('poster'), context.request.pageUrl);
      if (src) media.push({ src, alt: img.getAttribute('alt') ?? '', width: null, height: null });
    }
    const time = article.querySelector(`a[href$="/status/${id}"] time[datetime]`) ?? article.querySelector('time[datetime]');
    const post = {
      network: 'x' as const,
      authorName,
      authorHandle: `@${handle}`,
      postUrl: `https://x.com/${handle}/status/${id}`,
      text: textOf(textElement, { withImageAlt: true }),
      media,
      postedAt: parseTime(time?.getAttribute('datetime')) ?? xIdTime(id),
      counts: countsFromLabel(article.querySelector('[role="group"][aria-label]')?.getAttribute('aria-label'), COUNT_NAMES),
    };
    return postClip(doc, context, post, { network: 'x', handle: `@${handle}`, url: `https://x.com/${handle}` });
  },
};
