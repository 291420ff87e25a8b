import type { ClipCapture } from '../model';
import { pageCredits } from './credits';
import { metaContent, shorten } from './dom';
import type { ExtractContext } from './extractor';
import { leadImage } from './lead-image';
import { pageCanonicalUrl } from './page-url';

/**
 * What any page says about itself in its head: the fields of a plain link clip. Article,
 * selection and image clips start from this and fill in more.
 */
export function pageMeta(doc: Document, context: ExtractContext): ClipCapture {
  const pageUrl = context.request.pageUrl;
  const url = pageCanonicalUrl(doc, pageUrl);
  const description = metaContent(doc, 'og:description', 'description', 'twitter:description');
  return {
    kind: 'link',
    url,
    sourceUrl: pageUrl,
    title: metaContent(doc, 'og:title', 'twitter:title') ?? (doc.title.trim() || url),
    excerpt: description ? shorten(description, 500) : '',
    byline: metaContent(doc, 'author') ?? null,
    siteName: metaContent(doc, 'og:site_name', 'application-name') ?? null,
    publishedTime: metaContent(doc, 'article:published_time', 'datePublished', 'date') ?? null,
    lang: doc.documentElement.getAttribute('lang')?.trim() || null,
    text: '',
    html: '',
    leadImage: leadImage(doc, pageUrl),
    readingMinutes: null,
    quote: null,
    image: null,
    post: null,
    credits: pageCredits(doc, pageUrl),
    warnings: [],
  };
}

/** A plain link clip of the page, saying why it is no more than that. */
export function linkClip(doc: Document, context: ExtractContext, warning: string | null): ClipCapture {
  const meta = pageMeta(doc, context);
  return { ...meta, warnings: warning ? [warning] : [] };
}
