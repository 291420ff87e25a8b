import { writeFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { figure, type Figure } from './stats.ts';
import type { BenchContext } from './context.ts';

type Context = Pick<BenchContext, 'browser' | 'extensionId' | 'seed' | 'mulberry32' | 'notes'>;

const WORKSPACE = 'ws_plan_bench';
const ACCOUNT = 'acc_plan_bench';
const DAY = 86_400_000;

/** A post and its one delivery, shaped exactly like lib/model/post.ts and delivery.ts (v1). */
function planRows(index: number, random: () => number, monthStart: number) {
  const dueAt = monthStart + Math.floor(random() * 28 * DAY);
  const post = {
    v: 1,
    id: `post_bench_${index}`,
    workspaceId: WORKSPACE,
    clipId: null,
    text: `Planned post ${index}: coffee roast launch ${Math.floor(random() * 1000)}`,
    variants: [{ accountId: ACCOUNT, text: null, thread: [] }],
    media: [],
    link: null,
    lang: 'en',
    campaign: index % 3 === 0 ? 'winter' : null,
    pillar: null,
    utm: { enabled: false, medium: 'social', campaign: '' },
    experiment: null,
    evergreenDays: null,
    createdAt: monthStart,
    updatedAt: monthStart,
  };
  const delivery = {
    v: 1,
    id: `dlv_bench_${index}`,
    postId: post.id,
    accountId: ACCOUNT,
    workspaceId: WORKSPACE,
    network: 'bluesky',
    state: 'scheduled',
    method: 'api',
    dueAt,
    attempt: 0,
    nextAttemptAt: null,
    lease: null,
    idempotencyKey: `key_${index}`,
    rkey: null,
    remote: null,
    parts: [],
    lastError: null,
    publishedAt: null,
    updatedAt: monthStart,
  };
  return { post, delivery };
}

/** Puts a workspace (made active), one account and `count` scheduled posts into the extension's IndexedDB. */
async function seedPlan(page: Page, context: Context, count: number, monthStart: number) {
  const random = context.mulberry32(context.seed + count);
  const rows = Array.from({ length: count }, (_, i) => planRows(i, random, monthStart));
  const workspace = { v: 1, id: WORKSPACE, name: 'Bench client', timeZone: 'UTC', color: '#3366cc', createdAt: monthStart, updatedAt: monthStart };
  const account = {
    v: 1,
    id: ACCOUNT,
    workspaceId: WORKSPACE,
    network: 'bluesky',
    handle: 'bench.test',
    displayName: 'Bench',
    avatarUrl: null,
    serverUrl: null,
    remoteId: null,
    publishMode: 'api',
    status: 'connected',
    statusReason: null,
    limits: { maxCharacters: 300, charactersPerUrl: null, maxImages: 4, maxImageBytes: 1_000_000 },
    schedule: [],
    createdAt: monthStart,
    updatedAt: monthStart,
  };
  await waitForSettings(page);
  await page.evaluate(
    (batch, workspace, account) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('cadence');
        open.onsuccess = () => {
          const tx = open.result.transaction(['posts', 'deliveries', 'workspaces', 'accounts', 'settings'], 'readwrite');
          tx.objectStore('workspaces').put(workspace);
          tx.objectStore('accounts').put(account);
          const settings = tx.objectStore('settings').get('settings');
          settings.onsuccess = () => tx.objectStore('settings').put({ ...settings.result, activeWorkspaceId: workspace.id });
          for (const { post, delivery } of batch) {
            tx.objectStore('posts').put(post);
            tx.objectStore('deliveries').put(delivery);
          }
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    rows,
    workspace,
    account,
  );
}

/** The side panel writes the settings row on its first start: seeding before that (BENCH_ONLY=plan on a new profile) would have nothing to make the workspace active in. */
async function waitForSettings(page: Page): Promise<void> {
  await page.waitForFunction(
    async () =>
      // Opening a database that does not exist yet would create an empty one under the extension's name.
      (await indexedDB.databases()).some((database) => database.name === 'cadence') &&
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('cadence');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('settings')) {
            db.close();
            return resolve(false);
          }
          const request = db.transaction('settings').objectStore('settings').get('settings');
          request.onsuccess = () => {
            db.close();
            resolve(request.result !== undefined);
          };
          request.onerror = () => resolve(false);
        };
        open.onerror = () => resolve(false);
      }),
    { timeout: 30_000, polling: 200 },
  );
}

