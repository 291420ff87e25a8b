import { absoluteHttpUrl, metaContent, textOf } from '../dom';
import { ExtractError } from '../extract-error';
import type { Extractor } from '../extractor';
import { parseCount, parseTime } from './numbers';
import { postClip } from './post-clip';

/**
 * A YouTube video page. The server-rendered schema.org microdata (`itemprop` name, author,
 * datePublished, interactionCount) is read first; the rendered app (`ytd-watch-metadata`) fills gaps.
 */
export const youtubeExtractor: Extractor = {
  id: 'youtube',
  canExtract: (url) => /(^|\.)youtube\.com$/.test(url.hostname) && (url.pathname === '/watch' || url.pathname.startsWith('/shorts/')),
  extract(doc, context) {
    const base = context.request.pageUrl;
    const videoId = context.url.searchParams.get('v') ?? context.url.pathname.split('/')[2] ?? '';
    const title = metaContent(doc, 'name', 'og:title') ?? textOf(doc.querySelector('ytd-watch-metadata h1'));
    const author = doc.querySelector('[itemprop="author"]');
    const channelLink = doc.querySelector('ytd-watch-metadata ytd-channel-name a[href], #owner ytd-channel-name a[href]');
    const channelUrl = absoluteHttpUrl(author?.querySelector('link[itemprop="url"]')?.getAttribute('href') ?? channelLink?.getAttribute('href'), base);
    const channelName = author?.querySelector('link[itemprop="name"]')?.getAttribute('content') ?? textOf(channelLink);
    if (!title || !videoId || !channelName) throw new ExtractError('no video title or channel on this page');
    const handle = /\/(@[\w.-]+)/.exec(channelUrl ?? '')?.[1] ?? channelName;
    const counts: Record<string, number> = {};
    const views = parseCount(metaContent(doc, 'interactionCount', 'userInteractionCount'));
    const likes = parseCount(
      doc.querySelector('like-button-view-model button[aria-label], #segmented-like-button button[aria-label]')?.getAttribute('aria-label'),
    );
    if (views !== null) counts.views = views;
    if (likes !== null) counts.likes = likes;
    const thumbnail = absoluteHttpUrl(metaContent(doc, 'og:image', 'thumbnailUrl'), base);
    const post = {
      network: 'youtube' as const,
      authorName: channelName,
      authorHandle: handle,
      postUrl: `https://www.youtube.com/watch?v=${videoId}`,
      text: metaContent(doc, 'description') ?? textOf(doc.querySelector('#description-inline-expander')),
      media: thumbnail ? [{ src: thumbnail, alt: title, width: null, height: null }] : [],
      postedAt: parseTime(metaContent(doc, 'datePublished', 'uploadDate')),
      counts,
    };
    return { ...postClip(doc, context, post, null), title };
  },
};
