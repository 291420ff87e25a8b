// `npm run bench`: what users feel, measured in real Chromium with the built extension.
// Prints one JSON document (also written to bench/results/latest.json) and a readable table.
// Benchmarks never fail the test suite; they make regressions visible and claims backed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { launchChromium } from '../tests/harness/chromium.ts';
import { clipRow, mulberry32 } from './generate.ts';
import { benchCapture } from './capture.ts';
import { benchCaptureSpeed } from './capture-speed.ts';
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
execFileSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'], env });
// The e2e build (wxt.config.ts): loopback hosts stand in for the activeTab grant a real click gives.
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
const report = { command: 'npm run bench', date: new Date().toISOString(), machine, figures, notes };
/** Written after every suite, not only at the end: a run that fails late keeps what it measured. */
const save = () => {
  mkdirSync(resolve('bench/results'), { recursive: true });
  writeFileSync(resolve('bench/results/latest.json'), `${JSON.stringify(report, null, 2)}\n`);
};

const { browser, dispose } = await launchChromium({ chromium, extensionPath });
try {
  const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'));
  const extensionId = new URL(target.url()).host;
  const context: BenchContext = { browser, extensionId, extensionPath, seed: 20261123, clipRow, mulberry32, notes };
  // BENCH_ONLY=plan,worker runs a subset while working on one figure; the README's table comes from a full run.
  const only = process.env.BENCH_ONLY?.split(',');
  const suites = { worker: benchWorker, capture: benchCapture, sidePanel: benchSidePanel, plan: benchPlan, background: benchBackground, migration: benchMigration } as const;
  for (const [name, run] of Object.entries(suites)) {
    if (only && !only.includes(name)) continue;
    figures.push(...(await run(context)));
    save();
  }
} finally {
  await dispose();
}
if (process.env.BENCH_SKIP_CAPTURE_SPEED !== '1') {
  // Launched right after the first browser closed, Chromium once refused to start ("already running"
  // for a fresh profile) and the run lost its capture figures: one more try after a pause.
  const launchE2e = () => launchChromium({ chromium, extensionPath: e2eExtensionPath });
  const e2e = await launchE2e().catch(async (error: unknown) => {
    notes.push(`capture speed: Chromium did not start the first time (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); tried again`);
    await new Promise((done) => setTimeout(done, 3_000));
    return launchE2e();
  });
  try {
    figures.push(...(await benchCaptureSpeed({ browser: e2e.browser, extensionPath: e2eExtensionPath, notes })));
  } finally {
    await e2e.dispose();
  }
}
save();

console.table(figures.map(({ name, unit, median, p95, samples, comparison }) => ({ name, unit, median, p95, samples, comparison: comparison ?? '' })));
console.log(JSON.stringify(report, null, 2));
