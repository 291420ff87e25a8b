import type { ClipCapture } from '../model';
import { pageCredits } from './credits';
import { shorten } from './dom';
import type { ExtractContext } from './extractor';
import { leadImage } from './lead-image';
import { readPageHead } from './page-head';
import { pageCanonicalUrl } from './page-url';

/**
 * What any page says about itself in its head: the fields of a plain link clip. Article,
 * selection and image clips start from this and fill in more.
 */
export function pageMeta(doc: Document, context: ExtractContext): ClipCapture {
  const pageUrl = context.request.pageUrl;
  const head = readPageHead(doc, pageUrl);
  const url = pageCanonicalUrl(head, pageUrl);
  const description = head.meta('og:description', 'description', 'twitter:description');
  return {
    kind: 'link',
    url,
    sourceUrl: pageUrl,
    title: head.meta('og:title', 'twitter:title') ?? (doc.title.trim() || url),
    excerpt: description ? shorten(description, 500) : '',
    byline: head.meta('author'),
    siteName: head.meta('og:site_name', 'application-name'),
    publishedTime: head.meta('article:published_time', 'datePublished', 'date'),
    lang: doc.documentElement.getAttribute('lang')?.trim() || null,
    text: '',
    html: '',
    leadImage: leadImage(head),
    readingMinutes: null,
    quote: null,
    image: null,
    post: null,
    credits: pageCredits(head, pageUrl),
    warnings: [],
  };
}

/** A plain link clip of the page, saying why it is no more than that. */
export function linkClip(doc: Document, context: ExtractContext, warning: string | null): ClipCapture {
  const meta = pageMeta(doc, context);
  return { ...meta, warnings: warning ? [warning] : [] };
}
