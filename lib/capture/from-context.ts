import type { ClipCapture } from '../model';
import { stripTracking } from './canonical-url';
import { textFragmentUrl } from './text-fragment';

/** What the browser tells us about a context-menu click or a command, without touching the page. */
export interface PageContext {
  pageUrl: string;
  pageTitle: string;
  linkUrl?: string;
  linkText?: string;
  selectionText?: string;
  srcUrl?: string;
}

const blank = (url: string, sourceUrl: string, title: string): ClipCapture => ({
  kind: 'link',
  url,
  sourceUrl,
  title,
  excerpt: '',
  byline: null,
  siteName: null,
  publishedTime: null,
  lang: null,
  text: '',
  html: '',
  leadImage: null,
  readingMinutes: null,
  quote: null,
  image: null,
  post: null,
  credits: [],
  warnings: [],
});

/** A link clip of the link under the cursor. */
export function linkCapture(context: PageContext): ClipCapture {
  const url = stripTracking(context.linkUrl ?? context.pageUrl);
  return blank(url, context.linkUrl ?? context.pageUrl, context.linkText?.trim() || url);
}

/**
 * The browser's own view of a selection or image, used when the page cannot run our script
 * (and as the baseline the in-page extractor enriches).
 */
export function fallbackCapture(context: PageContext, kind: 'page' | 'selection' | 'image', reason: string | null): ClipCapture {
  const url = stripTracking(context.pageUrl);
  const base = blank(url, context.pageUrl, context.pageTitle || url);
  const warnings = reason ? [reason] : [];
  if (kind === 'selection' && context.selectionText) {
    const text = context.selectionText.trim();
    return { ...base, kind: 'selection', text, excerpt: text.slice(0, 280), quote: { text, fragmentUrl: textFragmentUrl(url, text) }, warnings };
  }
  if (kind === 'image' && context.srcUrl) {
    return { ...base, kind: 'image', image: { src: context.srcUrl, alt: '', width: null, height: null }, leadImage: context.srcUrl, warnings };
  }
  return { ...base, warnings };
}
