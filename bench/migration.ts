import type { Page } from 'puppeteer-core';
import { dbHelperPage, type DbHelper } from '../tests/e2e/support/db-in-page.ts';
import { figure, type Figure } from './stats.ts';
import type { BenchContext } from './context.ts';

/**
 * Migration time for a large database (issues 9 and 20). An older database is built in the
 * extension's own origin with the product's own code: lib/store/open-db.ts and the upgrade work
 * (lib/store/upgrade-work), bundled with rolldown (tests/e2e/support/db-in-page.ts) and evaluated
 * in an extension page. Version 1 is opened by the ladder's first step and the clips written raw;
 * opening it at version 2 and running the work after it indexes every clip (timed: v1 → v2).
 * Today's work writes today's terms rows, so they are then put back in the version-2 shape
 * (`{ id, terms }`, no workspace terms, as step 2 wrote them before issue 20): a genuine v2 database.
 * Then the upgrade to the current version is timed twice: in that page (the version change, then
 * the work after it: counts, backup copy, index conversion), and as a user meets it, by opening
 * the side panel on a fresh version-2 database (open → interactive, and until the work is done).
 */
type Context = Pick<BenchContext, 'browser' | 'extensionId' | 'seed' | 'clipRow' | 'mulberry32' | 'notes'>;

const CHUNK = 2000;
const isBackground = (url: string) => url.endsWith('/background.js');
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Runs `job` in the page and waits for it without holding one CDP call open: the harness's protocol
 * timeout is 60 s, and step 2 really indexing 100,000 clips takes longer than that here.
 */
async function runLong<T>(page: Page, job: () => Promise<T>): Promise<T> {
  await page.evaluate((source) => {
    const slot = window as unknown as { benchJob?: { result?: unknown; error?: string } };
    slot.benchJob = {};
    // The job's source arrives as text; CDP evaluation is exempt from the page's CSP.
    (0, eval)(`(${source})()`).then(
      (result: unknown) => (slot.benchJob = { result }),
      (error: unknown) => (slot.benchJob = { error: String(error) }),
    );
  }, job.toString());
  // Polled by short calls: waitForFunction holds one call open, which the protocol timeout ends too.
  const isDone = () =>
    page.evaluate(() => {
      const job = (window as unknown as { benchJob: { result?: unknown; error?: string } }).benchJob;
      return 'result' in job || 'error' in job;
    });
  while (!(await isDone())) await sleep(1000);
  const outcome = await page.evaluate(() => (window as unknown as { benchJob: { result?: T; error?: string } }).benchJob);
  if (outcome.error !== undefined) throw new Error(`in the page: ${outcome.error}`);
  return outcome.result as T;
}

/**
 * `waitForSelector` by short calls: it holds one CDP call open, which the harness's 60 s protocol
 * timeout ends when the machine is busy and the backup + upgrade take longer than that.
 */
async function waitForSelectorPolled(page: Page, selector: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.$(selector))) {
    if (Date.now() > deadline) throw new Error(`${selector} did not appear within ${timeoutMs} ms`);
    await sleep(250);
  }
}

