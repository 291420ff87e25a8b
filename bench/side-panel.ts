import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { dbHelperPage, type DbHelper } from '../tests/e2e/support/db-in-page.ts';
import { RARE_WORD } from './generate.ts';
import { figure, type Figure } from './stats.ts';
import type { BenchContext } from './context.ts';

type Context = Pick<BenchContext, 'browser' | 'extensionId' | 'seed' | 'clipRow' | 'mulberry32' | 'notes'>;

const CHUNK = 2000;
const progress = (message: string) => console.error(`[bench] side panel: ${message}`);
/** Queries of different selectivity, as a curator types them (bench/generate.ts: 15 words, 8 per clip, one rare word per 1,000 clips). */
const QUERIES = [
  { label: 'rare word', query: RARE_WORD },
  { label: 'common word', query: 'coffee' },
  { label: 'two words', query: 'coffee launch' },
  { label: 'prefix', query: 'camp' },
];
/** Between keystrokes: a quick typist. Every keystroke starts a search; the last one is timed. */
const KEY_DELAY_MS = 80;

declare const cadenceDb: DbHelper;

/** The workspace the queue shows: the clips must belong to it, or the panel lists none of them. */
export async function activeWorkspace(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db = await cadenceDb.openCadenceDb();
    const settings = (await db.get('settings', 'settings')) as { activeWorkspaceId: string | null } | undefined;
    db.close();
    if (!settings?.activeWorkspaceId) throw new Error('no active workspace: the first-run set-up did not run');
    return settings.activeWorkspaceId;
  });
}

/**
 * Writes `count` more clips with their search terms rows and their counts (the product's
 * `clipTermsOf` and `tallyClipChanges`, as the collection writes them), straight into the
 * extension's IndexedDB; returns ms per chunk.
 */
export async function seedClips(
  page: Page,
  context: Pick<Context, 'seed' | 'clipRow' | 'mulberry32'>,
  workspaceId: string,
  from: number,
  count: number,
): Promise<number[]> {
  const random = context.mulberry32(context.seed + from);
  const timings: number[] = [];
  for (let start = from; start < from + count; start += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, from + count - start) }, (_, i) => context.clipRow(start + i, random, workspaceId));
    timings.push(
      await page.evaluate(async (batch) => {
        const db = await cadenceDb.openCadenceDb();
        const started = performance.now();
        const tx = db.transaction(['clips', 'clipTerms', 'clipTally'], 'readwrite');
        for (const row of batch) {
          void tx.objectStore('clips').put(row);
          void tx.objectStore('clipTerms').put(cadenceDb.clipTermsOf(cadenceDb.clipSchema.parse(row)));
        }
        // New keys only: nothing was there before these rows.
        await cadenceDb.tallyClipChanges(
          tx as never,
          batch.map((after) => ({ before: undefined, after })),
        );
        await tx.done;
        db.close();
        return performance.now() - started;
      }, rows),
    );
  }
  return timings;
}

/**
 * BENCH_TRACE_OPEN=dir writes a Chromium trace of every open there (chrome://tracing or DevTools'
 * Performance panel read it); BENCH_TRACE_JS=1 adds JavaScript samples. Tracing slows the open:
 * figures of such a run are not comparable with others.
 */
const TRACE_DIR = process.env.BENCH_TRACE_OPEN;
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'loading', 'IndexedDB', 'toplevel'];
// The sampling profiler names the functions but starts in the navigation's commit (~80 ms here): opt in.
if (process.env.BENCH_TRACE_JS === '1') TRACE_CATEGORIES.push('disabled-by-default-v8.cpu_profiler');

/** A read that waits longer than this in a quiet database means earlier work is still queued. */
const SETTLED_READ_MS = 15;
const PROBE_EVERY_MS = 25;

/**
 * Waits until the extension's IndexedDB answers a one-row read at once, twice in a row: the work a
 * panel started (counts, lists, checks after its first paint) has drained, so the next open meets
 * none of it. IndexedDB runs one origin's requests in order: a long count ahead delays the read.
 * Returns when (epoch ms) the first of the two quick reads was asked.
 */
async function settle(prober: Page): Promise<number> {
  let firstQuickAt = 0;
  for (let quick = 0, tries = 0; quick < 2; tries++) {
    if (tries > 2400) throw new Error('the extension database never settled: something keeps reading');
    const askedAt = Date.now();
    const ms = await prober.evaluate(async () => {
      const db = await cadenceDb.openCadenceDb();
      const started = performance.now();
      await db.get('settings', 'settings');
      db.close();
      return performance.now() - started;
    });
    if (ms >= SETTLED_READ_MS) quick = 0;
    else if (quick++ === 0) firstQuickAt = askedAt;
    await new Promise((done) => setTimeout(done, PROBE_EVERY_MS));
  }
  return firstQuickAt;
}

