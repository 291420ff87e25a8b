import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { TOUR_STOPS } from '../../demo/tour';
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

/** The environment of a machine with no display to open a browser on. */
function withoutDisplay(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = { ...env };
  delete rest.DISPLAY;
  delete rest.WAYLAND_DISPLAY;
  delete rest.CADENCE_DEMO_HEADLESS;
  return rest;
}

describe('npm run demo', () => {
  let child: ChildProcess | null = null;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  // As a newcomer on a machine without a display runs it: Chromium runs headless for the tour alone
  // (first-command.e2e.ts runs it headless, connected, from a clean clone).
  it('starts the network, writes a tour of the side panel connected to the demo brand, and stops cleanly', { timeout: 180_000 }, async () => {
    for (const port of DEMO_PORTS) expect(await portIsFree(port), `port ${port} must be free before the demo`).toBe(true);
    const output: string[] = [];
    child = spawn(process.execPath, ['demo/run.ts'], {
      env: { ...withoutDisplay(process.env), CADENCE_DEMO_SKIP_BUILD: '1', CADENCE_DEMO_CHATTER_SECONDS: '5' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const ready = JSON.parse((await waitForLine(child, 'demo-ready ', output)).slice('demo-ready '.length)) as {
      connected: boolean;
      pds: string;
      resources: string[];
      tour: string | null;
    };
    const said = output.join('\n');
    expect(said).toContain('is connected to northwind.test');
    expect(ready.connected, 'no display: the newcomer loads the extension in their own browser').toBe(false);
    expect(said).toContain('Load unpacked');

    // The tour: one PNG per view, the side panel's width, and one page that holds them all.
    expect(ready.tour).toBeTruthy();
    expect(said).toContain(ready.tour!);
    const html = readFileSync(ready.tour!, 'utf8');
    expect(html.match(/<img src="data:image\/png;base64,/g)).toHaveLength(TOUR_STOPS.length);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//); // self-contained: nothing to fetch
    for (const [index, [view]] of TOUR_STOPS.entries()) {
      const png = readFileSync(`${dirname(ready.tour!)}/${String(index + 1).padStart(2, '0')}-${view.toLowerCase()}.png`);
      expect(png.subarray(1, 4).toString(), `${view} is a PNG`).toBe('PNG');
      expect(png.readUInt32BE(16), `${view} is as wide as the side panel`).toBe(420);
      expect(png.length, `${view} shows something`).toBeGreaterThan(10_000);
    }

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
