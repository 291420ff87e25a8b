import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page, WebWorker } from 'puppeteer-core';
import { corpusNames, servePages } from '../tests/harness/corpus-server.ts';
import { figure, type Figure } from './stats.ts';
import type { BenchContext } from './context.ts';

/** Chromium with the e2e build: its loopback hosts stand in for the activeTab grant (wxt.config.ts). */
type Context = Pick<BenchContext, 'browser' | 'extensionPath' | 'notes'>;

const require = createRequire(import.meta.url);
const READABILITY = readFileSync(require.resolve('@mozilla/readability/Readability.js'), 'utf8');
/** Past the 10 s the page gives a clip: a stuck worker fails the page, not the run. */
const CLIP_DEADLINE_MS = 20_000;
/** Issue 25's target: every page Readability extracts is stored as that article. */
const TARGET = 0.99;

/**
 * Capture fidelity (issue 25): for every corpus page, the word similarity of the clip Cadence
 * stores to what Readability alone reads from the same page. In real Chromium with the e2e build:
 * the page is opened, Readability 0.6 runs in it on a clone (as its own tests run it), then the
 * clip command goes to the worker with the real tab and the stored row is read from IndexedDB.
 *
 * Word similarity is the Dice coefficient of the two texts' word multisets (words are runs of
 * letters and digits, case folded): 2·|shared words| ÷ (|words in one| + |words in the other|),
 * 1 when every word is there as often in both. Readability's words are read from its article's
 * markup with blocks apart, as a reader sees them; against its textContent as it comes (a second
 * figure) two pages score lower only because that runs "1" and "Measure" into "1Measure". Pages
 * where Readability finds no text are counted apart: Cadence should save those as links.
 */
