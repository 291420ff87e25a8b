import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page, WebWorker } from 'puppeteer-core';
import { CAPTURE_REQUEST_KEY } from '../lib/capture/request-key.ts';
import { corpusNames, servePages } from '../tests/harness/corpus-server.ts';
import { figure, type Figure } from './stats.ts';

interface Context {
  /** Chromium with the e2e build: its loopback hosts stand in for the activeTab grant (wxt.config.ts). */
  browser: Browser;
  extensionPath: string;
  notes: string[];
}

const RUNS = 5;
// A page whose load event does not come within 15 s is skipped, with a note saying which.
const CLICKS = 20;
const require = createRequire(import.meta.url);
const READABILITY = ['@mozilla/readability/Readability.js', '@mozilla/readability/Readability-readerable.js'].map((name) => readFileSync(require.resolve(name), 'utf8'));

const median = (values: number[]) => figure('', '', values).median;

/**
 * In-page extraction in real Chromium, per corpus page: the shipped /capture.js (the whole
 * bundle evaluated, then extractClip, as one clip costs) beside `document.cloneNode(true)` alone
 * (the floor) and Readability alone (clone + parse, what the article extractor builds on).
 * Then click → clip stored: the clip command dispatched in the worker with the real tab, until
 * the row is in IndexedDB.
 */
export async function benchCaptureSpeed({ browser, extensionPath, notes }: Context): Promise<Figure[]> {
  const captureJs = readFileSync(join(extensionPath, 'capture.js'), 'utf8');
  // Attach to the worker now: an attached worker is not stopped for idling while the pages run.
  const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'));
  const worker = (await target.worker())!;
  const names = corpusNames();
  const server = await servePages();
  const clone: number[] = [];
  const readability: number[] = [];
  const extract: number[] = [];
  const bundle: number[] = [];
  const ratioToReadability: number[] = [];
  const ratioToClone: number[] = [];
  let slowest = { name: '', ms: 0 };
  try {
    for (const name of names) {
      const page = await browser.newPage();
      const url = `${server.origin}/corpus/${encodeURIComponent(name)}/`;
      try {
        await page.goto(url, { waitUntil: 'load', timeout: 15_000 });
        for (const source of READABILITY) await page.addScriptTag({ content: source });
        const times = await timeInPage(page, captureJs, url);
        clone.push(median(times.clone));
        readability.push(median(times.readability));
        extract.push(median(times.extract));
        bundle.push(median(times.bundle));
        ratioToReadability.push(median(times.extract) / median(times.readability));
        ratioToClone.push(median(times.extract) / Math.max(median(times.clone), 0.05));
        if (median(times.extract) > slowest.ms) slowest = { name, ms: median(times.extract) };
      } catch (error) {
        notes.push(`capture speed: ${name} skipped (${error instanceof Error ? error.message : String(error)})`);
      } finally {
        await page.close();
      }
    }
    notes.push(`capture speed: ${extract.length} corpus pages, median of ${RUNS} runs each; slowest ${slowest.name} at ${slowest.ms} ms`);
    const clicks = await clickToStored(browser, worker, `${server.origin}/corpus/ars-1/`);
    return [
      figure('capture.extract.capture.js (bundle + extractClip)', 'ms/page', extract, `Readability alone median ${median(readability)} ms, cloneNode median ${median(clone)} ms`),
      figure('capture.bundleOnly (capture.js with a link request)', 'ms/page', bundle),
      figure('capture.readabilityAlone (clone + parse)', 'ms/page', readability),
      figure('capture.cloneNodeAlone', 'ms/page', clone),
      figure('capture.extract ÷ Readability alone', 'ratio', ratioToReadability),
      figure('capture.extract ÷ cloneNode alone', 'ratio', ratioToClone),
      figure('capture.clickToStored (command → row in IndexedDB), ars-1', 'ms', clicks),
    ];
  } finally {
    await server.close();
  }
}

/** Runs the three measures in turn, RUNS times, in the page itself (performance.now in the page). */
async function timeInPage(page: Page, captureJs: string, pageUrl: string) {
  return page.evaluate(
    (bundle, key, url, runs) => {
      const scope = globalThis as unknown as Record<string, unknown> & {
        Readability: new (doc: Document) => { parse(): unknown };
      };
      const out = { clone: [] as number[], readability: [] as number[], extract: [] as number[], bundle: [] as number[] };
      for (let run = 0; run < runs; run++) {
        let started = performance.now();
        document.cloneNode(true);
        out.clone.push(performance.now() - started);
        started = performance.now();
        new scope.Readability(document.cloneNode(true) as Document).parse();
        out.readability.push(performance.now() - started);
        started = performance.now();
        scope[key] = { kind: 'page', pageUrl: url };
        // The shipped bundle as executeScript runs it: an expression whose value is the clip.
        const clip = (0, eval)(bundle) as { url?: string } | undefined;
        out.extract.push(performance.now() - started);
        if (!clip?.url) throw new Error('capture.js returned no clip');
        // A link request reads almost nothing: what is left is the bundle's own evaluation.
        started = performance.now();
        scope[key] = { kind: 'link', pageUrl: url, linkUrl: url };
        (0, eval)(bundle);
        out.bundle.push(performance.now() - started);
      }
      return out;
    },
    captureJs,
    CAPTURE_REQUEST_KEY,
    pageUrl,
    RUNS,
  );
}

/** The clip shortcut on a real tab, timed in the worker from dispatch until its row is readable. */
async function clickToStored(browser: Browser, worker: WebWorker, url: string): Promise<number[]> {
  const page = await browser.newPage();
  const times: number[] = [];
  try {
    for (let click = 0; click < CLICKS; click++) {
      // A fresh query string each time: every click is a new capture, not a wait on an old row.
      const pageUrl = `${url}?click=${click}`;
      await page.goto(pageUrl, { waitUntil: 'load' });
      await page.bringToFront();
      times.push(
        await worker.evaluate(async (wanted) => {
          const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const open = indexedDB.open('cadence');
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
          });
          const stored = () =>
            new Promise<boolean>((resolve, reject) => {
              const request = db.transaction('clips').objectStore('clips').getAll();
              request.onsuccess = () => resolve((request.result as { sourceUrl: string }[]).some((row) => row.sourceUrl === wanted));
              request.onerror = () => reject(request.error);
            });
          const started = performance.now();
          chrome.commands.onCommand.dispatch('clip-page', tab);
          while (!(await stored())) {
            if (performance.now() - started > 10_000) throw new Error(`no clip of ${wanted} after 10 s`);
            await new Promise((done) => setTimeout(done, 2));
          }
          const elapsed = performance.now() - started;
          db.close();
          return elapsed;
        }, pageUrl),
      );
    }
  } finally {
    await page.close();
  }
  return times;
}

declare const chrome: {
  tabs: { query(query: { active: boolean; lastFocusedWindow: boolean }): Promise<unknown[]> };
  commands: { onCommand: { dispatch(...args: unknown[]): void } };
};
