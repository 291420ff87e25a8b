import type { ClipImage, QuotedPost } from '../../model';
import { absoluteHttpUrl, metaContent, textOf } from '../dom';
import { ExtractError } from '../extract-error';
import type { Extractor } from '../extractor';
import { countsFromElements } from './counts';
import { mastodonIdTime, parseTime } from './numbers';
import { postClip } from './post-clip';

/** A status's path in Mastodon's web app: /@user/id, /@user@server/id (a remote account's post), /deck/… */
export const STATUS_PATH = /^\/(?:deck\/)?@([\w.]+(?:@[\w.-]+)?)\/(\d+)/;
const DETAILED = '.detailed-status';
/** Mastodon's markup for a status, wherever it shows (a status page, a timeline): how Mastodon is recognised. */
export const MASTODON_STATUS = `${DETAILED}:has(.display-name__account), .status:has(.display-name__account)`;

/**
 * A Mastodon status. Any server can run Mastodon, so it is recognised by its web app's markup
 * (`.detailed-status` with `.display-name__account`), never by host name.
 */
export const mastodonExtractor: Extractor = {
  id: 'mastodon',
  canExtract: (url, doc) => STATUS_PATH.test(url.pathname) && doc.querySelector(MASTODON_STATUS) !== null,
  extract(doc, context) {
    const [, , id = ''] = STATUS_PATH.exec(context.url.pathname) ?? [];
    const status = doc.querySelector(DETAILED) ?? doc.querySelector(`.status[data-id="${id}"]`) ?? doc.querySelector('.status');
    const account = status?.querySelector('.display-name__account')?.textContent?.trim().replace(/^@/, '');
    if (!status || !account) throw new ExtractError('no detailed status with an account on this page');
    // Local accounts show as @user; the credit needs their server, which the author's profile link
    // names: relative (/@user, so this page's host) on a live page, absolute on a saved or mirrored copy.
    const profile = absoluteHttpUrl(
      status.querySelector('a.detailed-status__display-name, a.status__display-name')?.getAttribute('href'),
      context.request.pageUrl,
    );
    const acct = account.includes('@') ? account : `${account}@${profile ? new URL(profile).hostname : context.url.hostname}`;
    const [user = '', host = ''] = acct.split('@');
    // Mastodon 4.4+ shows a quoted post inside the status, with markup of its own (.status__quote).
    const quoteBox = status.querySelector('.status__quote');
    const outsideQuote = (element: Element) => !quoteBox?.contains(element);
    const media: ClipImage[] = [];
    for (const img of [...status.querySelectorAll('.media-gallery img, .media-gallery__item img')].filter(outsideQuote)) {
      const link = img.closest('a[href]')?.getAttribute('href');
      const src = absoluteHttpUrl(link ?? img.getAttribute('src'), context.request.pageUrl);
      if (src) media.push({ src, alt: img.getAttribute('alt') ?? '', width: null, height: null });
    }
    const own = (selector: string) => [...status.querySelectorAll(selector)].find(outsideQuote) ?? null;
    const permalink = absoluteHttpUrl(own('a.detailed-status__datetime, a.status__relative-time')?.getAttribute('href'), context.request.pageUrl);
    const post = {
      network: 'mastodon' as const,
      authorName: textOf(status.querySelector('.display-name__html')) || user,
      authorHandle: `@${acct}`,
      postUrl: permalink ?? context.request.pageUrl,
      text: withHashtags(textOf(own('.status__content__text') ?? own('.status__content'), { withImageAlt: true }), own('.hashtag-bar')),
      media,
      postedAt: parseTime(own('time[datetime]')?.getAttribute('datetime')) ?? mastodonIdTime(id) ?? parseTime(metaContent(doc, 'og:published_time')),
      counts: countsFromElements(status, {
        replies: '.detailed-status__replies, .status__action-bar__counter__label',
        reposts: '.detailed-status__reblogs',
        likes: '.detailed-status__favorites',
      }),
      ...contentWarning(status, outsideQuote),
      ...quoted(quoteBox, context.request.pageUrl),
    };
    return postClip(doc, context, post, { network: 'mastodon', handle: `@${acct}`, url: `https://${host}/@${user}` });
  },
};

/**
 * The content warning the post is shown behind: Mastodon 4.3+ draws it as a `.content-warning`
 * banner, earlier versions as a paragraph beside the "Show more" `.status__content__spoiler-link`.
 */
function contentWarning(status: Element, isOwn: (element: Element) => boolean): { contentWarning?: string } {
  const box = [...status.querySelectorAll('.content-warning, .status__content__spoiler-link')]
    .filter(isOwn)
    .map((found) => (found.classList.contains('content-warning') ? found : found.parentElement))[0];
  if (!box) return {};
  const copy = box.cloneNode(true) as Element;
  for (const control of copy.querySelectorAll('button')) control.remove();
  const text = textOf(copy, { withImageAlt: true }).replace(/\s+/g, ' ').trim();
  return text ? { contentWarning: text } : {};
}

function quoted(box: Element | null, pageUrl: string): { quoted?: QuotedPost } {
  const account = box?.querySelector('.display-name__account')?.textContent?.trim();
  if (!box || !account) return {};
  const link = box.querySelector('a.status__relative-time, a.detailed-status__datetime')?.getAttribute('href');
  // A local account shows as @user: its server is the one its profile link names, else this page's.
  const profile = absoluteHttpUrl(box.querySelector('a.status__display-name, a.detailed-status__display-name')?.getAttribute('href'), pageUrl);
  const acct = account.replace(/^@/, '');
  return {
    quoted: {
      authorName: textOf(box.querySelector('.display-name__html')) || account,
      authorHandle: `@${acct.includes('@') ? acct : `${acct}@${new URL(profile ?? pageUrl).hostname}`}`,
      postUrl: absoluteHttpUrl(link, pageUrl),
      text: textOf(box.querySelector('.status__content__text') ?? box.querySelector('.status__content'), { withImageAlt: true }),
    },
  };
}

/**
 * Mastodon 4.2+ takes a post's closing hashtags out of its text and shows them in a `.hashtag-bar`
 * below it: they are words of the post all the same, kept as its last line.
 */
function withHashtags(text: string, bar: Element | null): string {
  const tags = bar ? [...bar.querySelectorAll('a')].map((link) => textOf(link).replace(/\s+/g, '')).filter((tag) => tag.startsWith('#')) : [];
  return tags.length ? [text, tags.join(' ')].filter(Boolean).join('\n\n') : text;
}
