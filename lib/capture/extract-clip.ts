import type { ClipCapture, PageCapture } from '../model';
import { extractArticle } from './article';
import { absoluteHttpUrl } from './dom';
import { discoverFeeds } from './discover-feeds';
import type { CaptureRequest, ExtractContext } from './extractor';
import { imageExtractor } from './image';
import { linkClip } from './page-meta';
import { siteExtractor } from './registry';
import { selectedText, selectionExtractor } from './selection';
import { stripTracking } from './canonical-url';
import { WARNINGS } from './warnings';

/**
 * What the capture script runs in the page: what the document holds for the user's request.
 * Never throws for a page it cannot read: it returns a link clip with a warning saying so.
 * A `page` request with text selected clips the selection (the shortcut says "page or selection").
 * An article comes back with Readability's markup not yet cleaned: ./finish-clip.ts makes the clip.
 */
export function extractClip(doc: Document, request: CaptureRequest): PageCapture {
  const context: ExtractContext = { request, url: new URL(request.pageUrl) };
  const only = (clip: ClipCapture): PageCapture => ({ clip, article: null });
  if (request.kind === 'link') return only(linkOnPage(doc, context));
  if (request.kind === 'image') return only(imageExtractor.extract(doc, context));
  if (request.kind === 'selection' || selectedText(doc, request.selectionText ?? null)) return only(selectionExtractor.extract(doc, context));
  const extractor = siteExtractor(context.url, doc);
  const feeds = discoverFeeds(doc, doc.baseURI || request.pageUrl);
  try {
    return { ...(extractor ? only(extractor.extract(doc, context)) : extractArticle(doc, context)), ...(feeds.length ? { feeds } : {}) };
  } catch (error) {
    console.warn(`Cadence: the ${extractor?.id ?? 'article'} extractor could not read this page`, error);
    return only(linkClip(doc, context, extractor ? WARNINGS.socialUnreadable : WARNINGS.extractFailed));
  }
}

/** A link the user right-clicked: its address and the words it was shown with. */
function linkOnPage(doc: Document, context: ExtractContext): ClipCapture {
  const target = absoluteHttpUrl(context.request.linkUrl, context.request.pageUrl) ?? context.request.pageUrl;
  const anchor = [...doc.querySelectorAll('a[href]')].find((link) => absoluteHttpUrl(link.getAttribute('href'), doc.baseURI) === target);
  const url = stripTracking(target);
  return {
    ...linkClip(doc, context, null),
    url,
    sourceUrl: target,
    title: anchor?.textContent?.trim() || url,
    excerpt: '',
    byline: null,
    siteName: null,
    publishedTime: null,
    lang: null,
    leadImage: null,
    credits: [],
  };
}
