import { isProbablyReaderable, Readability } from '@mozilla/readability';
import type { ClipCapture } from '../model';
import { cleanArticle } from './clean-article';
import { shorten, tidyText } from './dom';
import type { ExtractContext, Extractor } from './extractor';
import { linkClip, pageMeta } from './page-meta';
import { readingMinutes } from './reading-time';
import { WARNINGS } from './warnings';

/**
 * The generic extractor, tried last: Mozilla Readability on a clone of the document.
 * Invariant: the live document is never changed (Readability rewrites the tree it parses).
 * Pages Readability would not offer reader view for are saved as links, with a warning.
 */
export const articleExtractor: Extractor = {
  id: 'article',
  canExtract: () => true,
  extract(doc: Document, context: ExtractContext): ClipCapture {
    if (!isProbablyReaderable(doc)) return linkClip(doc, context, WARNINGS.notReaderable);
    // The serializer hands back Readability's article element itself (of the clone, ours to change):
    // it is cleaned in place and serialized once, its text read in the same walk (lib/capture/clean-article.ts).
    const article = new Readability<Element>(doc.cloneNode(true) as Document, { serializer: (node) => node as Element }).parse();
    const { html, text } = article?.content ? cleanArticle(article.content) : { html: '', text: tidyText(article?.textContent ?? '') };
    if (!article || !text) return linkClip(doc, context, WARNINGS.notReaderable);
    const meta = pageMeta(doc, context);
    const lang = article.lang?.trim() || meta.lang;
    return {
      ...meta,
      kind: 'article',
      title: article.title?.trim() || meta.title,
      excerpt: article.excerpt?.trim() || shorten(text),
      byline: article.byline?.trim() || meta.byline,
      siteName: article.siteName?.trim() || meta.siteName,
      publishedTime: article.publishedTime?.trim() || meta.publishedTime,
      lang,
      text,
      html,
      readingMinutes: readingMinutes(text, lang),
    };
  },
};