declare global {
  interface Window {
    cadenceOpen?: { paintedAt: number; answeredAt: number };
  }
}

/**
 * Evaluated in the panel before its own scripts (evaluateOnNewDocument). "Interactive" is the
 * first queue row (or the empty state) painted, and then a task queued just after that frame run:
 * the main thread is free to answer a key. Both instants are taken in the page as they happen, so
 * no DevTools round trip is counted.
 */
function recordInteractive() {
  const shown = () => document.querySelector('[data-testid="clip-list"] li, .empty-state');
  const observer = new MutationObserver(() => {
    if (!shown()) return;
    observer.disconnect();
    requestAnimationFrame(() =>
      setTimeout(() => {
        const paintedAt = performance.now();
        setTimeout(() => (window.cadenceOpen = { paintedAt, answeredAt: performance.now() }));
      }),
    );
  });
  observer.observe(document, { subtree: true, childList: true });
}

/**
 * Side panel open → interactive (see recordInteractive), from the navigation's start, and open →
 * settled: until the database is quiet again, i.e. what the panel reads after its first paint is
 * read (within PROBE_EVERY_MS or so). Every run opens `sidepanel.html` in a new tab once the
 * previous one is closed and the database is settled: each open starts as a user's would, not in
 * the wake of the one before.
 */
async function openToInteractive(context: Context, prober: Page, label: string, runs = 5): Promise<{ interactive: number[]; settled: number[] }> {
  const interactive: number[] = [];
  const settled: number[] = [];
  for (let i = 0; i < runs; i++) {
    await settle(prober);
    const page = await context.browser.newPage();
    await page.evaluateOnNewDocument(recordInteractive);
    const trace = TRACE_DIR && { path: resolve(TRACE_DIR, `open-${label}-${i}.json`), categories: TRACE_CATEGORIES };
    if (trace) await page.tracing.start(trace);
    await page.goto(`chrome-extension://${context.extensionId}/sidepanel.html`, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => window.cadenceOpen !== undefined, { timeout: 60_000 });
    const { answeredAt, timeOrigin } = await page.evaluate(() => ({ answeredAt: window.cadenceOpen!.answeredAt, timeOrigin: performance.timeOrigin }));
    interactive.push(answeredAt);
    settled.push(Math.max(answeredAt, (await settle(prober)) - timeOrigin));
    if (trace) await page.tracing.stop();
    await page.close();
  }
  return { interactive, settled };
}

/** Both open figures of one database size. */
async function benchOpen(context: Context, prober: Page, label: string, target: string): Promise<Figure[]> {
  progress(`opening the panel at ${label}`);
  const { interactive, settled } = await openToInteractive(context, prober, label);
  return [figure(`sidePanel.openToInteractive.${label}`, 'ms', interactive, target), figure(`sidePanel.openToSettled.${label}`, 'ms', settled)];
}

/** The panel, opened for the search figures (not timed). */
async function openPanel(context: Context): Promise<Page> {
  const page = await context.browser.newPage();
  await page.goto(`chrome-extension://${context.extensionId}/sidepanel.html`);
  await page.waitForSelector('[data-testid="clip-list"] li, .empty-state', { timeout: 60_000 });
  return page;
}

/**
 * Keystroke → results painted: the query is typed key by key into the real search box; the time
 * runs from the last key's `input` event (so any debounce counts) until the match count says it
 * shows this query's results (`data-query`) and the next frame has painted. Both instants are
 * recorded in the page as they happen (puppeteer's `type` itself waits `delay` after the last key).
 */
export async function searchLatency(page: Page, query: string, runs = 7): Promise<{ times: number[]; count: string }> {
  const times: number[] = [];
  let count = '';
  await page.bringToFront(); // clicks in a background tab hang (shared/E2E.md)
  const box = (await page.waitForSelector('[role="search"] input[type="search"]'))!;
  for (let i = 0; i < runs; i++) {
    await box.click({ count: 3 });
    await page.keyboard.press('Backspace');
    await page.waitForSelector('[data-testid="match-count"][data-query=""]');
    await page.evaluate((wanted) => {
      const clock = window as unknown as { lastInputAt: number; paintedAt: number | null };
      clock.paintedAt = null;
      const input = document.querySelector<HTMLInputElement>('[role="search"] input[type="search"]')!;
      input.addEventListener('input', () => (clock.lastInputAt = performance.now()), { capture: true });
      const shown = () => document.querySelector(`[data-testid="match-count"][data-query="${CSS.escape(wanted)}"]`);
      const observer = new MutationObserver(() => {
        if (!shown()) return;
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => (clock.paintedAt = performance.now())));
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    }, query);
    await box.type(query, { delay: KEY_DELAY_MS });
    await page.waitForFunction(() => (window as unknown as { paintedAt: number | null }).paintedAt !== null, { timeout: 60_000 });
    const measured = await page.evaluate((wanted) => {
      const clock = window as unknown as { lastInputAt: number; paintedAt: number };
      return {
        ms: clock.paintedAt - clock.lastInputAt,
        count: document.querySelector(`[data-testid="match-count"][data-query="${CSS.escape(wanted)}"]`)?.textContent ?? '',
      };
    }, query);
    times.push(measured.ms);
    count = measured.count;
  }
  return { times, count };
}

