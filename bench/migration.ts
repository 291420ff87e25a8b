import type { Page } from 'puppeteer-core';
import { dbHelperPage, type DbHelper } from '../tests/e2e/support/db-in-page.ts';
import { figure, type Figure } from './stats.ts';
import type { BenchContext } from './context.ts';

/**
 * Migration time for a large database (issue 9). An older database is built in the extension's
 * own origin with the product's own code: lib/store/open-db.ts, bundled with rolldown
 * (tests/e2e/support/db-in-page.ts) and evaluated in an extension page, opens the database at version 1 (the ladder's first step), the
 * clips are written raw, and opening it at version 2 runs step 2 for real (indexing every clip's
 * search terms). That is a genuine version-2 database, built by the ladder rather than imitated.
 * Then the upgrade to the current version is timed twice: in that page (the pre-migration backup
 * copy, then the upgrade itself), and as a user meets it, by opening the side panel on a fresh
 * version-2 database.
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

/** Deletes the database and its backups, then builds version 2 with `count` clips. Returns the v1 → v2 step time. */
async function buildVersion2(page: Page, context: Context, count: number): Promise<number> {
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
    // What the opening screen would show: step 2's own reports, as open-db throttles them.
    const reports: { at: number; done: number; total: number }[] = [];
    const db = await cadenceDb.openCadenceDb({
      version: 2,
      backup: false,
      onProgress: (progress) => {
        if (progress.phase === 'step') reports.push({ at: performance.now() - started, done: progress.done, total: progress.total });
      },
    });
    const ms = performance.now() - started;
    const counts = { version: db.version, clips: await db.count('clips'), clipTerms: await db.count('clipTerms') };
    db.close();
    const gaps = reports.slice(1).map((report, i) => report.at - reports[i]!.at);
    return { ms, counts, reports: reports.length, first: reports[0], last: reports.at(-1), longestGapMs: Math.round(Math.max(0, ...gaps)) };
  });
  context.notes.push(`migration: the v2 database built: ${JSON.stringify(step.counts)}`);
  context.notes.push(
    `migration: step 2 reported its progress ${step.reports} times, from ${JSON.stringify(step.first)} to ${JSON.stringify(step.last)}; longest gap between reports ${step.longestGapMs} ms`,
  );
  if (step.counts.clipTerms < step.counts.clips) {
    context.notes.push(
      `migration: UNEXPLAINED — step 2 indexed ${step.counts.clipTerms} of ${step.counts.clips} clips in Chromium: the v1→v2 time does not include indexing, and the v2 database lacks its clipTerms rows (the v2→latest backup copies fewer rows than a real one)`,
    );
  }
  return step.ms;
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

  // 1. The upgrade itself, in the page: the backup copy, then the ladder's remaining steps.
  const step2 = await buildVersion2(page, context, count);
  figures.push(
    figure(
      `migration.v1→v2 (clip search index), ${label} clips`,
      'ms',
      [Math.round(step2)],
      'step 2 indexes every clip in the upgrade transaction, 1,000 per batch',
    ),
  );
  console.error(`[bench] migration: v1→v2 took ${Math.round(step2)} ms`);
  const upgrade = await runLong(page, async () => {
    const at = performance.now();
    const backup = await cadenceDb.backupBeforeUpgrade('cadence', cadenceDb.DB_VERSION);
    const copied = performance.now();
    const db = await cadenceDb.openCadenceDb({ backup: false });
    const done = performance.now();
    const version = db.version;
    db.close();
    return { backupMs: copied - at, upgradeMs: done - copied, backup, version };
  });
  console.error(`[bench] migration: v2→latest backup copy ${Math.round(upgrade.backupMs)} ms + upgrade ${Math.round(upgrade.upgradeMs)} ms`);
  if (upgrade.backup === null) notes.push('migration: WARNING — no backup was made: the database was not at version 2');
  figures.push(
    figure(
      `migration.v2→latest total (backup copy + upgrade), ${label} clips`,
      'ms',
      [Math.round(upgrade.backupMs + upgrade.upgradeMs)],
      `backup copy ${Math.round(upgrade.backupMs)} ms + upgrade to v${upgrade.version} ${Math.round(upgrade.upgradeMs)} ms`,
    ),
  );

  // 2. As the user meets it: the side panel opened on a version-2 database. Whoever opens first
  //    (the panel, or the worker its first message wakes) makes the backup and runs the upgrade.
  await buildVersion2(page, context, count);
  await page.close();
  const panel = await browser.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`, { waitUntil: 'domcontentloaded' });
  await waitForSelectorPolled(panel, '[data-testid="clip-list"] li, .empty-state, .fatal', 300_000);
  const interactive = await panel.evaluate(() => performance.now());
  const state = await panel.evaluate(async () => ({
    fatal: document.querySelector('.fatal')?.textContent ?? null,
    databases: (await indexedDB.databases()).map((info) => `${info.name}@${info.version}`),
  }));
  if (state.fatal) notes.push(`migration: the side panel showed an error after the upgrade: ${state.fatal}`);
  notes.push(`migration: databases after the side panel opened: ${state.databases.join(', ')}`);
  figures.push(
    figure(
      `sidePanel.openToInteractive on a v2 database (upgrade + backup), ${label} clips`,
      'ms',
      [Math.round(interactive)],
      `same ${label} clips already at the latest version: see sidePanel.openToInteractive.${label}Clips`,
    ),
  );
  await panel.close();
  return figures;
}

declare const cadenceDb: DbHelper;
declare const chrome: { alarms: { clearAll(): Promise<boolean> } };
