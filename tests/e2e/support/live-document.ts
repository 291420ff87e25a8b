import type { Page } from 'puppeteer-core';

/** What happened to a page's document while it was watched. */
export interface LiveDocumentChanges {
  /** One line per mutation record, e.g. "attributes of DIV (class)"; empty when nothing changed. */
  mutations: string[];
  /** Whether `document.documentElement.outerHTML` reads exactly as it did when the watch began. */
  isHtmlSame: boolean;
}

declare global {
  interface Window {
    __cadenceLiveDocumentWatch?: { observer: MutationObserver; seen: string[]; describe: (record: MutationRecord) => string };
  }
}

/**
 * Starts watching the live document of `page` (docs/architecture.md, decision 4: capture reads a clone, never the
 * page the user is reading; Readability rewrites the tree it parses). Returns the check to run
 * afterwards: every mutation of the whole document, child lists, attributes and text, and its
 * serialization compared with the one taken now.
 */
export async function watchLiveDocument(page: Page): Promise<() => Promise<LiveDocumentChanges>> {
  const before = await page.evaluate(() => {
    const seen: string[] = [];
    const describe = (record: MutationRecord) => `${record.type} of ${record.target.nodeName}${record.attributeName ? ` (${record.attributeName})` : ''}`;
    const observer = new MutationObserver((records) => seen.push(...records.map(describe)));
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    window.__cadenceLiveDocumentWatch = { observer, seen, describe };
    return document.documentElement.outerHTML;
  });
  return async () => {
    const { mutations, after } = await page.evaluate(() => {
      const watch = window.__cadenceLiveDocumentWatch!;
      // Records not yet handed to the callback count too.
      const pending = watch.observer.takeRecords().map(watch.describe);
      watch.observer.disconnect();
      return { mutations: [...watch.seen, ...pending], after: document.documentElement.outerHTML };
    });
    return { mutations, isHtmlSame: after === before };
  };
}
