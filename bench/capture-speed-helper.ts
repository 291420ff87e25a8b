// Bundled by bench/capture-speed.ts (rolldown, IIFE) and evaluated once in each corpus page: the
// product's own extraction function, kept warm across runs the way the Readability it is compared
// with is, so the ratio compares the two functions and not a script evaluation against none.
import { extractClip } from '../lib/capture/extract-clip';
import { sanitizeHtml, sanitizerKind } from '../lib/capture/sanitize';

export const helper = { extractClip, sanitizeHtml, sanitizerKind };
(globalThis as unknown as { cadenceCaptureBench: typeof helper }).cadenceCaptureBench = helper;
