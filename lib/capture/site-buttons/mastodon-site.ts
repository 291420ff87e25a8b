import { absoluteHttpUrl } from '../dom';
import { MASTODON_STATUS, mastodonExtractor, STATUS_PATH } from '../social/mastodon';
import type { SitePosts } from './sites';

/**
 * Mastodon, as the site script sees it on a server registered at run time (the user's accounts'
 * servers and the servers added in Settings; lib/capture/site-buttons/sync.ts). Any host can run
 * Mastodon, so no host name says it is one: only elements with Mastodon's status markup (the
 * extractor's own test) are posts, and a page without it gets nothing from the script.
 */
export const mastodonSite: SitePosts = {
  id: 'mastodon',
  isHost: () => false,
  posts: MASTODON_STATUS,
  text: '.status__content',
  permalink(post, page) {
    // The time stamp links to the post: on its own server for a remote account's post.
    const linked = absoluteHttpUrl(post.querySelector('a.status__relative-time, a.detailed-status__datetime')?.getAttribute('href'), page.href);
    if (linked && STATUS_PATH.test(new URL(linked).pathname)) return linked;
    // Otherwise this server's own address for it: /@account/id, as its web app links it.
    const id = post.getAttribute('data-id');
    const account = post.querySelector('.display-name__account')?.textContent?.trim();
    return id && /^\d+$/.test(id) && account && /^@[\w.]+(?:@[\w.-]+)?$/.test(account) ? `${page.origin}/${account}/${id}` : null;
  },
  extractor: mastodonExtractor,
};
