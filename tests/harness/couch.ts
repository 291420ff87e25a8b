import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { removeTempDir, shortTempDir } from './temp';

/**
 * A real CouchDB-compatible server for the team tests: pouchdb-server 4.2.0 (npm), in memory, on
 * 127.0.0.1 on a free port, with its config and log under a short temp folder. Admin party is
 * ended before the server is handed out: a server admin is made, so every other request runs as a
 * member (or nobody) and the server's `_security` and validate_doc_update decide, as on CouchDB 3.
 *
 * In memory (`--in-memory`, memdown through pouchdb-adapter-memory) rather than LevelDB: nothing
 * has to outlive a test file, it starts in about a second, and leveldown's native build never runs
 * (its install script is not allowed in package.json).
 *
 * Known difference we steer around: pouchdb-server 4.2.0 crashes when a non-admin PUTs a database
 * that does not exist (pouchdb-server issue #374; CouchDB answers 401). Only the server admin
 * creates databases here (lib/team/server-setup.ts), and the tests never send that request.
 */
export interface TestCouch {
  url: string;
  admin: { user: string; password: string };
  stop(): Promise<void>;
}

const ADMIN = { user: 'admin', password: 'cadence-admin-password' };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pouchdb-server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`pouchdb-server did not answer at ${url} within 30 s:\n${output()}`);
}

/** `adminParty`: leave the server as pouchdb-server starts, with no admin (what `cadence-team setup` ends). */
export async function startCouch({ adminParty = false } = {}): Promise<TestCouch> {
  const dir = shortTempDir('couch');
  const port = await freePort();
  const bin = createRequire(import.meta.url).resolve('pouchdb-server/bin/pouchdb-server');
  const child = spawn(
    process.execPath,
    [bin, '--in-memory', '--host', '127.0.0.1', '--port', String(port), '--config', join(dir, 'config.json'), '--no-color'],
    {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  const keep = (chunk: Buffer) => void (log = (log + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    removeTempDir(dir);
  };
  try {
    await waitUntilUp(url, child, () => log);
    // Admin party ends here: from now on only this user is a server admin.
    if (adminParty) return { url, admin: ADMIN, stop };
    const made = await fetch(`${url}/_config/admins/${ADMIN.user}`, { method: 'PUT', body: JSON.stringify(ADMIN.password) });
    if (!made.ok) throw new Error(`could not make the server admin: ${made.status} ${await made.text()}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, admin: ADMIN, stop };
}
