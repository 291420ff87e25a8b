import type { Browser, Page } from 'puppeteer-core';
import { figure, type Figure } from './stats.ts';

interface Context {
  browser: Browser;
  extensionId: string;
  seed: number;
  clipRow: (index: number, random: () => number, workspaceId: string) => Record<string, unknown>;
  mulberry32: (seed: number) => () => number;
  notes: string[];
}

const CHUNK = 2000;

/** Writes `count` more clips straight into the extension's IndexedDB; returns ms per chunk. */
async function seedClips(page: Page, context: Context, from: number, count: number): Promise<number[]> {
  const random = context.mulberry32(context.seed + from);
  const timings: number[] = [];
  for (let start = from; start < from + count; start += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, from + count - start) }, (_, i) => context.clipRow(start + i, random, 'ws_bench'));
    timings.push(
      await page.evaluate(
        (batch) =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('cadence');
            open.onsuccess = () => {
              const started = performance.now();
              const tx = open.result.transaction('clips', 'readwrite');
              for (const row of batch) tx.objectStore('clips').put(row);
              tx.oncomplete = () => {
                open.result.close();
                resolve(performance.now() - started);
              };
              tx.onerror = () => reject(tx.error);
            };
          }),
        rows,
      ),
    );
  }
  return timings;
}

/** Side panel open → interactive: navigation until the queue (or its empty state) is on screen. */
async function openToInteractive(page: Page, extensionId: string, runs = 5): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.goto(`chrome-extension://${extensionId}/sidepanel.html`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-testid="clip-list"] li, .empty-state');
    times.push(await page.evaluate(() => performance.now()));
  }
  return times;
}

async function readFirstPage(page: Page, runs = 10): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    times.push(
      await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const open = indexedDB.open('cadence');
            open.onsuccess = () => {
              const started = performance.now();
              const rows: unknown[] = [];
              const cursor = open.result.transaction('clips').objectStore('clips').index('by-capturedAt').openCursor(null, 'prev');
              cursor.onsuccess = () => {
                const at = cursor.result;
                if (at && rows.length < 200) {
                  rows.push(at.value);
                  at.continue();
                } else {
                  open.result.close();
                  resolve(performance.now() - started);
                }
              };
            };
          }),
      ),
    );
  }
  return times;
}


export async function benchSidePanel(context: Context): Promise<Figure[]> {
  const page = await context.browser.newPage();
  const figures: Figure[] = [];
  figures.push(figure('sidePanel.openToInteractive.0clips', 'ms', await openToInteractive(page, context.extensionId), 'target 150 ms at 10k'));
  const write10k = await seedClips(page, context, 0, 10_000);
  figures.push(figure('store.clips.write', 'ms per 2000 rows', write10k));
  figures.push(figure('sidePanel.openToInteractive.10kClips', 'ms', await openToInteractive(page, context.extensionId), 'target 150 ms'));
  figures.push(figure('store.clips.readFirstPage.10k', 'ms per 200 rows', await readFirstPage(page)));
  if (process.env.BENCH_SKIP_100K === '1') {
    context.notes.push('100k-clip figures skipped (BENCH_SKIP_100K=1)');
    await page.close();
    return figures;
  }
  await seedClips(page, context, 10_000, 90_000);
  // Extension pages share one renderer: close the seeding page so its heap is not counted.
  await page.close();
  const panel = await context.browser.newPage();
  figures.push(figure('sidePanel.openToInteractive.100kClips', 'ms', await openToInteractive(panel, context.extensionId), 'target 300 ms'));
  figures.push(figure('store.clips.readFirstPage.100k', 'ms per 200 rows', await readFirstPage(panel)));
  const session = await panel.createCDPSession();
  await session.send('HeapProfiler.collectGarbage');
  const memory = await panel.metrics();
  figures.push(figure('sidePanel.jsHeap.100kClips', 'MB', [Math.round(((memory.JSHeapUsedSize ?? 0) / 2 ** 20) * 10) / 10]));
  await panel.close();
  return figures;
}
