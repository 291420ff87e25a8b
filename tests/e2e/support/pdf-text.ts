import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';

type Run = Pick<TextItem, 'str' | 'transform' | 'width' | 'height' | 'hasEOL'>;

/**
 * What a printed PDF says, page by page, as Mozilla's PDF.js reads it (the legacy build is the
 * one meant for Node). Chromium embeds subset fonts with ToUnicode maps, so the text comes back
 * as the page showed it. Runs are joined the way a reader sees them: a space where there is room
 * between two runs or a new line starts, none where one run continues another ("Acme Bakery" +
 * ": social…"), and whitespace collapsed, so a label and its value read "Posts published 5".
 */
export async function pdfText(pdf: Uint8Array): Promise<{ pages: string[]; text: string }> {
  // A copy: PDF.js transfers the buffer to its worker and would detach the caller's.
  const task = getDocument({ data: new Uint8Array(pdf), verbosity: VerbosityLevel.ERRORS });
  const document = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n += 1) {
      const content = await (await document.getPage(n)).getTextContent();
      const runs = content.items.filter((item): item is TextItem => 'str' in item);
      pages.push(joinRuns(runs).replace(/\s+/g, ' ').trim());
    }
    return { pages, text: pages.join(' ') };
  } finally {
    await task.destroy();
  }
}

function joinRuns(runs: Run[]): string {
  let text = '';
  runs.forEach((run, i) => {
    const before = runs[i - 1];
    if (before) {
      const isSameLine = Math.abs(run.transform[5]! - before.transform[5]!) < before.height / 2;
      const gap = run.transform[4]! - (before.transform[4]! + before.width);
      if (before.hasEOL || !isSameLine || gap > run.height * 0.15) text += ' ';
    }
    text += run.str;
  });
  return text;
}
