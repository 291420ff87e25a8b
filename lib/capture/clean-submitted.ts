import type { ClipCapture } from '../model';
import type { CleanArticle } from './clean-article';
import { WARNINGS } from './warnings';

/**
 * A capture sent as a message carries markup nobody has cleaned yet (the README: clips are
 * cleaned before they are stored). It goes through the same allow-list as a clipped article
 * (./clean-article.ts, in the extension's own DOM); markup that cannot be cleaned is not kept at
 * all: the words stay, and the clip says its formatting was lost.
 */
export async function cleanSubmittedCapture(capture: ClipCapture, clean: (html: string) => Promise<CleanArticle>): Promise<ClipCapture> {
  if (capture.html === '') return capture;
  const cleaned = await clean(capture.html).catch((error: unknown) => {
    console.warn("Cadence: a submitted capture's markup could not be cleaned; its words are kept", error);
    return null;
  });
  if (cleaned) return { ...capture, html: cleaned.html };
  return { ...capture, html: '', warnings: [...capture.warnings, WARNINGS.formattingLost] };
}
