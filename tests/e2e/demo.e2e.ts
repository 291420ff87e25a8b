import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PORTS, portIsFree } from './support/demo-ports';


/** Resolves with the first stdout line starting with `prefix`, or rejects when the process ends first. */
function waitForLine(child: ChildProcess, prefix: string, output: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      output.push(...lines);
      const found = lines.find((line) => line.startsWith(prefix));
      if (found) resolve(found);
    });
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => reject(new Error(`demo exited with ${code} before "${prefix}":\n${output.join('\n')}`)));
  });
}

describe('npm run demo', () => {
  let child: ChildProcess | null = null;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('starts the network, connects the extension to the demo brand, and stops cleanly', { timeout: 180_000 }, async () => {
    for (const port of DEMO_PORTS) expect(await portIsFree(port), `port ${port} must be free before the demo`).toBe(true);
    const output: string[] = [];
    child = spawn(process.execPath, ['demo/run.ts'], {
      env: { ...process.env, CADENCE_DEMO_HEADLESS: '1', CADENCE_DEMO_SKIP_BUILD: '1', CADENCE_DEMO_CHATTER_SECONDS: '5' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const ready = JSON.parse((await waitForLine(child, 'demo-ready ', output)).slice('demo-ready '.length)) as { connected: boolean; pds: string; resources: string[] };
    expect(ready.connected).toBe(true);
    expect(output.join('\n')).toContain('is connected to northwind.test');

    // The seeded network answers: the brand's profile is there with its followers.
    // No keep-alive (agent: false): an idle connection from the test must not hold the AppView open.
    const profile = await new Promise<{ followersCount: number }>((resolve, reject) => {
      http
        .get('http://localhost:2584/xrpc/app.bsky.actor.getProfile?actor=northwind.test', { agent: false }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve(JSON.parse(body) as { followersCount: number }));
        })
        .on('error', reject);
    });
    expect(profile.followersCount).toBe(2);

    const exited = new Promise<number | null>((done) => child!.once('exit', (code) => done(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const port of DEMO_PORTS) expect(await portIsFree(port), `port ${port} is released`).toBe(true);
    expect(ready.resources.length).toBe(2); // PostgreSQL's folder and Chromium's profile
    for (const folder of ready.resources) {
      const left = spawnSync('pgrep', ['-f', folder], { encoding: 'utf8' }).stdout.trim();
      expect(left, `no process left running from ${folder}`).toBe('');
      expect(existsSync(folder), `${folder} is removed`).toBe(false);
    }
  });
});
