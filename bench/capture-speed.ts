import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Browser, Page, WebWorker } from 'puppeteer-core';
import { build } from 'rolldown';
import { CAPTURE_REQUEST_KEY } from '../lib/capture/capture-request.ts';
import { corpusNames, servePages } from '../tests/harness/corpus-server.ts';
import { figure, type Figure } from './stats.ts';
import type { BenchContext } from './context.ts';

/** Chromium with the e2e build: its loopback hosts stand in for the activeTab grant (wxt.config.ts). */
type Context = Pick<BenchContext, 'browser' | 'extensionPath' | 'notes'>;

// The shipped bundle is evaluated RUNS times per page; the warm functions are timed in at least
// WARM_RUNS rounds, more (up to MAX_WARM_RUNS) while a page has used less than WARM_BUDGET_MS.
const RUNS = 7;
const WARM_RUNS = 9;
const MAX_WARM_RUNS = 31;
const WARM_BUDGET_MS = 1500;
// A page whose load event does not come within 15 s is skipped, with a note saying which.
const CLICKS = 20;
/** Past the 10 s the page gives a clip, so a stuck worker fails the suite instead of holding the run. */
const CLICK_DEADLINE_MS = 30_000;
const WORST = 5;
const require = createRequire(import.meta.url);
const READABILITY = ['@mozilla/readability/Readability.js', '@mozilla/readability/Readability-readerable.js'].map((name) =>
  readFileSync(require.resolve(name), 'utf8'),
);

const median = (values: number[]) => figure('', '', values).median;
/** The median of `a[i] ÷ b[i]`: each run's two times were taken moments apart, under the same load. */
const pairedRatio = (a: number[], b: number[]) => median(a.map((value, run) => value / b[run]!));
// Other processes only ever add time: on a shared machine the fastest round is the closest to the code's own cost.
const fastestRatio = (a: number[], b: number[]) => round(Math.min(...a) / Math.min(...b));
const round = (n: number) => Math.round(n * 100) / 100;

interface PageResult {
  name: string;
  kind: string;
  /** Which string sanitizer the page's window has: the browser's own or DOMPurify (lib/capture/sanitize.ts). */
  sanitizer: string;
  clone: number;
  readability: number;
  extract: number;
  /** The extension's half of the clip (the offscreen document's cleaning, then finishClip), timed in the page for comparison. */
  finish: number;
  /** extract ÷ readability in each round (timed side by side), the median of those. */
  ratio: number;
  /** The fastest extract round ÷ the fastest readability round: what the code costs when no other process took the CPU. */
  fastestRatio: number;
  /** extractClip of the BENCH_CAPTURE_BASELINE checkout, timed beside the others; null without one. */
  baseline: number | null;
  /** baseline ÷ readability, paired per round like `ratio`, and fastest ÷ fastest like `fastestRatio`. */
  baselineRatio: number | null;
  baselineFastestRatio: number | null;
  cold: number;
  bundle: number;
  /** Sanitizing the stored HTML again takes nothing out: it gives back what the HTML parser reads from it. */
  isClean: boolean;
}

/**
 * In-page extraction in real Chromium, per corpus page, all measured in the same page in the same
 * run (issue "Curate": extraction p95 ≤ 1.3× Readability alone):
 * - extractClip, the product's function (bundled from lib/ here and evaluated once, so it is as warm
 *   as Readability is), beside `new Readability(document.cloneNode(true)).parse()` and
 *   `document.cloneNode(true)` alone: the like-for-like comparison of the two functions;
 * - the extension's half (cleaning the article's markup and finishing the clip), which the product
 *   runs in its offscreen document and worker: timed here too, so the total a clip costs is shown;
 * - the shipped /capture.js evaluated from source with a page request (what one clip costs in the
 *   page) and with a link request (almost no extraction: the bundle's own evaluation);
 * - whether the string sanitizer finds anything left to remove in the stored HTML, in this browser
 *   (lib/capture/clean-article.ts cleaned it in the page).
 * Then click → clip stored: the clip command dispatched in the worker with the real tab, until
 * the row is in IndexedDB, and the bytes a click injects. BENCH_CAPTURE_PAGES=a,b limits the pages.
 * BENCH_CAPTURE_BASELINE=<dir> (an older checkout's lib/ and bench/, e.g. `git archive <commit> lib
 * bench | tar -x -C <dir>`) times that version's extractClip too, interleaved in the same pages: on a
 * shared machine only a same-run comparison says whether a change made extraction faster.
 */
