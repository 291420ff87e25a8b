import type { Extractor } from '../extractor';
import { blueskyExtractor } from '../social/bluesky';
import { linkedinExtractor } from '../social/linkedin';
import { redditExtractor } from '../social/reddit';
import { threadsExtractor } from '../social/threads';
import { xExtractor } from '../social/x';
import { youtubeExtractor } from '../social/youtube';

/**
 * The posts of each supported site, as the site script sees them: which elements are posts, and
 * each post's own address. Extraction itself is the site's extractor (lib/capture/social/*): most
 * sites are read one post at a time (a copy of the element, so feeds work); Threads and YouTube
 * (`pagePost`) only on their post page, whose head holds what their extractors read.
 */
export interface SitePosts {
  id: string;
  isHost(hostname: string): boolean;
  /** Selector of post elements; nested matches are not posts of their own. */
  posts: string;
  /** Selector of a post's own text (listening highlights test it); without it, or when absent, the whole post. */
  text?: string;
  /** The post's canonical https address, or null when it has none we can read (no buttons then). */
  permalink(post: Element, page: URL): string | null;
  extractor: Extractor;
  /** `page` sites: the post this page is about, in `permalink`'s form (only it can be read in full). */
  pagePost?(page: URL): string | null;
}

const BLUESKY_POST = /^\/profile\/([^/]+)\/post\/([a-z0-9]+)/i;
const X_STATUS = /^\/(\w{1,15})\/status\/(\d+)/;
const THREADS_POST = /^\/@([\w.]+)\/post\/([\w-]+)/;

/** Paths of the links in `post` (page-relative hrefs resolved), in document order. */
function linkPaths(post: Element, page: URL, selector = 'a[href]'): string[] {
  const paths: string[] = [];
  for (const link of post.querySelectorAll(selector)) {
    try {
      const url = new URL(link.getAttribute('href') ?? '', page);
      if (url.host === page.host) paths.push(url.pathname);
    } catch {
      // An unparsable href is no permalink; the next link may be.
    }
  }
  return paths;
}

const bluesky: SitePosts = {
  id: 'bluesky',
  isHost: (host) => host === 'bsky.app',
  posts: '[data-testid^="postThreadItem-by-"], [data-testid^="feedItem-by-"]',
  text: '[data-testid="postText"]',
  permalink(post, page) {
    const handle = (post.getAttribute('data-testid') ?? '').replace(/^(?:postThreadItem|feedItem)-by-/, '').toLowerCase();
    // The post's own links (time stamp, liked-by, reposted-by) carry its author; a quoted post's do not.
    const own = [...linkPaths(post, page), page.pathname].map((path) => BLUESKY_POST.exec(path)).find((match) => match?.[1]?.toLowerCase() === handle);
    return own ? `https://bsky.app/profile/${handle}/post/${own[2]}` : null;
  },
  extractor: blueskyExtractor,
};

const x: SitePosts = {
  id: 'x',
  isHost: (host) => /^(?:www\.|mobile\.)?(?:x|twitter)\.com$/.test(host),
  posts: 'article[data-testid="tweet"]',
  text: '[data-testid="tweetText"]',
  // A post's time stamp links to it; quoted posts show theirs inside a link role, not an anchor with time.
  permalink(post, page) {
    const match = [...linkPaths(post, page, 'a[href]:has(time)'), ...linkPaths(post, page)].map((path) => X_STATUS.exec(path)).find(Boolean);
    return match ? `https://x.com/${match[1]}/status/${match[2]}` : null;
  },
  extractor: xExtractor,
};

const linkedin: SitePosts = {
  id: 'linkedin',
  isHost: (host) => host === 'www.linkedin.com',
  posts: 'article[data-activity-urn], [data-id^="urn:li:activity:"], [data-urn^="urn:li:activity:"]',
  text: '[data-test-id="main-feed-activity-card__commentary"], .update-components-text, .feed-shared-update-v2__description',
  permalink(post) {
    const urn = post.getAttribute('data-activity-urn') ?? post.getAttribute('data-urn') ?? post.getAttribute('data-id') ?? '';
    const id = /activity:(\d+)/.exec(urn)?.[1];
    return id ? `https://www.linkedin.com/feed/update/urn:li:activity:${id}/` : null;
  },
  extractor: linkedinExtractor,
};

const reddit: SitePosts = {
  id: 'reddit',
  isHost: (host) => host === 'www.reddit.com',
  posts: 'shreddit-post[author][permalink]',
  permalink(post) {
    const path = post.getAttribute('permalink') ?? '';
    return /^\/r\/[^/]+\/comments\//.test(path) ? `https://www.reddit.com${path}` : null;
  },
  extractor: redditExtractor,
};

function threadsPost(path: string): string | null {
  const match = THREADS_POST.exec(path);
  return match ? `https://www.threads.com/@${match[1]}/post/${match[2]}` : null;
}

function youtubeVideo(page: URL): string | null {
  const id = page.pathname === '/watch' ? page.searchParams.get('v') : null;
  return id && /^[\w-]{6,20}$/.test(id) ? `https://www.youtube.com/watch?v=${id}` : null;
}

const threads: SitePosts = {
  id: 'threads',
  isHost: (host) => /^www\.threads\.(?:net|com)$/.test(host),
  // Class names are generated; the post's container is the pressable that holds its time stamp.
  posts: '[data-pressable-container="true"]:has(a[href*="/post/"] time)',
  permalink: (post, page) => linkPaths(post, page, 'a[href]:has(time)').map(threadsPost).find(Boolean) ?? null,
  extractor: threadsExtractor,
  pagePost: (page) => threadsPost(page.pathname),
};

const youtube: SitePosts = {
  id: 'youtube',
  isHost: (host) => host === 'www.youtube.com',
  posts: 'ytd-watch-metadata',
  permalink: (_post, page) => youtubeVideo(page),
  extractor: youtubeExtractor,
  pagePost: youtubeVideo,
};

export const SITES: readonly SitePosts[] = [bluesky, x, threads, linkedin, reddit, youtube];

export function siteFor(url: URL): SitePosts | null {
  return SITES.find((site) => site.isHost(url.hostname)) ?? null;
}

/** The post elements of `root` for this site, outermost only (a quoted post is part of its quoter). */
export function findPosts(root: ParentNode, site: SitePosts): Element[] {
  return [...root.querySelectorAll(site.posts)].filter((post) => !post.parentElement?.closest(site.posts));
}

/** The outermost post holding `element` (itself included), or null when it is in none. */
export function postAround(element: Element, site: SitePosts): Element | null {
  let post = element.closest(site.posts);
  for (let outer = post?.parentElement?.closest(site.posts); outer; outer = outer.parentElement?.closest(site.posts)) post = outer;
  return post;
}
