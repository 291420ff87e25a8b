import type { ClipImage } from '../../model';
import { absoluteHttpUrl, textOf } from '../dom';
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
    const profile = absoluteHttpUrl(status.querySelector('a.detailed-status__display-name, a.status__display-name')?.getAttribute('href'), context.request.pageUrl);
    const acct = account.includes('@') ? account : `${account}@${profile ? new URL(profile).hostname : context.url.hostname}`;
    const [user = '', host = ''] = acct.split('@');
    const media: ClipImage[] = [];
    for (const img of status.querySelectorAll('.media-gallery img, .media-gallery__item img')) {
      const link = img.closest('a[href]')?.getAttribute('href');
      const src = absoluteHttpUrl(link ?? img.getAttribute('src'), context.request.pageUrl);
      if (src) media.push({ src, alt: img.getAttribute('alt') ?? '', width: null, height: null });
    }
    const permalink = absoluteHttpUrl(status.querySelector('a.detailed-status__datetime, a.status__relative-time')?.getAttribute('href'), context.request.pageUrl);
    const post = {
      network: 'mastodon' as const,
      authorName: textOf(status.querySelector('.display-name__html')) || user,
      authorHandle: `@${acct}`,
      postUrl: permalink ?? context.request.pageUrl,
      text: textOf(status.querySelector('.status__content__text') ?? status.querySelector('.status__content'), { withImageAlt: true }),
      media,
      postedAt: parseTime(status.querySelector('time[datetime]')?.getAttribute('datetime')) ?? mastodonIdTime(id),
      counts: countsFromElements(status, {
        replies: '.detailed-status__replies, .status__action-bar__counter__label',
        reposts: '.detailed-status__reblogs',
        likes: '.detailed-status__favorites',
      }),
    };
    return postClip(doc, context, post, { network: 'mastodon', handle: `@${acct}`, url: `https://${host}/@${user}` });
  },
};
