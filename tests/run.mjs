#!/usr/bin/env node
// `npm test`: typecheck, lint, then the four harnesses in turn (unit, integration, e2e, e2e-firefox), each with its
// own counts, then one closing line "N passed, N failed". A missing prerequisite fails the run
// with what to install; nothing is skipped silently.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const HARNESSES = ['unit', 'integration', 'e2e', 'e2e-firefox'];
const only = process.argv.slice(2).filter((arg) => HARNESSES.includes(arg));
const selected = only.length ? only : HARNESSES;

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `Cadence's tests need Node 22 or newer; this is Node ${process.versions.node}. Run "bash .ci/run" (it provides Node 22) or put Node 22 first on PATH.`,
  );
  process.exit(1);
}

const run = (command, args, options = {}) => spawnSync(command, args, { stdio: 'inherit', env: process.env, ...options });
// Far above what each harness takes (about 1, 2, 5 and 2 minutes here): a harness that has not exited by
// then is stopped, so one that hangs after its tests (an open handle at shut-down) cannot hold CI
// until its own time limit. Its report says whether its tests had finished.
const LIMIT_MINUTES = { unit: 15, integration: 20, e2e: 30, 'e2e-firefox': 15 };

console.log('\n== typecheck');
if (run('npx', ['tsc', '--noEmit', '-p', '.']).status !== 0) {
  console.error('Typecheck failed: fix the errors above.');
  process.exit(1);
}

// The lint and the import boundaries (eslint.config.js, .dependency-cruiser.cjs; docs/architecture.md
// says what each rule is for) fail the run before any harness starts.
console.log('\n== lint');
if (run('bash', ['scripts/lint.sh']).status !== 0) {
  console.error('Lint failed: fix the errors above (docs/architecture.md, "The parts and their never-rules", says why each boundary holds).');
  process.exit(1);
}

mkdirSync(resolve('.tmp'), { recursive: true });
const results = [];
for (const harness of selected) {
  console.log(`\n== ${harness} tests`);
  const report = resolve(`.tmp/vitest-${harness}.json`);
  rmSync(report, { force: true });
  const started = performance.now();
  const outcome = run(
    'npx',
    ['vitest', 'run', '--config', 'tests/vitest.config.ts', '--project', harness, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { timeout: LIMIT_MINUTES[harness] * 60_000, killSignal: 'SIGKILL' },
  );
  const hung = outcome.error?.code === 'ETIMEDOUT';
  if (hung) console.error(`\nThe ${harness} harness had not exited after ${LIMIT_MINUTES[harness]} minutes and was stopped.`);
  const status = outcome.status;
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  if (!existsSync(report)) {
    results.push({ harness, passed: 0, failed: 0, skipped: 0, seconds, crashed: true, hung, status, failures: [] });
    continue;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const failures = json.testResults.flatMap((file) =>
    file.assertionResults
      .filter((test) => test.status === 'failed')
      .map((test) => ({ file: file.name.replace(`${process.cwd()}/`, ''), name: test.fullName, message: (test.failureMessages[0] ?? '').split('\n')[0] })),
  );
  results.push({
    failures,
    harness,
    passed: json.numPassedTests,
    failed: json.numFailedTests,
    skipped: json.numPendingTests + json.numTodoTests,
    seconds,
    // Stopped after every test had run and passed: the tests are fine, its shut-down is not (said below).
    crashed: hung
      ? json.numTotalTests !== json.numPassedTests + json.numFailedTests + json.numPendingTests + json.numTodoTests
      : status !== 0 && json.numFailedTests === 0,
    hung,
    status,
  });
}

// The failures again, last, so that the tail of a long log (all a CI page may show) names them.
const failures = results.flatMap((r) => r.failures.map((f) => ({ harness: r.harness, ...f })));
if (failures.length) {
  console.log('\n== failed');
  for (const f of failures) console.log(`${f.harness}: ${f.file} > ${f.name}\n    ${f.message.slice(0, 300)}`);
}

console.log('\n== summary');
for (const r of results) {
  const note = r.crashed
    ? ' (the harness itself failed: see its output above)'
    : r.hung
      ? ` (its tests finished, but it did not exit within ${LIMIT_MINUTES[r.harness]} minutes and was stopped: something it started stays open)`
      : r.passed === 0
        ? ' (no test ran)'
        : '';
  console.log(`${r.harness.padEnd(12)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped in ${r.seconds}s${note}`);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
const broken = results.some((r) => r.crashed || r.passed === 0 || r.skipped > 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || broken ? 1 : 0);
