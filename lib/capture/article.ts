import { isProbablyReaderable, Readability } from '@mozilla/readability';
import type { PageCapture } from '../model';
import type { ExtractContext } from './extractor';
import { linkClip, pageMeta } from './page-meta';
import { WARNINGS } from './warnings';

/**
 * The generic article reading, tried last: Mozilla Readability on a clone of the document.
 * Invariant: the live document is never changed (Readability rewrites the tree it parses).
 * Pages Readability would not offer reader view for are saved as links, with a warning.
 *
 * In the page it only reads: Readability's markup and text travel as they came out, and the
 * extension cleans the markup, reads the text and times the reading (./finish-clip.ts). That keeps
 * the page's own time close to Readability's (issue "Curate": p95 ≤ 1.3× Readability alone); the
 * cleaning, as much again on a short article, runs in the extension's own document instead.
 */
export function extractArticle(doc: Document, context: ExtractContext): PageCapture {
  if (!isProbablyReaderable(doc)) return { clip: linkClip(doc, context, WARNINGS.notReaderable), article: null };
  const article = new Readability(doc.cloneNode(true) as Document).parse();
  if (!article?.content || !article.textContent?.trim()) return { clip: linkClip(doc, context, WARNINGS.notReaderable), article: null };
  const meta = pageMeta(doc, context);
  return {
    clip: {
      ...meta,
      kind: 'article',
      title: article.title?.trim() || meta.title,
      // Empty when Readability found none: finish-clip.ts takes the start of the cleaned text.
      excerpt: article.excerpt?.trim() || '',
      byline: article.byline?.trim() || meta.byline,
      siteName: article.siteName?.trim() || meta.siteName,
      publishedTime: article.publishedTime?.trim() || meta.publishedTime,
      lang: article.lang?.trim() || meta.lang,
    },
    article: { html: article.content, text: article.textContent },
  };
}