export async function benchCaptureSpeed({ browser, extensionPath, notes }: Context): Promise<Figure[]> {
  const captureJs = readFileSync(join(extensionPath, 'capture.js'), 'utf8');
  const helperJs = await bundleHelper(resolve('bench/capture-speed-helper.ts'));
  const baselineDir = process.env.BENCH_CAPTURE_BASELINE;
  // The old helper sets the same global as the new one: it is moved aside before the new one loads.
  const baselineJs = baselineDir
    ? `${await bundleHelper(resolve(baselineDir, 'bench/capture-speed-helper.ts'))};globalThis.cadenceCaptureBenchBaseline = globalThis.cadenceCaptureBench;`
    : null;
  // Attach to the worker now: an attached worker is not stopped for idling while the pages run.
  const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'));
  const worker = (await target.worker())!;
  const only = process.env.BENCH_CAPTURE_PAGES?.split(',');
  const names = corpusNames().filter((name) => !only || only.includes(name));
  const server = await servePages();
  const results: PageResult[] = [];
  try {
    // Click → stored first, while the worker is fresh: after five minutes of corpus pages, one full
    // run waited on its first click for more than ten minutes with nothing failing.
    const clicks = await clickToStored(browser, worker, `${server.origin}/corpus/ars-1/`);
    for (const name of names) {
      const page = await browser.newPage();
      const url = `${server.origin}/corpus/${encodeURIComponent(name)}/`;
      try {
        await page.goto(url, { waitUntil: 'load', timeout: 15_000 });
        for (const source of [...READABILITY, ...(baselineJs ? [baselineJs] : []), helperJs]) await page.addScriptTag({ content: source });
        const times = await timeInPage(page, captureJs, url);
        results.push({
          name,
          kind: times.kind,
          sanitizer: times.sanitizer,
          clone: median(times.clone),
          readability: median(times.readability),
          extract: median(times.extract),
          finish: median(times.finish),
          ratio: pairedRatio(times.extract, times.readability),
          fastestRatio: fastestRatio(times.extract, times.readability),
          baseline: times.baseline.length ? median(times.baseline) : null,
          baselineRatio: times.baseline.length ? pairedRatio(times.baseline, times.readability) : null,
          baselineFastestRatio: times.baseline.length ? fastestRatio(times.baseline, times.readability) : null,
          cold: median(times.cold),
          bundle: median(times.bundle),
          isClean: times.isClean,
        });
      } catch (error) {
        notes.push(`capture speed: ${name} skipped (${error instanceof Error ? error.message : String(error)})`);
      } finally {
        await page.close();
      }
    }
    const ratio = (result: PageResult) => result.ratio;
    const articles = results.filter((result) => result.kind === 'article');
    const worst = [...results].sort((a, b) => ratio(b) - ratio(a)).slice(0, WORST);
    const slowest = [...results].sort((a, b) => b.extract - a.extract)[0];
    const unclean = results.filter((result) => !result.isClean).map((result) => result.name);
    const sanitizers = [...new Set(results.map((result) => result.sanitizer))];
    const compared = results.filter(
      (result): result is PageResult & { baseline: number; baselineRatio: number; baselineFastestRatio: number } =>
        result.baseline !== null && result.baselineRatio !== null && result.baselineFastestRatio !== null,
    );
    notes.push(
      `capture speed: ${results.length} corpus pages (${articles.length} clipped as articles); times are medians of ${WARM_RUNS}–${MAX_WARM_RUNS} rounds (the bundle: ${RUNS} runs); a page's ratio is the median of its rounds' ratios, or fastest ÷ fastest`,
      `capture speed: worst extractClip ÷ Readability (median of rounds, fastest ÷ fastest): ${worst.map((result) => `${result.name} ${round(ratio(result))}, ${result.fastestRatio} (${result.extract} / ${result.readability} ms)`).join(', ')}`,
      `capture speed: slowest extractClip ${slowest?.name} at ${slowest?.extract} ms (Readability alone ${slowest?.readability} ms)`,
      `capture speed: the stored HTML had nothing left for the string sanitizer (${sanitizers.join(', ')}) to remove on ${results.length - unclean.length} of ${results.length} pages${unclean.length ? ` (had: ${unclean.join(', ')})` : ''}`,
    );
    if (compared.length) notes.push(`capture speed: baseline extractClip from ${baselineDir}, timed in the same pages, interleaved`);
    // Every page's figures, for finding where the time goes (the report keeps only the distribution).
    mkdirSync(resolve('bench/results'), { recursive: true });
    writeFileSync(resolve('bench/results/capture-speed-pages.json'), `${JSON.stringify(results, null, 2)}\n`);
    const pick = (key: 'clone' | 'readability' | 'extract' | 'finish' | 'cold' | 'bundle') => results.map((result) => result[key]);
    const baselineFigures = compared.length
      ? [
          figure(
            'capture.baseline extractClip ÷ Readability alone (same run)',
            'ratio',
            compared.map((result) => result.baselineRatio),
            `BENCH_CAPTURE_BASELINE=${baselineDir}`,
          ),
          figure(
            'capture.baseline extractClip ÷ Readability alone, fastest rounds (same run)',
            'ratio',
            compared.map((result) => result.baselineFastestRatio),
          ),
          figure(
            'capture.extractClip ÷ baseline extractClip (same run)',
            'ratio',
            compared.map((result) => result.extract / result.baseline),
            'below 1: faster than the baseline',
          ),
        ]
      : [];
    return [
      figure(
        'capture.extractClip (in page, warm)',
        'ms/page',
        pick('extract'),
        `Readability alone median ${median(pick('readability'))} ms, cloneNode median ${median(pick('clone'))} ms`,
      ),
      figure('capture.readabilityAlone (clone + parse)', 'ms/page', pick('readability')),
      figure('capture.cloneNodeAlone', 'ms/page', pick('clone')),
      figure('capture.extractClip ÷ Readability alone, every page', 'ratio', results.map(ratio), 'target p95 ≤ 1.3'),
      figure('capture.extractClip ÷ Readability alone, pages clipped as articles', 'ratio', articles.map(ratio), 'target p95 ≤ 1.3'),
      figure(
        'capture.extractClip ÷ Readability alone, fastest rounds, every page',
        'ratio',
        results.map((result) => result.fastestRatio),
        'target p95 ≤ 1.3',
      ),
      figure(
        'capture.extractClip − Readability alone (time it adds)',
        'ms/page',
        results.map((result) => result.extract - result.readability),
      ),
      ...baselineFigures,
      figure(
        'capture.finish in the extension (clean + text + reading time)',
        'ms/page',
        pick('finish'),
        "runs in the offscreen document and worker, not the page; timed here in the page's renderer",
      ),
      figure(
        'capture.extractClip + finish ÷ Readability alone (all the work a clip costs)',
        'ratio',
        results.map((result) => (result.extract + result.finish) / result.readability),
      ),
      figure(
        'capture.extractClip ÷ cloneNode alone',
        'ratio',
        results.map((result) => result.extract / Math.max(result.clone, 0.005)),
      ),
      figure('capture.js evaluated + extractClip (one clip in the page, cold)', 'ms/page', pick('cold')),
      figure('capture.js evaluated with a link request (the bundle itself)', 'ms/page', pick('bundle')),
      figure('capture.clickToStored (command → row in IndexedDB), ars-1', 'ms', clicks, 'target p95 ≤ 80'),
      figure(
        'capture.injectedOnClip.capture.js',
        'bytes',
        [statSync(join(extensionPath, 'capture.js')).size],
        'plus the request, handed over by a one-line function',
      ),
    ];
  } finally {
    await server.close();
  }
}