async function clearPlan(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('cadence');
        open.onsuccess = () => {
          const tx = open.result.transaction(['posts', 'deliveries'], 'readwrite');
          tx.objectStore('posts').clear();
          tx.objectStore('deliveries').clear();
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** Open → interactive with many scheduled posts in the database (the default view is the queue). */
async function openToInteractive(page: Page, extensionId: string, label: string, runs = 5): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.goto(`chrome-extension://${extensionId}/sidepanel.html`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[role="tablist"]');
    await page.waitForSelector('[data-testid="clip-list"] li, .empty-state');
    times.push(await page.evaluate(() => performance.now()));
  }
  const profileTo = process.env.BENCH_PROFILE_OPEN;
  if (profileTo) await profileOpen(page, extensionId, profileTo.replace(/(\.cpuprofile)?$/, `-${label}.cpuprofile`));
  return times;
}

/** BENCH_PROFILE_OPEN=<file>: one more open under the CPU profiler, started on a blank page so the panel's whole start is in it. */
async function profileOpen(page: Page, extensionId: string, file: string): Promise<void> {
  await page.goto('about:blank');
  const session = await page.createCDPSession();
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 100 });
  await session.send('Profiler.start');
  await page.goto(`chrome-extension://${extensionId}/sidepanel.html`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('[role="tablist"]');
  await page.waitForSelector('[data-testid="clip-list"] li, .empty-state');
  const { profile } = await session.send('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  await session.detach();
}

/**
 * In the page: the month grid accounts for `count` posts, the chips on screen plus what each busy
 * day's "+N more" leaves out (its data-hidden-count); a chip is drawn with its words. Self-contained: puppeteer sends its source.
 */
function isMonthAccountedFor(count: number): boolean {
  const grid = document.querySelector('.calendar__grid--month');
  if (!grid) return false;
  const hidden = [...grid.querySelectorAll<HTMLElement>('[data-hidden-count]')].reduce((sum, toggle) => sum + Number(toggle.dataset.hiddenCount), 0);
  return grid.querySelectorAll('.chip__button').length + hidden === count;
}

/**
 * Month view fully rendered: click "Month" → every post accounted for (shown, or counted by its
 * day's "+N more"). Then, on the same page, "+N more" of the busiest day → all its chips on screen.
 */
async function monthRender(page: Page, extensionId: string, expected: number, runs = 5): Promise<{ render: number[]; expand: number[] }> {
  const render: number[] = [];
  const expand: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.goto(`chrome-extension://${extensionId}/sidepanel.html`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[role="tab"]');
    await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('[role="tab"]')].find((tab) => tab.textContent?.includes('Calendar'))?.click());
    await page.waitForSelector('.calendar__nav');
    const started = await page.evaluate(() => {
      const at = performance.now();
      [...document.querySelectorAll<HTMLButtonElement>('.calendar__nav button')].find((button) => button.textContent === 'Month')?.click();
      return at;
    });
    await page.waitForFunction(isMonthAccountedFor, { timeout: 60_000 }, expected);
    render.push((await page.evaluate(() => performance.now())) - started);
    expand.push(await expandBusiestDay(page));
  }
  const profileTo = process.env.BENCH_PROFILE_MONTH;
  if (profileTo) await profileMonthRender(page, extensionId, expected, profileTo);
  const traceTo = process.env.BENCH_TRACE_MONTH;
  if (traceTo) await profileMonthRender(page, extensionId, expected, traceTo, 'trace');
  return { render, expand };
}

