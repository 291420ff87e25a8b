import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { build } from 'rolldown';
import { makeAccount } from '../tests/unit/factories.ts';
import { figure, type Figure } from './stats.ts';
import type { BenchContext } from './context.ts';
import type { queueCheckLib as QueueCheckLib } from './queue-check-lib.entry.ts';

/**
 * Typing in Compose with the queue-time check on screen (issue 17: validation "adds nothing
 * noticeable to typing"). Compose runs the text half of the check on every keystroke
 * (components/compose/QueueCheckNote.tsx) beside the counters; this types into the real shared
 * text box, four accounts chosen (Bluesky and Mastodon by API, X and Threads by reminder), the
 * text crossing Bluesky's 300 so the refusals are drawn, and times key → counter painted. Beside
 * it, the check alone, in the same renderer, on the post Compose saved: the share of a keystroke
 * it costs.
 */
type Context = Pick<BenchContext, 'browser' | 'extensionId' | 'notes'>;

declare const queueCheckLib: typeof QueueCheckLib;

const progress = (message: string) => console.error(`[bench] compose: ${message}`);
/** A quick typist, as the queue search benchmark types (bench/side-panel.ts). */
const KEY_DELAY_MS = 80;
const KEYS = 40;
/** 280 UTF-16 units (279 graphemes) with an emoji, a link and a hashtag: every counter has facets and graphemes to work on. */
const BASE = `Launch day 🚀 read the story at https://example.com/launch?ref=bench #cadence ${'words that fill the post '.repeat(9)}`.slice(0, 280);

async function seedAccounts(page: Page): Promise<void> {
  await page.evaluate(
    async (rows) => {
      const open = indexedDB.open('cadence');
      const db = await new Promise<IDBDatabase>((done, fail) => ((open.onsuccess = () => done(open.result)), (open.onerror = () => fail(open.error))));
      const read = () =>
        new Promise<{ activeWorkspaceId: string | null } | undefined>(
          (done) => (db.transaction('settings').objectStore('settings').get('settings').onsuccess = (e) => done((e.target as IDBRequest).result)),
        );
      // The first-run set-up writes the workspace and settings just after the panel opens.
      let settings = await read();
      for (let tries = 0; !settings?.activeWorkspaceId && tries < 100; tries++) {
        await new Promise((done) => setTimeout(done, 100));
        settings = await read();
      }
      if (!settings?.activeWorkspaceId) throw new Error('no active workspace: the first-run set-up did not run');
      const tx = db.transaction('accounts', 'readwrite');
      for (const row of rows) tx.objectStore('accounts').put({ ...row, workspaceId: settings.activeWorkspaceId });
      await new Promise((done) => (tx.oncomplete = done));
      db.close();
    },
    [
      makeAccount({ id: 'acct_bench_bsky', network: 'bluesky', handle: 'bench.bsky.social' }),
      makeAccount({
        id: 'acct_bench_masto',
        network: 'mastodon',
        handle: 'bench@mastodon.example',
        limits: { maxCharacters: 500, charactersPerUrl: 23, maxImages: 4, maxImageBytes: 16_000_000 },
      }),
      makeAccount({
        id: 'acct_bench_x',
        network: 'x',
        handle: 'bench_x',
        publishMode: 'reminder',
        limits: { maxCharacters: 280, charactersPerUrl: 23, maxImages: 4, maxImageBytes: 5_000_000 },
      }),
      makeAccount({
        id: 'acct_bench_threads',
        network: 'threads',
        handle: 'bench.threads',
        publishMode: 'reminder',
        limits: { maxCharacters: 500, charactersPerUrl: null, maxImages: 10, maxImageBytes: 8_000_000 },
      }),
    ],
  );
}