/** Deletes the database and its backups, then builds version 2 with `count` clips. Returns the v1 → v2 times. */
async function buildVersion2(page: Page, context: Context, count: number): Promise<{ versionChangeMs: number; workMs: number }> {
  await page.evaluate(async () => {
    for (const info of await indexedDB.databases()) {
      if (info.name === 'cadence' || info.name?.startsWith('cadence-backup-')) {
        await new Promise<void>((done, fail) => {
          const request = indexedDB.deleteDatabase(info.name!);
          request.onsuccess = () => done();
          request.onerror = () => fail(request.error);
          request.onblocked = () => fail(new Error(`deleting ${info.name} is blocked by an open connection`));
        });
      }
    }
    (await cadenceDb.openCadenceDb({ version: 1, backup: false })).close();
  });
  const random = context.mulberry32(context.seed);
  for (let start = 0; start < count; start += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, count - start) }, (_, i) => context.clipRow(start + i, random, 'ws_migration_bench'));
    await page.evaluate(async (batch) => {
      const db = await cadenceDb.openCadenceDb({ version: 1, backup: false });
      const tx = db.transaction('clips', 'readwrite');
      for (const row of batch) void tx.store.put(row);
      await tx.done;
      db.close();
    }, rows);
  }
  const step = await runLong(page, async () => {
    const started = performance.now();
    // As before issue 20, v1 → v2 without its backup copy: step 2's own work.
    const db = await cadenceDb.openCadenceDb({ version: 2, backup: false });
    const changed = performance.now();
    const reports: { at: number; done: number }[] = [];
    await cadenceDb.runUpgradeWork(db, {
      locks: navigator.locks,
      batchSize: 1000,
      pause: () => Promise.resolve(),
      onProgress: (progress) => progress && reports.push({ at: performance.now() - changed, done: progress.done }),
    });
    const worked = performance.now();
    // Back to the rows step 2 wrote before issue 20: no capturedAt pairs, no workspace terms.
    for (let after: string | null = null; ;) {
      const tx = db.transaction('clipTerms', 'readwrite');
      const rows = (await tx.store.getAll(after === null ? null : IDBKeyRange.lowerBound(after, true), 2000)) as { id: string; termsAt: [string, number][] }[];
      for (const row of rows)
        void tx.store.put({ id: row.id, terms: row.termsAt.map(([term]) => term).filter((term) => !term.startsWith('\u0001workspace:')) });
      await tx.done;
      if (rows.length < 2000) break;
      after = rows.at(-1)!.id;
    }
    const counts = {
      version: db.version,
      clips: await db.count('clips'),
      clipTerms: await db.count('clipTerms'),
      pendingWork: (await db.get('meta', cadenceDb.UPGRADE_WORK_ID)) !== undefined,
    };
    db.close();
    const gaps = reports.slice(1).map((report, i) => report.at - reports[i]!.at);
    return { versionChangeMs: changed - started, workMs: worked - changed, counts, reports: reports.length, longestGapMs: Math.round(Math.max(0, ...gaps)) };
  });
  context.notes.push(
    `migration: the v2 database built: ${JSON.stringify(step.counts)}; v1→v2 work reported ${step.reports} times, longest gap ${step.longestGapMs} ms`,
  );
  if (step.counts.clipTerms < step.counts.clips || step.counts.pendingWork) {
    context.notes.push(
      `migration: UNEXPLAINED — v1→v2 left ${step.counts.clipTerms} terms rows for ${step.counts.clips} clips (work pending: ${step.counts.pendingWork})`,
    );
  }
  return { versionChangeMs: step.versionChangeMs, workMs: step.workMs };
}

export async function benchMigration(context: Context): Promise<Figure[]> {
  const { browser, extensionId, notes } = context;
  const count = process.env.BENCH_SKIP_100K === '1' ? 10_000 : 100_000;
  const label = count === 100_000 ? '100k' : '10k';
  if (count !== 100_000) notes.push('migration: 10k clips instead of 100k (BENCH_SKIP_100K=1)');

  // Nothing else may hold or open the database: no alarms left to wake the worker, the worker stopped.
  for (const page of await browser.pages()) if (page.url().startsWith(`chrome-extension://${extensionId}/`)) await page.close();
  // The worker may be stopped already (idle after the suites before): then there is nothing to stop.
  const target = browser.targets().find((t) => t.type() === 'service_worker' && isBackground(t.url()));
  const worker = await target?.worker();
  await worker?.evaluate(() => chrome.alarms.clearAll());
  await worker?.close();
  await sleep(300);

  const page = await dbHelperPage(browser, extensionId);
  const figures: Figure[] = [];
  console.error(`[bench] migration: building a v2 database of ${label} clips`);

  // BENCH_MIGRATION_PANEL_ONLY=1: only part 3 (a re-run of the panel's figure after a change to how the worker runs the work).
  if (process.env.BENCH_MIGRATION_PANEL_ONLY === '1') {
    notes.push('migration: BENCH_MIGRATION_PANEL_ONLY=1: parts 1 and 2 skipped');
    return [...figures, ...(await panelOnVersion2(browser, extensionId, page, context, count, label))];
  }
  // 1. v1 → v2: the version change, then the search index built after it.
  const v1to2 = await buildVersion2(page, context, count);
  figures.push(
    figure(
      `migration.v1→v2 total (version change + search index after it), ${label} clips`,
      'ms',
      [Math.round(v1to2.versionChangeMs + v1to2.workMs)],
      `version change ${Math.round(v1to2.versionChangeMs)} ms + index ${Math.round(v1to2.workMs)} ms (batches of 1,000, no backup, as before); target ≤ 10,000`,
    ),
  );
  console.error(`[bench] migration: v1→v2 took ${Math.round(v1to2.versionChangeMs)} + ${Math.round(v1to2.workMs)} ms`);

  // 2. v2 → latest in the page: the version change, then every task after it.
  const upgrade = await runLong(page, async () => {
    const at = performance.now();
    const db = await cadenceDb.openCadenceDb();
    const changed = performance.now();
    const spans: Record<string, { from: number; to: number }> = {};
    await cadenceDb.runUpgradeWork(db, {
      locks: navigator.locks,
      batchSize: 1000,
      pause: () => Promise.resolve(),
      onProgress: (progress) => {
        if (!progress) return;
        const now = performance.now();
        spans[progress.task] ??= { from: now, to: now };
        spans[progress.task]!.to = now;
      },
    });
    const done = performance.now();
    const state = {
      version: db.version,
      clips: await db.count('clips'),
      clipTerms: await db.count('clipTerms'),
      tally: (await db.get('clipTally', 'all')) as { clips: number } | undefined,
    };
    db.close();
    const backup = cadenceDb.backupDbName('cadence', 2);
    return {
      versionChangeMs: changed - at,
      workMs: done - changed,
      tasks: Object.fromEntries(Object.entries(spans).map(([task, span]) => [task, Math.round(span.to - span.from)])),
      state: { ...state, tally: state.tally?.clips ?? null, backupComplete: await cadenceDb.isCompleteBackup(backup) },
    };
  });
  console.error(
    `[bench] migration: v2→latest version change ${Math.round(upgrade.versionChangeMs)} ms + background work ${Math.round(upgrade.workMs)} ms ${JSON.stringify(upgrade.tasks)}`,
  );
  notes.push(
    `migration: v2→latest in the page: ${JSON.stringify(upgrade.state)}; each task from its first report to its last (ms): ${JSON.stringify(upgrade.tasks)}`,
  );
  figures.push(
    figure(
      `migration.v2→latest background upgrade total (counts + backup copy + index conversion), ${label} clips`,
      'ms',
      [Math.round(upgrade.workMs)],
      `after a version change of ${Math.round(upgrade.versionChangeMs)} ms; the panel is usable throughout`,
    ),
  );

  return [...figures, ...(await panelOnVersion2(browser, extensionId, page, context, count, label))];
}

