import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * A throwaway PostgreSQL cluster on 127.0.0.1 for the local AT Protocol AppView, from Debian's
 * packages. PostgreSQL refuses to run as root, so as root the binaries run as the `postgres` user.
 * fsync is off: the data lives for one test run.
 */
export interface ThrowawayPostgres {
  url: string;
  stop(): void;
}

export function findPostgresBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const bin = join(base, version, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  throw new Error(
    'PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin. Install them with: apt-get install -y postgresql postgresql-contrib (or set DB_POSTGRES_URL to a server you run).',
  );
}

export function freePort(): Promise<number> {
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

/**
 * As root the cluster runs as the `postgres` user, who must be able to enter every folder above it.
 * A temp folder of ours (cadence-*, made by mkdtemp with mode 700) gets search permission for
 * others, never read: the demo run by the e2e suite puts its cluster inside the network's TMPDIR,
 * and initdb failed there with "could not access directory … Permission denied". Any other private
 * folder is the user's own: it is left alone, with an error that says what to do.
 */
function letPostgresReach(root: string): void {
  for (let dir = dirname(resolve(root)); dir !== dirname(dir); dir = dirname(dir)) {
    const { mode } = statSync(dir);
    if (mode & 0o001) continue;
    if (basename(dir).startsWith('cadence-')) chmodSync(dir, (mode & 0o7777) | 0o001);
    else
      throw new Error(
        `PostgreSQL runs as the postgres user, who cannot enter ${dir}. Point TMPDIR at a folder others can enter (such as /tmp), or set DB_POSTGRES_URL to a server you run.`,
      );
  }
}

export async function startPostgres(root: string, port?: number): Promise<ThrowawayPostgres> {
  const bin = findPostgresBin();
  const isRoot = process.getuid?.() === 0;
  const data = join(root, 'data');
  const run = join(root, 'run');
  mkdirSync(data, { recursive: true });
  mkdirSync(run, { recursive: true });
  const listenPort = port ?? (await freePort());
  const asPostgres = (command: string, args: string[]) => {
    const result = isRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
      : spawnSync(command, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
  };
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    for (const dir of [root, data, run]) chownSync(dir, uid, gid);
    letPostgresReach(root);
  }
  asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const options = `-c listen_addresses=127.0.0.1 -p ${listenPort} -k ${run} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-l', join(run, 'postgres.log'), '-w', '-o', options, 'start']);
  const psql = (sql: string) => asPostgres(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(listenPort), '-U', 'postgres', '-qc', sql]);
  psql("create role atp login password 'atp' superuser");
  psql('create database atp owner atp');
  let stopped = false;
  return {
    url: `postgresql://atp:atp@127.0.0.1:${listenPort}/atp`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
