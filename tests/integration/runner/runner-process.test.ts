import { statSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createCouch, type Couch } from '@/lib/team/couch';
import { teamPostSchema } from '@/lib/team/documents';
import { handAccountToRunner, listRunners } from '@/lib/team/hand-over';
import { setUpWorkspace } from '@/lib/team/server-setup';
import { startCouch, type TestCouch } from '../../harness/couch';
import { makeTeamBody, makeTeamDelivery, makeTeamPost } from '../../harness/team-posts';
import { exitOf, startRunnerProcess, type RunnerProcess } from '../../harness/runner-process';
import { removeTempDir, shortTempDir } from '../../harness/temp';
import { createAccount, pollUntil } from '../support';

/**
 * `cadence-runner` as a process, through its bin (runner/bin/cadence-runner.mjs, which bundles
 * runner/ and lib/ at start): `init` makes the key file 0600 and publishes the public key; the
 * runner is killed (SIGKILL) the moment the PDS has taken the post, before it could record it,
 * and the runner started again does not post it a second time: it meets the post at the
 * delivery's record key and records it. The kill comes from a proxy in front of the real PDS
 * that holds createRecord's answer back.
 */
let couch: TestCouch;
let owner: Couch;
let db = '';
let dir = '';
let alice: AtpAgent;
let proxy: http.Server;
let proxyUrl = '';
let onCreateRecord: (() => void) | null = null;
const seen: string[] = [];

function startRunner(args: string[]): RunnerProcess {
  const couchUrl = couch.url.replace('http://', 'http://runner:runner-password@');
  return startRunnerProcess([...args, '--couch', couchUrl, '--workspace', 'proc', '--dir', join(dir, 'key')]);
}

/** Forwards to the PDS; on createRecord, lets `onCreateRecord` act once the PDS has answered, before the runner hears it. */
async function startProxy(target: string): Promise<void> {
  proxy = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => void forward().catch((error: unknown) => response.writeHead(502).end(String(error))));
    const forward = async () => {
      seen.push(`${request.method} ${request.url}`);
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)),
      ) as Record<string, string>;
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const upstream = await fetch(`${target}${request.url}`, { method: request.method, headers, body });
      const text = Buffer.from(await upstream.arrayBuffer());
      if (request.url?.includes('com.atproto.repo.createRecord') && onCreateRecord) {
        onCreateRecord();
        return void response.destroy();
      }
      response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(text);
    };
  });
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
  const address = proxy.address();
  proxyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

beforeAll(async () => {
  dir = shortTempDir('runner');
  couch = await startCouch();
  const admin = createCouch({ url: couch.url, user: couch.admin.user, password: couch.admin.password, fetch });
  ({ db } = await setUpWorkspace(admin, {
    workspaceId: 'proc',
    requiresApproval: true,
    members: [
      { name: 'olga', password: 'olga-password', roles: ['owner'] },
      { name: 'runner', password: 'runner-password', roles: ['publisher'] },
    ],
  }));
  owner = createCouch({ url: couch.url, user: 'olga', password: 'olga-password', fetch });
  alice = await createAccount('alice');
  await startProxy(inject('pdsUrl'));
});

afterAll(async () => {
  await new Promise((done) => proxy?.close(done));
  await couch?.stop();
  removeTempDir(dir);
});

async function countOnPds(text: string): Promise<number> {
  const { data } = await alice.com.atproto.repo.listRecords({ repo: alice.session!.did, collection: 'app.bsky.feed.post', limit: 100 });
  return data.records.filter((record) => (record.value as { text?: unknown }).text === text).length;
}

describe('cadence-runner, the process', () => {
  it('init makes a key only its owner can read and publishes the public key to the workspace', async () => {
    const init = startRunner(['init']);
    expect(await init.exited, init.output()).toEqual({ code: 0, signal: null });
    expect(statSync(join(dir, 'key', 'runner-key.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'key')).mode & 0o777).toBe(0o700);
    const runners = await listRunners(owner, db);
    expect(runners).toEqual([expect.objectContaining({ runnerId: 'runner', user: 'runner', publicKey: expect.objectContaining({ kty: 'EC', crv: 'P-256' }) })]);
    expect(JSON.stringify(runners)).not.toContain('"d"');
    // Again: the same key, not a new one (a new key would leave every sealed sign-in unreadable).
    const again = startRunner(['init']);
    expect((await again.exited).code).toBe(0);
    expect((await listRunners(owner, db))[0]?.publicKey).toEqual(runners[0]?.publicKey);
  });

  it('killed after the PDS took the post and before recording it, started again: the post is there once', { timeout: 90_000 }, async () => {
    const [runner] = await listRunners(owner, db);
    const appPassword = (await alice.com.atproto.server.createAppPassword({ name: 'cadence-runner' })).data.password;
    const secret = { kind: 'atproto-app-password' as const, service: proxyUrl, identifier: alice.session!.did, appPassword };
    await handAccountToRunner(owner, db, {
      runner: runner!,
      account: { id: 'acct_alice', network: 'bluesky', handle: alice.session!.handle },
      secret,
      by: 'olga',
      at: Date.now(),
    });
    // Due a moment ago by the real clock: the runner process keeps real time.
    const due = Date.now() - 1_000;
    const text = 'Killed mid-publish, posted once';
    await owner.put(
      db,
      makeTeamPost('kill', 'olga', due, {
        state: 'scheduled',
        body: makeTeamBody('kill', text, due),
        deliveries: { 'kill-d1': makeTeamDelivery('kill-d1', due, { accountId: 'acct_alice' }) },
      }) as never,
    );

    const first = startRunner(['--every', '1', '--lease', '3']);
    onCreateRecord = () => first.child.kill('SIGKILL');
    expect((await exitOf(first, 30_000, () => `\nthe PDS saw: ${seen.join('\n')}`)).signal).toBe('SIGKILL');
    onCreateRecord = null;
    expect(await countOnPds(text)).toBe(1);
    expect(teamPostSchema.parse(await owner.get(db, 'post:kill')).deliveries['kill-d1']).toMatchObject({ sent: null, lease: { holder: 'runner' } });

    const second = startRunner(['--every', '1', '--lease', '3']);
    const sent = await pollUntil(async () => teamPostSchema.parse(await owner.get(db, 'post:kill')).deliveries['kill-d1']?.sent, 30_000).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}\n${second.output()}`);
      },
    );
    second.child.kill('SIGTERM');
    expect(await exitOf(second)).toEqual({ code: 0, signal: null });
    expect(second.output()).toContain('kill/kill-d1 (');
    expect(second.output()).toContain('): found');
    expect(await countOnPds(text)).toBe(1);
    expect(sent.uri.endsWith(`/${makeTeamDelivery('kill-d1', due).rkey}`)).toBe(true);
    expect(second.output()).not.toContain(appPassword);
  });

  it('says plainly what is missing', async () => {
    const noKey = startRunnerProcess(['--couch', couch.url, '--user', 'runner', '--workspace', 'proc', '--dir', join(dir, 'none'), '--once'], {
      ...process.env,
      CADENCE_COUCH_PASSWORD: 'runner-password',
    });
    expect((await exitOf(noKey)).code).toBe(1);
    const output = noKey.output();
    expect(output).toContain('No runner key in');
    expect(output).toContain('cadence-runner init');
  });
});