/** Key → the Bluesky counter shows the new count and the next frame has painted, for each of KEYS keys. */
async function typingLatency(page: Page): Promise<number[]> {
  const box = (await page.waitForSelector('textarea[aria-label="Shared text"]'))!;
  await box.click();
  await box.type(BASE, { delay: 0 }); // as the e2e page object types (tests/e2e/pages/side-panel.ts)
  // 279 graphemes (the emoji is two UTF-16 units of the 280 typed): the counter has read it all.
  const counter = '[data-testid="counter-bluesky"] .count-line__value';
  await page
    .waitForFunction((selector) => document.querySelector(selector)?.textContent?.startsWith('279 '), { timeout: 20_000 }, counter)
    .catch(async (error: unknown) => {
      const shown = await page.evaluate((selector) => document.querySelector(selector)?.textContent ?? '(no Bluesky counter)', counter);
      throw new Error(`the Bluesky counter shows "${shown}", not 279: ${String(error)}`);
    });
  const times: number[] = [];
  for (let i = 0; i < KEYS; i++) {
    await page.evaluate(() => {
      const clock = window as unknown as { keyAt: number; paintedAt: number | null };
      clock.paintedAt = null;
      const input = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Shared text"]')!;
      const before = document.querySelector('[data-testid="counter-bluesky"] .count-line__value')?.textContent;
      input.addEventListener('input', () => (clock.keyAt = performance.now()), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (document.querySelector('[data-testid="counter-bluesky"] .count-line__value')?.textContent === before) return;
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => (clock.paintedAt = performance.now())));
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.keyboard.type('x', { delay: KEY_DELAY_MS });
    await page.waitForFunction(() => (window as unknown as { paintedAt: number | null }).paintedAt !== null, { timeout: 30_000 });
    times.push(
      await page.evaluate(() => (window as unknown as { paintedAt: number; keyAt: number }).paintedAt - (window as unknown as { keyAt: number }).keyAt),
    );
  }
  return times;
}

/** The check alone, in the panel's renderer, on the draft Compose saved and its four accounts. */
async function checkAlone(page: Page): Promise<{ text: number[]; full: number[]; refusals: number; warnings: number }> {
  const bundle = await build({
    input: resolve('bench/queue-check-lib.entry.ts'),
    resolve: { alias: { '@': resolve('.') } },
    write: false,
    logLevel: 'silent',
    output: { format: 'iife' },
  });
  const chunk = bundle.output.find((file) => file.type === 'chunk');
  if (chunk?.type !== 'chunk') throw new Error('rolldown produced no bundle for the queue check');
  await page.evaluate(chunk.code);
  return page.evaluate(async () => {
    const open = indexedDB.open('cadence');
    const db = await new Promise<IDBDatabase>((done) => (open.onsuccess = () => done(open.result)));
    const all = (name: string) =>
      new Promise<unknown[]>((done) => (db.transaction(name).objectStore(name).getAll().onsuccess = (e) => done((e.target as IDBRequest).result)));
    const accounts = (await all('accounts')).map((row) => queueCheckLib.accountSchema.parse(row));
    const posts = (await all('posts')).map((row) => queueCheckLib.postSchema.parse(row));
    db.close();
    const post = posts.sort((a, b) => b.updatedAt - a.updatedAt)[0]!;
    const time = (check: () => unknown) =>
      Array.from({ length: 200 }, () => {
        const started = performance.now();
        check();
        return performance.now() - started;
      }).slice(50); // the first runs warm the JIT
    const found = queueCheckLib.checkForQueue(post, accounts);
    return {
      text: time(() => queueCheckLib.checkTextForQueue(post, accounts)),
      full: time(() => queueCheckLib.checkForQueue(post, accounts)),
      refusals: found.refusals.length,
      warnings: found.warnings.length,
    };
  });
}

export async function benchCompose(context: Context): Promise<Figure[]> {
  const page = await context.browser.newPage();
  await page.goto(`chrome-extension://${context.extensionId}/sidepanel.html`);
  await page.waitForSelector('[data-testid="active-workspace"]', { timeout: 60_000 });
  await seedAccounts(page);
  await page.reload({ waitUntil: 'load' });
  await page.bringToFront(); // clicks in a background tab hang (shared/E2E.md)
  await (await page.waitForSelector('#tab-compose'))!.click();
  // Tick every account, as a user would (a draft keeps the accounts it started with).
  await page.waitForSelector('.compose__account input');
  for (const box of await page.$$('.compose__account input')) if (!(await box.evaluate((input) => (input as HTMLInputElement).checked))) await box.click();
  await page.waitForSelector('[data-testid="counter-bluesky"]', { timeout: 10_000 });
  progress(`typing ${KEYS} keys across Bluesky's 300`);
  const typing = await typingLatency(page);
  await page.waitForSelector('[data-testid="queue-check"]');
  await new Promise((done) => setTimeout(done, 600)); // the 400 ms autosave: the check below reads the saved draft
  const alone = await checkAlone(page);
  await page.close();
  const text = figure('compose.queueCheck.text (per keystroke, in the panel)', 'ms per check', alone.text);
  context.notes.push(`compose: the check found ${alone.refusals} refusals and ${alone.warnings} warnings on the typed post (4 accounts)`);
  return [
    figure(
      'compose.typing.keystrokeToPainted (4 accounts, queue check on screen)',
      'ms key→counter painted',
      typing,
      `the check itself median ${text.median} ms; one frame is 16.7 ms`,
    ),
    text,
    figure('compose.queueCheck.full (per click: text, images, alt text)', 'ms per check', alone.full),
  ];
}