/** Click → the busiest day shows all its chips; ms. */
async function expandBusiestDay(page: Page): Promise<number> {
  const { date, total, started } = await page.evaluate(() => {
    const toggles = [...document.querySelectorAll<HTMLButtonElement>('.calendar__grid--month [data-hidden-count]')];
    const busiest = toggles.reduce((best, toggle) => (Number(toggle.dataset.hiddenCount) > Number(best.dataset.hiddenCount) ? toggle : best));
    const day = busiest.closest<HTMLElement>('[data-date]')!;
    const total = day.querySelectorAll('.chip__button').length + Number(busiest.dataset.hiddenCount);
    const at = performance.now();
    busiest.click();
    return { date: day.dataset.date!, total, started: at };
  });
  await page.waitForFunction(
    (day, count) => document.querySelectorAll(`[data-date="${day}"] .chip__button`).length === count,
    { timeout: 10_000 },
    date,
    total,
  );
  return (await page.evaluate(() => performance.now())) - started;
}

/**
 * BENCH_PROFILE_MONTH=<file.cpuprofile>: one more month render under the CPU profiler (open it in
 * DevTools' Performance panel). BENCH_TRACE_MONTH=<file.json>: one more under a Chromium trace
 * instead, which says what the profile's "(program)" was (style, layout, paint, IndexedDB).
 */
async function profileMonthRender(page: Page, extensionId: string, expected: number, file: string, how: 'cpu' | 'trace' = 'cpu'): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/sidepanel.html`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('[role="tab"]');
  await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('[role="tab"]')].find((tab) => tab.textContent?.includes('Calendar'))?.click());
  await page.waitForSelector('.calendar__nav');
  if (how === 'trace') {
    await page.tracing.start({
      path: file,
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'IndexedDB', 'toplevel'],
    });
    await page.evaluate(() =>
      [...document.querySelectorAll<HTMLButtonElement>('.calendar__nav button')].find((button) => button.textContent === 'Month')?.click(),
    );
    await page.waitForFunction(isMonthAccountedFor, { timeout: 60_000 }, expected);
    await page.tracing.stop();
    return;
  }
  const session = await page.createCDPSession();
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 100 });
  await session.send('Profiler.start');
  await page.evaluate(() =>
    [...document.querySelectorAll<HTMLButtonElement>('.calendar__nav button')].find((button) => button.textContent === 'Month')?.click(),
  );
  await page.waitForFunction(isMonthAccountedFor, { timeout: 60_000 }, expected);
  const { profile } = await session.send('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  await session.detach();
}

export async function benchPlan(context: Context): Promise<Figure[]> {
  const page = await context.browser.newPage();
  await page.goto(`chrome-extension://${context.extensionId}/sidepanel.html`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('[role="tablist"]');
  const now = new Date();
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const figures: Figure[] = [];
  const month = new Date(monthStart);
  // Month view shows the calendar month around "today": seed this month, in the workspace zone (UTC).
  await seedPlan(page, context, 1_000, monthStart);
  figures.push(figure('sidePanel.openToInteractive.1kScheduled', 'ms', await openToInteractive(page, context.extensionId, '1k'), 'target 150 ms'));
  await clearPlan(page);
  await seedPlan(page, context, 2_000, monthStart);
  const month2k = await monthRender(page, context.extensionId, 2_000);
  const monthName = month.toISOString().slice(0, 7);
  figures.push(
    figure(
      'calendar.monthRender.2kPosts',
      'ms',
      month2k.render,
      `month of ${monthName}, until the chips shown plus each day's "+N more" count add up to 2,000; target 500 ms`,
    ),
    figure('calendar.monthExpandBusiestDay.2kPosts', 'ms', month2k.expand, `"+N more" of the month's busiest day → all its chips on screen`),
  );
  await clearPlan(page);
  await seedPlan(page, context, 10_000, monthStart);
  figures.push(figure('sidePanel.openToInteractive.10kScheduled', 'ms', await openToInteractive(page, context.extensionId, '10k'), 'target 150 ms'));
  await clearPlan(page);
  await page.close();
  return figures;
}
