import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCouch } from '@/lib/team/couch';
import { DESIGN_ID } from '@/lib/team/server-setup';
import { startCouch, type TestCouch } from '../../harness/couch';

/**
 * `npx cadence-team setup`, the server admin's command (runner/team-cli.ts over setUpWorkspace),
 * run the way the README says against a real pouchdb-server just started (no admin yet): it ends
 * the admin party with the admin it is given, makes the workspace's database,
 * security, users and design document, runs again to change the team, and refuses a role it does
 * not know before it touches the server.
 */
const ROOT = join(import.meta.dirname, '../../..');
let couch: TestCouch;

beforeAll(async () => {
  couch = await startCouch({ adminParty: true });
});

afterAll(async () => {
  await couch?.stop();
});

function npx(args: string[]): Promise<{ code: number | null; output: string }> {
  // npx as a newcomer types it: the repository's own bin (package.json "bin"), from its root.
  const child = spawn('npx', ['--no-install', 'cadence-team', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, output })));
}

const admin = () => `${couch.admin.user}:${couch.admin.password}`;

describe('npx cadence-team setup', () => {
  it('sets a workspace up: database, members, their roles held by the server', { timeout: 60_000 }, async () => {
    const first = await npx([
      'setup',
      '--couch',
      couch.url,
      '--admin',
      admin(),
      '--workspace',
      'acme',
      '--member',
      'olga:owner:olga-password',
      '--member',
      'ed:editor,approver:ed-password',
      '--member',
      'runner:publisher:runner-password',
    ]);
    expect(first, first.output).toMatchObject({ code: 0 });
    expect(first.output).toContain('cadence-acme is set up');
    // The fresh server had no admin: the set-up made the one it was given, and nobody else is admin now.
    expect(first.output).toContain(`${couch.admin.user} is its server admin now`);
    expect(await (await fetch(`${couch.url}/_session`)).json()).toMatchObject({ userCtx: { name: null, roles: [] } });
    const asAdmin = createCouch({ url: couch.url, user: couch.admin.user, password: couch.admin.password, fetch });
    expect(await asAdmin.request('GET', 'cadence-acme/_security')).toMatchObject({ members: { names: ['olga', 'ed', 'runner'] } });
    expect(String((await asAdmin.get('cadence-acme', DESIGN_ID))?.validate_doc_update)).toContain('"runner":["publisher"]');
    // The members sign in with what they were given, and the server holds their roles.
    const runner = createCouch({ url: couch.url, user: 'runner', password: 'runner-password', fetch });
    await expect(
      runner.put('cadence-acme', {
        _id: 'post:x',
        type: 'post',
        state: 'draft',
        body: {},
        sharedWith: [],
        review: null,
        comments: [],
        history: [],
        deliveries: {},
      }),
    ).rejects.toThrow(/Only an owner or an editor can create a post/);

    // Again, without ed: ed is no longer a member; the others keep their passwords.
    const again = await npx([
      'setup',
      '--couch',
      couch.url,
      '--admin',
      admin(),
      '--workspace',
      'acme',
      '--member',
      'olga:owner',
      '--member',
      'runner:publisher',
    ]);
    expect(again, again.output).toMatchObject({ code: 0 });
    expect(await asAdmin.request('GET', 'cadence-acme/_security')).toMatchObject({ members: { names: ['olga', 'runner'] } });
    expect(await createCouch({ url: couch.url, user: 'olga', password: 'olga-password', fetch }).request('GET', 'cadence-acme')).toMatchObject({
      db_name: 'cadence-acme',
    });
  });

  it('refuses an unknown role, a missing admin and a new member without a password, saying which', { timeout: 60_000 }, async () => {
    const badRole = await npx(['setup', '--couch', couch.url, '--admin', admin(), '--workspace', 'beta', '--member', 'zed:boss:zed-password']);
    expect(badRole.code).toBe(1);
    expect(badRole.output).toMatch(/owner.*editor.*approver.*client.*publisher/);
    const noAdmin = await npx(['setup', '--couch', couch.url, '--workspace', 'beta', '--member', 'zed:owner:zed-password']);
    expect(noAdmin.code).toBe(1);
    expect(noAdmin.output).toContain('--admin USER:PASSWORD is needed');
    const noPassword = await npx(['setup', '--couch', couch.url, '--admin', admin(), '--workspace', 'beta', '--member', 'newbie:editor']);
    expect(noPassword.code).toBe(1);
    expect(noPassword.output).toContain('newbie is new to the team server: give a password for them');
  });
});
