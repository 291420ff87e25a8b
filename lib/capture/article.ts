import { Readability } from '@mozilla/readability';
import type { PageCapture } from '../model';
import type { ExtractContext } from './extractor';
import { linkClip, pageMeta } from './page-meta';
import { WARNINGS } from './warnings';

/**
 * The generic article reading, tried last: Mozilla Readability on a clone of the document.
 * Invariant: the live document is never changed (Readability rewrites the tree it parses).
 *
 * No pre-check decides whether the content is kept (issue 25). `isProbablyReaderable` said no to about
 * one page in eight that Readability reads whole: a page that is mostly an ordered list, one with
 * aria-hidden regions, one whose text sits in links that script rewrites (Readability's own test
 * pages `ol`, `remove-aria-hidden`, `js-link-replacement`, in tests/fixtures/readability-pages).
 * Readability always runs, and whatever text it finds is kept as the article; a page is saved as
 * a link, with a warning, only when it finds no markup or no word at all. The article is then
 * what Readability alone gives (bench: capture.fidelity, word similarity to Readability's output).
 *
 * In the page it only reads: Readability's markup and text travel as they came out, and the
 * extension cleans the markup, reads the text and times the reading (./finish-clip.ts). That keeps
 * the page's own time close to Readability's (issue "Curate": p95 ≤ 1.3× Readability alone); the
 * cleaning, as much again on a short article, runs in the extension's own document instead.
 */
export function extractArticle(doc: Document, context: ExtractContext): PageCapture {
  const article = new Readability(doc.cloneNode(true) as Document).parse();
  if (!article?.content || !/\S/.test(article.textContent ?? '')) {
    return { clip: linkClip(doc, context, WARNINGS.notReaderable), article: null };
  }
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
    article: { html: article.content, text: article.textContent ?? '' },
  };
}