async function benchSearch(page: Page, label: string, notes: string[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const { label: kind, query } of QUERIES) {
    progress(`searching "${query}" at ${label}`);
    const { times, count } = await searchLatency(page, query);
    figures.push(figure(`queue.search.${label}.${kind.replace(' ', '-')} ("${query}")`, 'ms keystroke→painted', times, 'target 30 ms'));
    notes.push(`queue search at ${label}: "${query}" → ${count}`);
  }
  return figures;
}

/** Scrolls the queue to its end, page after page, until it shows every match it counted. */
async function scrollToEnd(page: Page): Promise<{ rows: number; total: string; ms: number }> {
  return page.evaluate(async () => {
    const started = performance.now();
    const scroller = document.querySelector<HTMLElement>('.clip-scroller')!;
    const last = () => Number(document.querySelector('[data-testid="clip-list"]')?.getAttribute('data-loaded') ?? 0);
    const total = () => Number(document.querySelector('[data-testid="match-count"]')?.getAttribute('data-total') ?? -1);
    for (let stalls = 0; last() < total() && stalls < 50;) {
      const before = last();
      scroller.scrollTop = scroller.scrollHeight;
      await new Promise((done) => setTimeout(done, 50));
      stalls = last() === before ? stalls + 1 : 0;
    }
    return { rows: last(), total: String(total()), ms: performance.now() - started };
  });
}

export async function benchSidePanel(context: Context): Promise<Figure[]> {
  const figures: Figure[] = [];
  // Seeds, and probes whether the database is settled; it opens no database of its own otherwise.
  const seeder = await dbHelperPage(context.browser, context.extensionId);
  figures.push(...(await benchOpen(context, seeder, '0clips', 'target 150 ms at 10k')));
  const workspaceId = await activeWorkspace(seeder);
  progress('seeding 10k clips');
  const write10k = await seedClips(seeder, context, workspaceId, 0, 10_000);
  figures.push(figure('store.clips.write (with terms rows)', 'ms per 2000 rows', write10k));
  figures.push(...(await benchOpen(context, seeder, '10kClips', 'target 150 ms')));
  const page = await openPanel(context);
  figures.push(...(await benchSearch(page, '10k', context.notes)));
  await page.close();
  if (process.env.BENCH_SKIP_100K === '1') {
    context.notes.push('100k-clip figures skipped (BENCH_SKIP_100K=1)');
    await seeder.close();
    return figures;
  }
  progress('seeding 90k more clips');
  await seedClips(seeder, context, workspaceId, 10_000, 90_000);
  figures.push(...(await benchOpen(context, seeder, '100kClips', 'target 300 ms')));
  // Extension pages share one renderer: close the seeding page so its heap is not counted.
  await settle(seeder);
  await seeder.close();
  const panel = await openPanel(context);
  figures.push(...(await benchSearch(panel, '100k', context.notes)));
  const session = await panel.createCDPSession();
  await session.send('HeapProfiler.collectGarbage');
  const memory = await panel.metrics();
  figures.push(figure('sidePanel.jsHeap.100kClips', 'MB', [Math.round(((memory.JSHeapUsedSize ?? 0) / 2 ** 20) * 10) / 10]));
  const box = (await panel.waitForSelector('[role="search"] input[type="search"]'))!;
  await box.click({ count: 3 });
  await panel.keyboard.press('Backspace');
  await box.type('coffee launch');
  await panel.waitForSelector('[data-testid="match-count"][data-query="coffee launch"][data-total]', { timeout: 60_000 });
  progress('scrolling "coffee launch" to its end');
  const scrolled = await scrollToEnd(panel);
  context.notes.push(`queue scroll to the end of "coffee launch" at 100k: ${scrolled.rows} rows reached of ${scrolled.total} in ${Math.round(scrolled.ms)} ms`);
  figures.push(figure('queue.scrollToEnd.100k ("coffee launch")', 'rows reached', [scrolled.rows], `of ${scrolled.total} matches`));
  await panel.close();
  return figures;
}
