import type { ClipCapture } from '../model';
import { shorten, tidyText } from './dom';
import type { ExtractContext, Extractor } from './extractor';
import { pageMeta } from './page-meta';
import { textFragmentUrl } from './text-fragment';
import { WARNINGS } from './warnings';

/**
 * A quote: the selected text and a link that scrolls to it. The page's title, author and
 * credits come along, so the quote can be attributed when it is shared.
 */
export const selectionExtractor: Extractor = {
  id: 'selection',
  canExtract: (_url, doc) => selectedText(doc, null) !== '',
  extract(doc: Document, context: ExtractContext): ClipCapture {
    const meta = pageMeta(doc, context);
    const text = selectedText(doc, context.request.selectionText ?? null);
    if (!text) return { ...meta, warnings: [WARNINGS.noSelection] };
    return {
      ...meta,
      kind: 'selection',
      text,
      excerpt: shorten(text),
      quote: { text, fragmentUrl: textFragmentUrl(meta.url, text) },
    };
  },
};

/**
 * The browser's copy of the selection (context menus send it) wins; otherwise the live
 * selection, which a keyboard shortcut does not send.
 */
export function selectedText(doc: Document, given: string | null): string {
  const text = given ?? doc.defaultView?.getSelection()?.toString() ?? '';
  return tidyText(text);
}
