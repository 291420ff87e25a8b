// `node bench/search-profile.ts <clips> [built extension]`: where a queue search's time goes, on a
// database kept between runs in /tmp/cadence-search-profile (seeding 100k clips takes minutes), so
// two builds can be compared on the same data. For each of the bench's queries it times the lib call
// alone (searchClips' first page, in the panel's page) and then keystroke → painted as the bench
// does (./side-panel.ts). SEARCH_TRACE=dir also writes a Chromium trace, with JavaScript samples, of
// one typed query each; SEARCH_RUNS sets the runs (7). A tool for working on search: the figures
// the README reports come from `npm run bench`.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { build } from 'rolldown';
import { CHROMIUM_ARGS } from '../tests/harness/chromium.ts';
import { dbHelperPage, type DbHelper } from '../tests/e2e/support/db-in-page.ts';
import { clipRow, mulberry32, RARE_WORD } from './generate.ts';
import { activeWorkspace, searchLatency, seedClips } from './side-panel.ts';
import { figure } from './stats.ts';
import type { searchLib as SearchLib } from './search-lib.entry.ts';

declare const cadenceDb: DbHelper;
declare const searchLib: typeof SearchLib;

const clips = Number(process.argv[2] ?? 10_000);
const built = resolve(process.argv[3] ?? '.output/chrome-mv3');
const runs = Number(process.env.SEARCH_RUNS ?? 7);
const traceDir = process.env.SEARCH_TRACE;
const QUERIES = [RARE_WORD, 'coffee', 'coffee launch', 'camp'];
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink',
  'IndexedDB',
  'toplevel',
  'disabled-by-default-v8.cpu_profiler',
];
// One path for every build compared: an unpacked extension's id, and so its database, follows its path.
const root = '/tmp/cadence-search-profile';
const extensionPath = `${root}/extension-${clips}`;

rmSync(extensionPath, { recursive: true, force: true });
mkdirSync(extensionPath, { recursive: true });
cpSync(built, extensionPath, { recursive: true });

const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  pipe: true,
  enableExtensions: [extensionPath],
  userDataDir: `${root}/profile-${clips}`,
  protocolTimeout: 120_000,
  args: CHROMIUM_ARGS,
});
try {
  const worker = await browser.waitForTarget((target) => target.type() === 'service_worker' && target.url().endsWith('/background.js'));
  const extensionId = new URL(worker.url()).host;
  const panelUrl = `chrome-extension://${extensionId}/sidepanel.html`;
  const seeder = await dbHelperPage(browser, extensionId);
  const stored = await seeder.evaluate(async () => {
    const db = await cadenceDb.openCadenceDb();
    const count = await db.count('clips');
    db.close();
    return count;
  });
  if (stored < clips) {
    // The panel's first open runs the first-run set-up, which makes the active workspace.
    const first = await browser.newPage();
    await first.goto(panelUrl);
    await first.waitForSelector('[data-testid="clip-list"] li, .empty-state', { timeout: 60_000 });
    await first.close();
    console.error(`seeding ${clips - stored} clips`);
    await seedClips(seeder, { seed: 20261123, clipRow, mulberry32 }, await activeWorkspace(seeder), stored, clips - stored);
  }
  const workspaceId = await activeWorkspace(seeder);
  await seeder.close();

  const page = await browser.newPage();
  await page.goto(panelUrl);
  await page.waitForSelector('[data-testid="clip-list"] li', { timeout: 60_000 });
  const bundle = await build({
    input: resolve('bench/search-lib.entry.ts'),
    resolve: { alias: { '@': resolve('.') } },
    write: false,
    logLevel: 'silent',
    output: { format: 'iife' },
  });
  const chunk = bundle.output.find((file) => file.type === 'chunk');
  if (chunk?.type !== 'chunk') throw new Error('rolldown produced no bundle for the search lib');
  await page.evaluate(chunk.code);
  const rows = [];
  for (const query of QUERIES) {
    const lib = await page.evaluate(
      async (query, workspaceId, runs) => {
        const store = await searchLib.openStore();
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const started = performance.now();
          await searchLib.searchClips(store, query, { limit: 40, filters: { statuses: ['new', 'used'] }, workspaceId });
          times.push(performance.now() - started);
        }
        store.close();
        return times;
      },
      query,
      workspaceId,
      runs,
    );
    const painted = await searchLatency(page, query, runs);
    const [libFigure, paintedFigure] = [figure('lib', 'ms', lib), figure('painted', 'ms', painted.times)];
    rows.push({ query, lib: libFigure.median, libP95: libFigure.p95, painted: paintedFigure.median, paintedP95: paintedFigure.p95, count: painted.count });
    if (traceDir) {
      mkdirSync(traceDir, { recursive: true });
      await page.tracing.start({ path: resolve(traceDir, `search-${clips}-${query.replace(/\W+/g, '_')}.json`), categories: TRACE_CATEGORIES });
      await searchLatency(page, query, 1);
      await page.tracing.stop();
    }
  }
  console.table(rows);
} finally {
  await browser.close();
}
