// Bundled by bench/capture-speed.ts (rolldown, IIFE) and evaluated once in each corpus page: the
// product's own extraction function, kept warm across runs the way the Readability it is compared
// with is, so the ratio compares the two functions and not a script evaluation against none. The
// extension's half of a clip (the offscreen document's cleaning, then finishClip) comes along, timed
// apart: it runs outside the page in the product, but it is work a clip costs all the same.
import { cleanArticleMarkup } from '../lib/capture/clean-article';
import { extractClip } from '../lib/capture/extract-clip';
import { finishClip } from '../lib/capture/finish-clip';
import { sanitizeHtml, sanitizerKind } from '../lib/capture/sanitize';
import type { PageCapture } from '../lib/model/clip';

/** What the worker and the offscreen document do with what the page read. */
function finishInExtension(read: PageCapture) {
  return finishClip(read, read.article && cleanArticleMarkup(read.article.html, document));
}

export const helper = { extractClip, finishInExtension, sanitizeHtml, sanitizerKind };
(globalThis as unknown as { cadenceCaptureBench: typeof helper }).cadenceCaptureBench = helper;
