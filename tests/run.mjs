#!/usr/bin/env node
// `npm test`: typecheck, then the three harnesses in turn (unit, integration, e2e), each with its
// own counts, then one closing line "N passed, N failed". A missing prerequisite fails the run
// with what to install; nothing is skipped silently.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const HARNESSES = ['unit', 'integration', 'e2e'];
const only = process.argv.slice(2).filter((arg) => HARNESSES.includes(arg));
const selected = only.length ? only : HARNESSES;

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`Cadence's tests need Node 22 or newer; this is Node ${process.versions.node}. Run "bash .ci/run" (it provides Node 22) or put Node 22 first on PATH.`);
  process.exit(1);
}

const run = (command, args, env = {}) => spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });

console.log('\n== typecheck');
if (run('npx', ['tsc', '--noEmit', '-p', '.']).status !== 0) {
  console.error('Typecheck failed: fix the errors above.');
  process.exit(1);
}

mkdirSync(resolve('.tmp'), { recursive: true });
const results = [];
for (const harness of selected) {
  console.log(`\n== ${harness} tests`);
  const report = resolve(`.tmp/vitest-${harness}.json`);
  rmSync(report, { force: true });
  const started = performance.now();
  const status = run('npx', [
    'vitest', 'run', '--config', 'tests/vitest.config.ts', '--project', harness,
    '--reporter=default', '--reporter=json', `--outputFile.json=${report}`,
  ]).status;
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  if (!existsSync(report)) {
    results.push({ harness, passed: 0, failed: 0, skipped: 0, seconds, crashed: true, status, failures: [] });
    continue;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const failures = json.testResults.flatMap((file) => file.assertionResults
    .filter((test) => test.status === 'failed')
    .map((test) => ({ file: file.name.replace(`${process.cwd()}/`, ''), name: test.fullName, message: (test.failureMessages[0] ?? '').split('\n')[0] })));
  results.push({
    failures,
    harness,
    passed: json.numPassedTests,
    failed: json.numFailedTests,
    skipped: json.numPendingTests + json.numTodoTests,
    seconds,
    crashed: status !== 0 && json.numFailedTests === 0,
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
  const note = r.crashed ? ' (the harness itself failed: see its output above)' : r.passed === 0 ? ' (no test ran)' : '';
  console.log(`${r.harness.padEnd(12)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped in ${r.seconds}s${note}`);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
const broken = results.some((r) => r.crashed || r.passed === 0 || r.skipped > 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || broken ? 1 : 0);
