import type { Extractor } from './extractor';
import { blueskyExtractor } from './social/bluesky';
import { hackernewsExtractor } from './social/hackernews';
import { linkedinExtractor } from './social/linkedin';
import { mastodonExtractor } from './social/mastodon';
import { redditExtractor } from './social/reddit';
import { threadsExtractor } from './social/threads';
import { xExtractor } from './social/x';
import { youtubeExtractor } from './social/youtube';

/**
 * Site extractors, each claiming pages by URL pattern (Mastodon by markup, since any host can
 * run it). A new one goes here and gets a fixture in tests/fixtures/<id>--<slug>.html.
 */
export const SITE_EXTRACTORS: readonly Extractor[] = [
  xExtractor,
  blueskyExtractor,
  threadsExtractor,
  linkedinExtractor,
  redditExtractor,
  youtubeExtractor,
  hackernewsExtractor,
  mastodonExtractor,
];

/** The site extractor for a whole page: the first that claims it, else null (the page is read as an article, ./article.ts). */
export function siteExtractor(url: URL, doc: Document): Extractor | null {
  return SITE_EXTRACTORS.find((extractor) => extractor.canExtract(url, doc)) ?? null;
}