async function bundleHelper(input: string): Promise<string> {
  const result = await build({
    input,
    write: false,
    logLevel: 'silent',
    // Minified like the shipped bundle (WXT builds with rolldown too).
    output: { format: 'iife', minify: true },
  });
  const chunk = result.output.find((file) => file.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('rolldown produced no bundle for the capture helper');
  return chunk.code;
}

/** Times every measure in the page itself (performance.now in the page). */
async function timeInPage(page: Page, captureJs: string, pageUrl: string) {
  return page.evaluate(
    (bundle, key, url, { runs, warmRuns, maxWarmRuns, warmBudget }) => {
      const scope = globalThis as unknown as Record<string, unknown> & {
        Readability: new (doc: Document) => { parse(): unknown };
        cadenceCaptureBench: {
          extractClip(doc: Document, request: { kind: 'page'; pageUrl: string }): { clip: { url: string }; article: unknown };
          finishInExtension(read: unknown): { kind: string; url: string; html: string };
          sanitizeHtml(html: string, win: Window): string;
          sanitizerKind(win: Window): string;
        };
        cadenceCaptureBenchBaseline?: { extractClip(doc: Document, request: { kind: 'page'; pageUrl: string }): unknown };
      };
      const baseline = scope.cadenceCaptureBenchBaseline;
      const request = { kind: 'page' as const, pageUrl: url };
      const measures = {
        clone: () => document.cloneNode(true),
        readability: () => new scope.Readability(document.cloneNode(true) as Document).parse(),
        extract: () => scope.cadenceCaptureBench.extractClip(document, request),
        baseline: () => baseline?.extractClip(document, request),
        finish: () => scope.cadenceCaptureBench.finishInExtension(read),
      };
      // What the page hands over, finished again and again by the extension's half of a clip.
      const read = measures.extract();
      // performance.now() is coarsened to 0.1 ms in a page that is not cross-origin isolated, and many
      // corpus pages take about that: each time is the mean of enough back-to-back calls to last ≥ 5 ms.
      const callsFor = (run: () => unknown) => {
        const started = performance.now();
        run();
        return Math.min(200, Math.max(1, Math.ceil(5 / Math.max(performance.now() - started, 0.025))));
      };
      // Each run rotates the order, so none of them always runs after another's garbage.
      const order = (baseline ? ['readability', 'extract', 'baseline'] : ['readability', 'extract']) as ('readability' | 'extract' | 'baseline')[];
      // Each function runs for 50 ms (and at least once more) before it is timed, so all are equally
      // warm: a slower function gets fewer calls in a 5 ms block, and would be timed less optimized.
      for (const name of order) {
        const started = performance.now();
        do measures[name]();
        while (performance.now() - started < 50);
      }
      const calls = {
        clone: callsFor(measures.clone),
        readability: callsFor(measures.readability),
        extract: callsFor(measures.extract),
        baseline: baseline ? callsFor(measures.baseline) : 0,
        finish: callsFor(measures.finish),
      };
      const meanOf = (name: keyof typeof measures) => {
        const started = performance.now();
        for (let call = 0; call < calls[name]; call++) measures[name]();
        return (performance.now() - started) / calls[name];
      };
      const out = {
        clone: [] as number[],
        readability: [] as number[],
        extract: [] as number[],
        baseline: [] as number[],
        finish: [] as number[],
        cold: [] as number[],
        bundle: [] as number[],
      };
      // Short rounds, many of them, the functions side by side in each: a round another process
      // interrupts is one of many, and the round's functions share the load it ran under.
      const warmStarted = performance.now();
      for (let run = 0; run < warmRuns || (run < maxWarmRuns && performance.now() - warmStarted < warmBudget); run++) {
        out.clone.push(meanOf('clone'));
        out.finish.push(meanOf('finish'));
        for (let at = 0; at < order.length; at++) {
          const name = order[(run + at) % order.length]!;
          out[name].push(meanOf(name));
        }
      }
      for (let run = 0; run < runs; run++) {
        let started = performance.now();
        scope[key] = request;
        // The shipped bundle as executeScript runs it: an expression whose value is the clip.
        const returned = (0, eval)(bundle) as { clip?: { url?: string } } | undefined;
        out.cold.push(performance.now() - started);
        if (!returned?.clip?.url) throw new Error('capture.js returned no clip');
        // A link request reads almost nothing: what is left is the bundle's own evaluation.
        started = performance.now();
        scope[key] = { kind: 'link', pageUrl: url, linkUrl: url };
        (0, eval)(bundle);
        out.bundle.push(performance.now() - started);
      }
      const clip = scope.cadenceCaptureBench.finishInExtension(measures.extract());
      const reparsed = document.implementation.createHTMLDocument('').createElement('div');
      reparsed.innerHTML = clip.html;
      const isClean = scope.cadenceCaptureBench.sanitizeHtml(clip.html, window) === reparsed.innerHTML;
      return { ...out, kind: clip.kind, sanitizer: scope.cadenceCaptureBench.sanitizerKind(window), isClean };
    },
    captureJs,
    CAPTURE_REQUEST_KEY,
    pageUrl,
    { runs: RUNS, warmRuns: WARM_RUNS, maxWarmRuns: MAX_WARM_RUNS, warmBudget: WARM_BUDGET_MS },
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
        await withDeadline(
          CLICK_DEADLINE_MS,
          `click ${click} on ${pageUrl}`,
          worker.evaluate(async (wanted) => {
            const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
            // The extension creates its database on its first capture: until then an open here must not
            // create an empty one in its place (the upgrade is aborted), and the wait goes on.
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
            const stored = (db: IDBDatabase) =>
              new Promise<boolean>((resolve, reject) => {
                const request = db.transaction('clips').objectStore('clips').getAll();
                request.onsuccess = () => resolve((request.result as { sourceUrl: string }[]).some((row) => row.sourceUrl === wanted));
                request.onerror = () => reject(request.error);
              });
            let db: IDBDatabase | null = null;
            const started = performance.now();
            chrome.commands.onCommand.dispatch('clip-page', tab);
            for (;;) {
              db ??= await openExisting();
              if (db && (await stored(db))) break;
              if (performance.now() - started > 10_000) throw new Error(`no clip of ${wanted} after 10 s`);
              await new Promise((done) => setTimeout(done, 2));
            }
            const elapsed = performance.now() - started;
            db.close();
            return elapsed;
          }, pageUrl),
        ),
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

function withDeadline<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer from the service worker after ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
