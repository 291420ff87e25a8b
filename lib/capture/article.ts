import { isProbablyReaderable, Readability } from '@mozilla/readability';
import type { PageCapture } from '../model';
import type { ExtractContext } from './extractor';
import { linkClip, pageMeta } from './page-meta';
import { WARNINGS } from './warnings';

/**
 * The generic article reading, tried last: Mozilla Readability on a clone of the document.
 * Invariant: the live document is never changed (Readability rewrites the tree it parses).
 *
 * The pre-check (`isProbablyReaderable`) is no gate: a short article (a page that is mostly an
 * ordered list, one with aria-hidden regions) fails it although Readability reads it whole, and
 * about one page in eight was saved as a bare link for that (issue 25). Readability always runs;
 * a page is saved as a link, with a warning, only when what it finds is not worth keeping: no
 * markup, or fewer words than a short paragraph (a sign-in form, a page of buttons).
 *
 * In the page it only reads: Readability's markup and text travel as they came out, and the
 * extension cleans the markup, reads the text and times the reading (./finish-clip.ts). That keeps
 * the page's own time close to Readability's (issue "Curate": p95 ≤ 1.3× Readability alone); the
 * cleaning, as much again on a short article, runs in the extension's own document instead.
 */
export function extractArticle(doc: Document, context: ExtractContext): PageCapture {
  const article = new Readability(doc.cloneNode(true) as Document).parse();
  if (!article?.content || !isWorthKeeping(article.textContent ?? '', isProbablyReaderable(doc))) {
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

/**
 * Fewer words than this, on a page the pre-check also doubts, is a form or a page of controls, not an
 * article. The corpus's pages that fail the pre-check and are articles have 281 and 385 words; the
 * ones that are not have 1 to 8.
 */
export const MIN_ARTICLE_WORDS = 40;

function isWorthKeeping(text: string, isReaderable: boolean): boolean {
  if (isReaderable) return /\S/.test(text);
  let words = 0;
  for (const _ of text.matchAll(/\S+/g)) if (++words >= MIN_ARTICLE_WORDS) return true;
  return false;
}