async function panelOnVersion2(
  browser: Context['browser'],
  extensionId: string,
  page: Page,
  context: Context,
  count: number,
  label: string,
): Promise<Figure[]> {
  const { notes } = context;
  const figures: Figure[] = [];
  // 3. As the user meets it: the side panel opened on a version-2 database. Whoever opens first
  //    (the panel, or the worker its first message wakes) makes the version change; the worker
  //    runs the work after it (the panel queues for it and takes over if the worker stops).
  await buildVersion2(page, context, count);
  await page.close();
  const panel = await browser.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`, { waitUntil: 'domcontentloaded' });
  await waitForSelectorPolled(panel, '[data-testid="clip-list"] li, .empty-state, .fatal', 300_000);
  const interactive = await panel.evaluate(() => performance.now());
  const whileWorking = await panel.evaluate(() => document.querySelector('[data-testid="upgrade-work"] p')?.textContent ?? null);
  await waitForGonePolled(panel, '[data-testid="upgrade-work"]', 900_000);
  const finished = await panel.evaluate(() => performance.now());
  const state = await panel.evaluate(async () => ({
    fatal: document.querySelector('.fatal')?.textContent ?? null,
    databases: (await indexedDB.databases()).map((info) => `${info.name}@${info.version}`),
  }));
  if (state.fatal) notes.push(`migration: the side panel showed an error after the upgrade: ${state.fatal}`);
  notes.push(`migration: the panel said, once interactive: ${JSON.stringify(whileWorking)}; databases once the work was done: ${state.databases.join(', ')}`);
  figures.push(
    figure(
      `sidePanel.openToInteractive on a v2 database (version change, work after it in the background), ${label} clips`,
      'ms',
      [Math.round(interactive)],
      `target ≤ 1,000; the work after it was done ${Math.round(finished)} ms after the panel opened`,
    ),
  );
  figures.push(
    figure(`sidePanel.v2 database: open → background upgrade done, ${label} clips`, 'ms', [Math.round(finished)], 'the worker runs it; the panel stays usable'),
  );
  await panel.close();
  return figures;
}

/** Until no element matches `selector`, by short calls (see waitForSelectorPolled). */
async function waitForGonePolled(page: Page, selector: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (await page.$(selector)) {
    if (Date.now() > deadline) throw new Error(`${selector} was still there after ${timeoutMs} ms`);
    await sleep(500);
  }
}

declare const cadenceDb: DbHelper;
declare const chrome: { alarms: { clearAll(): Promise<boolean> } };
