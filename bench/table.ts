// `node bench/table.ts`: bench/results/latest.json as the Markdown table bench/README.md's
// "Latest results" carries, with the run's date, machine and any suite that failed, so the README
// is refreshed from one full run and not copied by hand.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Figure } from './stats.ts';

interface Report {
  date: string;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; chromium: string };
  figures: Figure[];
  failures?: { suite: string; error: string }[];
}

const report = JSON.parse(readFileSync(resolve(process.argv[2] ?? 'bench/results/latest.json'), 'utf8')) as Report;
const { machine } = report;
const cell = (value: number) => (Number.isFinite(value) ? String(value) : '');
const lines = [
  `From one full \`npm run bench\` started ${report.date.slice(0, 16).replace('T', ' ')} UTC on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGiB} GiB), Node ${machine.node}, ${machine.chromium}.`,
  report.failures?.length ? `Suites that failed: ${report.failures.map((f) => `${f.suite} (${f.error.split('\n')[0]})`).join('; ')}.` : 'Every suite finished.',
  '',
  '| figure | unit | median | p95 | n | against |',
  '|---|---|---:|---:|---:|---|',
  ...report.figures.map(
    (f) =>
      `| ${f.name} | ${f.unit} | ${cell(f.median)} | ${f.samples > 1 ? cell(f.p95) : ''} | ${f.samples} | ${(f.comparison ?? '').replaceAll('|', '\\|')} |`,
  ),
];
console.log(lines.join('\n'));
