// `npm run bench`: what users feel, measured in real Chromium with the built extension.
// Prints one JSON document (also written to bench/results/latest.json) and a readable table.
// Benchmarks never fail the test suite; they make regressions visible and claims backed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { launchChromium, type LaunchedChromium } from '../tests/harness/chromium.ts';
import { clipRow, mulberry32 } from './generate.ts';
import { benchCapture } from './capture.ts';
import { benchCaptureSpeed } from './capture-speed.ts';
import { benchCaptureFidelity } from './capture-fidelity.ts';
import { benchCompose } from './compose.ts';
import { benchSidePanel } from './side-panel.ts';
import { benchPlan } from './plan.ts';
import { benchWorker } from './worker.ts';
import { benchBackground } from './background.ts';
import { benchMigration } from './migration.ts';
import type { BenchContext } from './context.ts';
import type { Figure } from './stats.ts';

const chromium = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
if (!existsSync(chromium)) throw new Error(`Chromium not found at ${chromium}: apt-get install -y chromium`);
const { CADENCE_E2E: _ignored, ...env } = process.env;
// BENCH_ONLY=plan,worker runs a subset while working on one figure; the README's table comes from a full run.
const only = process.env.BENCH_ONLY?.split(',');
const E2E_BUILD_SUITES = ['captureSpeed', 'captureFidelity'];
execFileSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'], env });
// The e2e build (wxt.config.ts): loopback hosts stand in for the activeTab grant a real click gives.
// Only the capture suites load it: a BENCH_ONLY run without them skips its minute of building.
if (!only || only.some((name) => E2E_BUILD_SUITES.includes(name)))
  execFileSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...env, CADENCE_E2E: '1' } });
const extensionPath = resolve('.output/chrome-mv3');
const e2eExtensionPath = resolve('.output/chrome-mv3-e2e');

const figures: Figure[] = [];
const notes: string[] = [];
const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  chromium: execFileSync(chromium, ['--version'], { encoding: 'utf8' }).trim(),
};
/** A suite that threw: recorded with its error, and the run goes on to the next. */
const failures: { suite: string; error: string }[] = [];
const report = { command: 'npm run bench', date: new Date().toISOString(), machine, figures, failures, notes };
/** Written after every suite, not only at the end: a run that fails late keeps what it measured. */
const save = () => {
  mkdirSync(resolve('bench/results'), { recursive: true });
  writeFileSync(resolve('bench/results/latest.json'), `${JSON.stringify(report, null, 2)}\n`);
};

const seed = 20261123;
type Suite = (browser: LaunchedChromium['browser'], extensionId: string) => Promise<Figure[]>;
const withContext =
  (run: (context: BenchContext) => Promise<Figure[]>): Suite =>
  (browser, extensionId) =>
    run({ browser, extensionId, extensionPath, seed, clipRow, mulberry32, notes });
// Each suite gets its own Chromium with its own fresh profile, closed before the next one starts: a
// suite cannot see what another left behind, and one that fails cannot stop the rest (issue 16:
// relaunching on a shared profile ended a full run with "The browser is already running").
const suites: { name: string; build: string; run: Suite }[] = [
  { name: 'worker', build: extensionPath, run: withContext(benchWorker) },
  { name: 'capture', build: extensionPath, run: withContext(benchCapture) },
  { name: 'sidePanel', build: extensionPath, run: withContext(benchSidePanel) },
  { name: 'plan', build: extensionPath, run: withContext(benchPlan) },
  { name: 'compose', build: extensionPath, run: withContext(benchCompose) },
  { name: 'background', build: extensionPath, run: withContext(benchBackground) },
  { name: 'migration', build: extensionPath, run: withContext(benchMigration) },
  // The e2e build (wxt.config.ts): loopback hosts stand in for the activeTab grant a real click gives.
  { name: 'captureSpeed', build: e2eExtensionPath, run: (browser) => benchCaptureSpeed({ browser, extensionPath: e2eExtensionPath, notes }) },
  // Issue 25: every corpus page clipped through the real path, its stored text set against Readability's.
  { name: 'captureFidelity', build: e2eExtensionPath, run: (browser) => benchCaptureFidelity({ browser, extensionPath: e2eExtensionPath, notes }) },
];
const skipped = new Set(process.env.BENCH_SKIP_CAPTURE_SPEED === '1' ? ['captureSpeed'] : []);

for (const suite of suites) {
  if ((only && !only.includes(suite.name)) || skipped.has(suite.name)) continue;
  console.error(`[bench] ${suite.name}`);
  let launched: LaunchedChromium | null = null;
  try {
    launched = await launchOnce(suite.build);
    const target = await launched.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'));
    figures.push(...(await suite.run(launched.browser, new URL(target.url()).host)));
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    failures.push({ suite: suite.name, error: message.split('\n').slice(0, 6).join('\n') });
    console.error(`[bench] ${suite.name} failed; going on with the next suite:\n${message}`);
  } finally {
    await launched?.dispose();
  }
  save();
}

/** Chromium once refused to start right after the previous one closed: one more try after a pause, said in the notes. */
async function launchOnce(build: string): Promise<LaunchedChromium> {
  try {
    return await launchChromium({ chromium, extensionPath: build });
  } catch (error) {
    notes.push(`Chromium did not start the first time (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); tried again`);
    await new Promise((done) => setTimeout(done, 3_000));
    return launchChromium({ chromium, extensionPath: build });
  }
}
save();

console.table(figures.map(({ name, unit, median, p95, samples, comparison }) => ({ name, unit, median, p95, samples, comparison: comparison ?? '' })));
console.log(JSON.stringify(report, null, 2));
if (failures.length)
  console.error(`[bench] ${failures.length} suite(s) failed: ${failures.map((f) => f.suite).join(', ')} (their errors are in bench/results/latest.json)`);
