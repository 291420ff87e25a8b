import type { ClipCapture } from '../model';
import { absoluteHttpUrl } from './dom';
import type { CaptureRequest, ExtractContext } from './extractor';
import { imageExtractor } from './image';
import { linkClip } from './page-meta';
import { pageExtractor, SITE_EXTRACTORS } from './registry';
import { selectedText, selectionExtractor } from './selection';
import { stripTracking } from './canonical-url';
import { WARNINGS } from './warnings';

/**
 * What the capture script runs in the page: one clip from the document and the user's request.
 * Never throws for a page it cannot read: it returns a link clip with a warning saying so.
 * A `page` request with text selected clips the selection (the shortcut says "page or selection").
 */
export function extractClip(doc: Document, request: CaptureRequest): ClipCapture {
  const context: ExtractContext = { request, url: new URL(request.pageUrl) };
  if (request.kind === 'link') return linkOnPage(doc, context);
  if (request.kind === 'image') return imageExtractor.extract(doc, context);
  if (request.kind === 'selection' || selectedText(doc, request.selectionText ?? null)) return selectionExtractor.extract(doc, context);
  const extractor = pageExtractor(context.url, doc);
  try {
    return extractor.extract(doc, context);
  } catch (error) {
    console.warn(`Cadence: the ${extractor.id} extractor could not read this page`, error);
    const isSite = SITE_EXTRACTORS.includes(extractor);
    return linkClip(doc, context, isSite ? WARNINGS.socialUnreadable : WARNINGS.extractFailed);
  }
}

/** A link the user right-clicked: its address and the words it was shown with. */
function linkOnPage(doc: Document, context: ExtractContext): ClipCapture {
  const target = absoluteHttpUrl(context.request.linkUrl, context.request.pageUrl) ?? context.request.pageUrl;
  const anchor = [...doc.querySelectorAll('a[href]')].find((link) => absoluteHttpUrl(link.getAttribute('href'), doc.baseURI) === target);
  const url = stripTracking(target);
  return { ...linkClip(doc, context, null), url, sourceUrl: target, title: anchor?.textContent?.trim() || url, excerpt: '', byline: null, siteName: null, publishedTime: null, lang: null, leadImage: null, credits: [] };
}