export async function benchCaptureFidelity({ browser, notes }: Context): Promise<Figure[]> {
  const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'));
  const worker = (await target.worker())!;
  const only = process.env.BENCH_CAPTURE_PAGES?.split(',');
  const names = corpusNames().filter((name) => !only || only.includes(name));
  const server = await servePages();
  const extracted: { name: string; similarity: number; asTextContent: number; kind: string }[] = [];
  const notExtracted: { name: string; kind: string }[] = [];
  try {
    for (const name of names) {
      const page = await browser.newPage();
      page.on('dialog', (dialog) => void dialog.dismiss()); // remove-script-tags alerts while it loads
      const url = `${server.origin}/corpus/${encodeURIComponent(name)}/`;
      try {
        await page.goto(url, { waitUntil: 'load', timeout: 15_000 });
        await page.bringToFront();
        const reference = await readabilityText(page);
        const stored = await clipAndRead(worker, url);
        if (reference && words(reference.blocks).length > 0) {
          extracted.push({
            name,
            similarity: wordSimilarity(stored.text, reference.blocks),
            asTextContent: wordSimilarity(stored.text, reference.textContent),
            kind: stored.kind,
          });
        } else notExtracted.push({ name, kind: stored.kind });
      } catch (error) {
        notes.push(`capture fidelity: ${name} skipped (${error instanceof Error ? error.message : String(error)})`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await server.close();
  }
  const below = extracted.filter((page) => page.similarity < TARGET).sort((a, b) => a.similarity - b.similarity);
  const notArticles = extracted.filter((page) => page.kind !== 'article');
  notes.push(
    `capture fidelity: ${extracted.length} of ${names.length} corpus pages have text Readability extracts; ${extracted.length - below.length} of them stored at word similarity ≥ ${TARGET}` +
      (below.length ? ` (below: ${below.map((page) => `${page.name} ${page.similarity.toFixed(4)} as ${page.kind}`).join(', ')})` : ''),
    `capture fidelity: stored as something other than an article although Readability extracts one: ${notArticles.map((page) => `${page.name} (${page.kind})`).join(', ') || 'none'}`,
    `capture fidelity: pages Readability extracts nothing from, and what Cadence stored: ${notExtracted.map((page) => `${page.name} (${page.kind})`).join(', ') || 'none'}`,
  );
  return [
    figure(
      'capture.fidelity (stored clip text vs Readability alone, word similarity), pages Readability extracts',
      'Dice',
      extracted.map((page) => page.similarity),
      `target ≥ ${TARGET} on every page; lowest ${extracted.length ? Math.min(...extracted.map((page) => page.similarity)).toFixed(4) : 'n/a'}`,
    ),
    figure('capture.fidelity pages below target', 'pages', [below.length], `of ${extracted.length}; target 0`),
    figure(
      "capture.fidelity against Readability's textContent as it comes (adjacent blocks run together)",
      'Dice',
      extracted.map((page) => page.asTextContent),
      `lowest ${extracted.length ? Math.min(...extracted.map((page) => page.asTextContent)).toFixed(4) : 'n/a'}`,
    ),
  ];
}

/**
 * What Readability alone reads from the page (its own script, on a clone, in the page): the words
 * of its article as a reader sees them, each block apart, and its `textContent` as it comes, which
 * runs words of adjacent blocks together ("1Measure" where a list number meets a paragraph).
 */
async function readabilityText(page: Page): Promise<{ blocks: string; textContent: string } | null> {
  await page.addScriptTag({ content: READABILITY });
  return page.evaluate(() => {
    const { Readability } = globalThis as unknown as {
      Readability: new (doc: Document) => { parse(): { content?: string | null; textContent?: string | null } | null };
    };
    const article = new Readability(document.cloneNode(true) as Document).parse();
    if (!article?.content) return null;
    const BLOCK =
      /^(?:P|DIV|LI|UL|OL|DL|DT|DD|H[1-6]|BLOCKQUOTE|PRE|TABLE|TR|TD|TH|CAPTION|SECTION|ARTICLE|MAIN|HEADER|FOOTER|ASIDE|NAV|FIGURE|FIGCAPTION|ADDRESS|DETAILS|SUMMARY|HR|BR)$/;
    const parts: string[] = [];
    const walk = (node: Node) => {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 3) parts.push(child.nodeValue ?? '');
        else if (child.nodeType === 1) {
          const isBlock = BLOCK.test((child as Element).tagName);
          if (isBlock) parts.push(' ');
          walk(child);
          if (isBlock) parts.push(' ');
        }
      }
    };
    walk(new DOMParser().parseFromString(article.content, 'text/html').body);
    return { blocks: parts.join(''), textContent: article.textContent ?? '' };
  });
}

/** Sends the clip command for the active tab and reads the row the extension stores for `url`. */
async function clipAndRead(worker: WebWorker, url: string): Promise<{ text: string; kind: string }> {
  return worker.evaluate(
    async (wanted, deadline) => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      // Until the extension's first capture there is no database: an open here must not make an empty one.
      const openExisting = () =>
        new Promise<IDBDatabase | null>((resolve) => {
          const open = indexedDB.open('cadence');
          open.onupgradeneeded = () => open.transaction?.abort();
          open.onsuccess = () => {
            if (open.result.objectStoreNames.contains('clips')) return resolve(open.result);
            open.result.close();
            resolve(null);
          };
          open.onerror = (event) => {
            event.preventDefault();
            resolve(null);
          };
        });
      const find = (db: IDBDatabase) =>
        new Promise<{ text: string; kind: string } | undefined>((resolve, reject) => {
          const request = db.transaction('clips').objectStore('clips').getAll();
          request.onsuccess = () => resolve((request.result as { sourceUrl: string; text: string; kind: string }[]).find((row) => row.sourceUrl === wanted));
          request.onerror = () => reject(request.error);
        });
      let db: IDBDatabase | null = null;
      const started = performance.now();
      chrome.commands.onCommand.dispatch('clip-page', tab);
      for (;;) {
        db ??= await openExisting();
        const row = db ? await find(db) : undefined;
        if (row) {
          db!.close();
          return { text: row.text, kind: row.kind };
        }
        if (performance.now() - started > deadline) throw new Error(`no clip of ${wanted} after ${deadline} ms`);
        await new Promise((done) => setTimeout(done, 20));
      }
    },
    url,
    CLIP_DEADLINE_MS,
  );
}

export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Dice coefficient of the word multisets of `a` and `b` (1 for two texts without words). */
export function wordSimilarity(a: string, b: string): number {
  const left = words(a);
  const right = words(b);
  if (left.length + right.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const word of left) counts.set(word, (counts.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of right) {
    const count = counts.get(word) ?? 0;
    if (count > 0) {
      shared++;
      counts.set(word, count - 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

declare const chrome: {
  tabs: { query(query: { active: boolean; lastFocusedWindow: boolean }): Promise<unknown[]> };
  commands: { onCommand: { dispatch(...args: unknown[]): void } };
};
