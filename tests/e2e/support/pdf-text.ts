import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * What a printed PDF says, page by page, as Mozilla's PDF.js reads it (the legacy build is the
 * one meant for Node). Chromium embeds subset fonts with ToUnicode maps, so the text comes back
 * as the page showed it; runs are joined with a space and whitespace collapsed, so a label and
 * its value ("Posts published" · "3") read as "Posts published 3".
 */
export async function pdfText(pdf: Uint8Array): Promise<{ pages: string[]; text: string }> {
  // A copy: PDF.js transfers the buffer to its worker and would detach the caller's.
  const task = getDocument({ data: new Uint8Array(pdf), verbosity: VerbosityLevel.ERRORS });
  const document = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n += 1) {
      const content = await (await document.getPage(n)).getTextContent();
      const runs = content.items.map((item) => ('str' in item ? item.str : ''));
      pages.push(runs.join(' ').replace(/\s+/g, ' ').trim());
    }
    return { pages, text: pages.join(' ') };
  } finally {
    await task.destroy();
  }
}
