import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PORTS, portIsFree } from './support/demo-ports';
import { removeTempDir, shortTempDir } from '../harness/temp';

/**
 * Issue 24: the README's first command, `npm install && npm run demo`, works first time on a fresh
 * clone of a machine whose Node is older than 22, with no manual step. On such a machine `npm install`
 * builds better-sqlite3 for the old Node; `npm run demo` must then provide Node 22 itself and rebuild
 * the module for it (scripts/with-node22.sh). Run here from a clean clone with a Node 20 first on
 * PATH and none of the variables `npm test` itself runs under, as a newcomer's shell would be.
 */
const repo = join(import.meta.dirname, '..', '..');

const majorOf = (node: string) => Number(spawnSync(node, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout.trim() || 0);

/** A Node older than 22 with its npm: the system's when it has one (Debian's is 20), else Node 20 from the npm registry, kept beside with-node22.sh's Node 22. */
function olderNodeBin(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter).concat('/usr/bin', '/usr/local/bin')) {
    const node = join(dir, 'node');
    if (existsSync(node) && existsSync(join(dir, 'npm')) && majorOf(node) > 0 && majorOf(node) < 22) return dir;
  }
  const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
  const home = join(homedir(), '.cache', 'cadence', 'node20');
  const bin = join(home, 'node_modules', `node-linux-${arch}`, 'bin');
  if (!existsSync(join(bin, 'node'))) {
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, 'package.json'), '{"name":"cadence-node20","private":true}');
    const installed = spawnSync('npm', ['install', '--prefix', home, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `node-linux-${arch}@20`], {
      encoding: 'utf8',
    });
    if (installed.status !== 0) throw new Error(`could not fetch a Node 20 to play the older system Node: ${installed.stderr}`);
  }
  // Its npm is the one bundled with it.
  const npmBin = join(home, 'node_modules', `node-linux-${arch}`, 'lib', 'node_modules', 'npm', 'bin');
  return existsSync(join(bin, 'npm')) ? bin : `${bin}${delimiter}${npmBin}`;
}

/** What a newcomer's shell holds: no npm_* or VITEST variables, no Node 22 put first on PATH by our scripts. */
function newcomerEnv(pathFirst: string): NodeJS.ProcessEnv {
  const keep = ['HOME', 'USER', 'LOGNAME', 'LANG', 'TMPDIR', 'SHELL', 'TERM'];
  const env: NodeJS.ProcessEnv = {};
  for (const key of keep) if (process.env[key] !== undefined) env[key] = process.env[key];
  const rest = (process.env.PATH ?? '').split(delimiter).filter((dir) => !existsSync(join(dir, 'node')) || majorOf(join(dir, 'node')) < 22);
  return { ...env, PATH: [pathFirst, ...rest].join(delimiter), CADENCE_DEMO_HEADLESS: '1', CADENCE_DEMO_CHATTER_SECONDS: '5' };
}

function collect(child: ChildProcess, output: string[]) {
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
}

describe('the README’s first command on a fresh clone, with an older Node first on PATH', () => {
  let root: string | null = null;
  let demo: ChildProcess | null = null;
  afterAll(() => {
    if (demo && demo.exitCode === null) {
      try {
        process.kill(-demo.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    if (root) removeTempDir(root);
  });

  it('npm install && npm run demo: the demo starts connected, and stops cleanly', { timeout: 900_000 }, async () => {
    for (const port of DEMO_PORTS) expect(await portIsFree(port), `port ${port} must be free before the demo`).toBe(true);
    const older = olderNodeBin();
    const env = newcomerEnv(older);
    expect(majorOf(spawnSync('bash', ['-c', 'command -v node'], { env, encoding: 'utf8' }).stdout.trim())).toBeLessThan(22);

    root = shortTempDir('first');
    const clone = join(root, 'cadence');
    expect(spawnSync('git', ['clone', '-q', repo, clone]).status).toBe(0);

    const install = spawnSync('npm', ['install'], { cwd: clone, env, encoding: 'utf8', timeout: 600_000 });
    expect(install.status, `npm install failed:\n${install.stdout}\n${install.stderr}`).toBe(0);

    const output: string[] = [];
    demo = spawn('npm', ['run', 'demo'], { cwd: clone, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    collect(demo, output);
    const exited = new Promise<number | null>((done) => demo!.once('exit', (code) => done(code)));
    const ready = await new Promise<{ connected: boolean }>((resolve, reject) => {
      const timer = setInterval(() => {
        const line = output
          .join('')
          .split('\n')
          .find((l) => l.startsWith('demo-ready '));
        if (line) {
          clearInterval(timer);
          resolve(JSON.parse(line.slice('demo-ready '.length)) as { connected: boolean });
        }
      }, 250);
      void exited.then((code) => {
        clearInterval(timer);
        reject(new Error(`npm run demo exited with ${code} before it was ready:\n${output.join('')}`));
      });
    });
    expect(ready.connected).toBe(true);
    const said = output.join('');
    expect(said).toContain('is connected to northwind.test');
    // The older Node's build of the native module was found and replaced, with no step by hand.
    expect(said).toContain('better-sqlite3 was built for another Node; rebuilding it');

    // Ctrl-C reaches the demo itself (`node demo/run.ts`, which npm's shell exec'd into); npm then
    // exits with the demo's code.
    const node = spawnSync('pgrep', ['-g', String(demo.pid), '-f', '^node demo/run\\.ts'], { encoding: 'utf8' })
      .stdout.trim()
      .split('\n')
      .filter(Boolean);
    expect(node, 'the demo runs as one node process under npm').toHaveLength(1);
    process.kill(Number(node[0]), 'SIGINT');
    expect(await exited).toBe(0);
    for (const port of DEMO_PORTS) expect(await portIsFree(port), `port ${port} is released`).toBe(true);
  });
});
