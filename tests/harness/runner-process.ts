import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * `cadence-runner` as its own process, through its bin (runner/bin/cadence-runner.mjs), as a team
 * runs it: for the tests that kill it, restart it, or run it with every browser closed.
 */
const BIN = join(import.meta.dirname, '../../runner/bin/cadence-runner.mjs');

export interface RunnerProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startRunnerProcess(args: string[], env: NodeJS.ProcessEnv = process.env): RunnerProcess {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => void (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => void (log += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  return { child, output: () => log, exited };
}

/** How the process ended; fails with its output when it has not within `ms`. */
export async function exitOf(started: RunnerProcess, ms = 30_000, more: () => string = () => '') {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>(
    (_, fail) => (timer = setTimeout(() => fail(new Error(`the runner did not exit within ${ms} ms:\n${started.output()}${more()}`)), ms)),
  );
  try {
    return await Promise.race([started.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}
