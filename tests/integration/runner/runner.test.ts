import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createCouch, type Couch } from '@/lib/team/couch';
import { teamPostSchema } from '@/lib/team/documents';
import { handAccountToRunner, takeAccountBack } from '@/lib/team/hand-over';
import { runnerDocSchema, type RunnerDoc } from '@/lib/team/runner-docs';
import { makeKeyPair, open, type PrivateJwk } from '@/lib/team/sealed';
import { setUpWorkspace } from '@/lib/team/server-setup';
import { createRunner } from '@/runner/runner';
import { startCouch, type TestCouch } from '../../harness/couch';
import { makeTeamBody, makeTeamDelivery, makeTeamPost } from '../../harness/team-posts';
import { createAccount } from '../support';

/**
 * The runner (runner/runner.ts) against a real pouchdb-server and the real local PDS, with no
 * browser anywhere: the owner writes scheduled posts into the workspace database, hands a Bluesky
 * account to the runner sealed to its key, and the runner publishes each due delivery once,
 * counted on the PDS. The runner's clock is pinned; the PDS's is its own.
 */
const T = 1_800_000_000_000;
const LEASE_MS = 60_000;
let couch: TestCouch;
let owner: Couch;
let db = '';
let alice: AtpAgent;
let appPassword = '';
const key = { runner: null as unknown as { privateJwk: PrivateJwk; doc: RunnerDoc }, rita: null as unknown as { privateJwk: PrivateJwk; doc: RunnerDoc } };

async function runnerKey(runnerId: string, user: string) {
  const { publicJwk, privateJwk } = await makeKeyPair();
  const doc = runnerDocSchema.parse({ _id: `runner:${runnerId}`, type: 'runner', runnerId, user, publicKey: publicJwk, createdAt: T });
  // Published by the runner itself, as its own user (cadence-runner init does the same).
  await createCouch({ url: couch.url, user, password: `${user}-password`, fetch }).put(db, doc);
  return { privateJwk, doc };
}

beforeAll(async () => {
  couch = await startCouch();
  const admin = createCouch({ url: couch.url, user: couch.admin.user, password: couch.admin.password, fetch });
  ({ db } = await setUpWorkspace(admin, {
    workspaceId: 'runner',
    requiresApproval: true,
    members: [
      { name: 'olga', password: 'olga-password', roles: ['owner'] },
      { name: 'runner', password: 'runner-password', roles: ['publisher'] },
      { name: 'rita', password: 'rita-password', roles: ['publisher'] },
      { name: 'ed', password: 'ed-password', roles: ['editor'] },
    ],
  }));
  owner = createCouch({ url: couch.url, user: 'olga', password: 'olga-password', fetch });
  key.runner = await runnerKey('runner', 'runner');
  key.rita = await runnerKey('rita', 'rita');
  alice = await createAccount('alice');
  appPassword = (await alice.com.atproto.server.createAppPassword({ name: 'cadence-runner' })).data.password;
  await handOver('acct_alice', key.runner.doc);
});

afterAll(async () => {
  await couch?.stop();
});

function handOver(accountId: string, runner: RunnerDoc) {
  const secret = { kind: 'atproto-app-password' as const, service: inject('pdsUrl'), identifier: alice.session!.did, appPassword };
  return handAccountToRunner(owner, db, { runner, account: { id: accountId, network: 'bluesky', handle: alice.session!.handle }, secret, by: 'olga', at: T });
}

let tokens = 0;
function makeRunner(replica: string, now = () => T + 1_000, runnerId: 'runner' | 'rita' = 'runner') {
  const lines: string[] = [];
  const runner = createRunner({
    couch: createCouch({ url: couch.url, user: runnerId, password: `${runnerId}-password`, fetch }),
    db,
    user: runnerId,
    runnerId,
    replica,
    privateJwk: key[runnerId].privateJwk,
    fetch,
    now,
    token: () => `${replica}-${++tokens}`,
    log: (line) => void lines.push(line),
    leaseMs: LEASE_MS,
  });
  return { runner, lines };
}

/** A scheduled (approved, then scheduled) post for one account, due at T. */
async function scheduledPost(id: string, text: string, accountId = 'acct_alice', body: unknown = makeTeamBody(id, text, T)): Promise<void> {
  const delivery = makeTeamDelivery(`${id}-d1`, T, { accountId });
  await owner.put(
    db,
    makeTeamPost(id, 'olga', T, { state: 'scheduled', body: body as Record<string, unknown>, deliveries: { [`${id}-d1`]: delivery } }) as never,
  );
}

async function postsOnPds(): Promise<{ uri: string; text: string }[]> {
  const { data } = await alice.com.atproto.repo.listRecords({ repo: alice.session!.did, collection: 'app.bsky.feed.post', limit: 100 });
  return data.records.map((record) => ({ uri: record.uri, text: String((record.value as { text?: unknown }).text) }));
}

const count = (texts: { text: string }[], text: string) => texts.filter((post) => post.text === text).length;

describe('the runner publishes with no browser', () => {
  it('publishes a scheduled, approved post exactly once and records it on the team server', async () => {
    await scheduledPost('once', 'Goes out with every laptop shut');
    const { runner, lines } = makeRunner('runner-a');
    await runner.sync();
    expect(runner.accounts()).toEqual(['acct_alice']);
    expect(await runner.publishDue()).toEqual([{ postId: 'once', deliveryId: 'once-d1', result: 'sent' }]);
    const onPds = await postsOnPds();
    expect(count(onPds, 'Goes out with every laptop shut')).toBe(1);
    const stored = teamPostSchema.parse(await owner.get(db, 'post:once'));
    expect(stored.deliveries['once-d1']?.sent).toMatchObject({ uri: onPds.find((p) => p.text === 'Goes out with every laptop shut')?.uri, by: 'runner' });
    expect(stored.deliveries['once-d1']?.sent?.uri.endsWith(`/${stored.deliveries['once-d1']?.rkey}`)).toBe(true);
    // The next rounds find it sent and send nothing.
    await runner.sync();
    expect(await runner.publishDue()).toEqual([]);
    expect(count(await postsOnPds(), 'Goes out with every laptop shut')).toBe(1);
    expect(lines.join('\n')).not.toContain(appPassword);
  });

  it('leaves a post that is not due, or not scheduled, alone', async () => {
    await scheduledPost('later', 'Not yet');
    const later = teamPostSchema.parse(await owner.get(db, 'post:later'));
    await owner.put(db, { ...later, deliveries: { 'later-d1': { ...later.deliveries['later-d1']!, dueAt: T + 3_600_000 } } } as never);
    await owner.put(db, makeTeamPost('approved', 'olga', T, { state: 'approved', body: makeTeamBody('approved', 'Approved, not scheduled', T) }) as never);
    const { runner } = makeRunner('runner-a');
    await runner.sync();
    expect(await runner.publishDue()).toEqual([]);
    const onPds = await postsOnPds();
    expect(count(onPds, 'Not yet') + count(onPds, 'Approved, not scheduled')).toBe(0);
  });

  it('two runners racing for the same posts publish each of them once', async () => {
    const texts = Array.from({ length: 5 }, (_, n) => `Raced post ${n}`);
    for (const [n, text] of texts.entries()) await scheduledPost(`race${n}`, text);
    const a = makeRunner('runner-a');
    const b = makeRunner('runner-b');
    await Promise.all([a.runner.sync(), b.runner.sync()]);
    const results = (await Promise.all([a.runner.publishDue(), b.runner.publishDue()])).flat().filter((line) => line.postId.startsWith('race'));
    expect(results.filter((line) => line.result === 'sent')).toHaveLength(5);
    expect(results.every((line) => line.result === 'sent' || line.result === 'not-ours')).toBe(true);
    const onPds = await postsOnPds();
    for (const text of texts) expect(count(onPds, text)).toBe(1);
  });

  it('skips a bad or hostile document, says so, and publishes nothing from it', async () => {
    // A body that is not a post, and a delivery without its keys: both written by a (careless or hostile) owner.
    await scheduledPost('bad-body', 'unused', 'acct_alice', { text: 42, script: '<script>alert(1)</script>' });
    const noKeys = makeTeamPost('no-keys', 'olga', T, { state: 'scheduled', body: makeTeamBody('no-keys', 'No keys', T) });
    const { rkey: _rkey, idempotencyKey: _key, ...keyless } = noKeys.deliveries['no-keys-d1']!;
    await owner.put(db, { ...noKeys, deliveries: { 'no-keys-d1': keyless } } as never);
    await owner.put(db, { _id: 'runner-credential:acct_alice_2', type: 'runner-credential', runnerId: 'runner', account: { id: 'acct_alice_2' }, by: 'olga' });
    const { runner, lines } = makeRunner('runner-a');
    await runner.sync();
    expect(await runner.publishDue()).toEqual([]);
    expect(lines.some((line) => line.startsWith('skipped post:bad-body'))).toBe(true);
    expect(lines.some((line) => line.startsWith('skipped post:no-keys'))).toBe(true);
    expect(lines.some((line) => line.startsWith('skipped runner-credential:acct_alice_2'))).toBe(true);
    expect(runner.accounts()).toEqual(['acct_alice']);
    expect(count(await postsOnPds(), 'No keys')).toBe(0);
  });

  it('cannot read a sign-in sealed to another runner’s key, nor one moved onto another account', async () => {
    const forRita = await handOver('acct_for_rita', key.rita.doc);
    await expect(open(key.runner.privateJwk, forRita.sealed, `cadence-runner-credential\nrita\nacct_for_rita`)).rejects.toThrow();
    // Rita's ciphertext, copied under this runner's name and another account: it does not open.
    const { _rev: _ignored, ...copied } = forRita;
    await owner.put(db, { ...copied, _id: 'runner-credential:acct_copy', runnerId: 'runner', account: { ...forRita.account, id: 'acct_copy' } });
    await scheduledPost('for-rita', 'Only Rita may send this', 'acct_for_rita');
    const { runner, lines } = makeRunner('runner-a');
    await runner.sync();
    expect(runner.accounts()).toEqual(['acct_alice']);
    expect(lines.some((line) => line.startsWith('skipped runner-credential:acct_copy'))).toBe(true);
    expect(await runner.publishDue()).toEqual([]);
    // Rita, whose key it was sealed to, can.
    const rita = makeRunner('rita-a', () => T + 1_000, 'rita');
    await rita.runner.sync();
    expect(rita.runner.accounts()).toContain('acct_for_rita');
    expect(await rita.runner.publishDue()).toContainEqual({ postId: 'for-rita', deliveryId: 'for-rita-d1', result: 'sent' });
    expect(count(await postsOnPds(), 'Only Rita may send this')).toBe(1);
  });

  it('the server holds who writes a runner’s key and a sealed sign-in', async () => {
    const as = (user: string) => createCouch({ url: couch.url, user, password: `${user}-password`, fetch });
    const current = await as('olga').get(db, 'runner:runner');
    // Nobody but the runner's own user replaces its key: not another runner, not even an owner.
    await expect(as('rita').put(db, { ...current!, user: 'rita' })).rejects.toThrow(/names you as its user|belongs to another user/);
    await expect(as('olga').put(db, { ...current!, user: 'olga' })).rejects.toThrow('This runner belongs to another user.');
    await expect(as('ed').put(db, { ...current!, _id: 'runner:ed', runnerId: 'ed', user: 'ed' })).rejects.toThrow('Only a publisher can be a runner.');
    // A sealed sign-in is in its writer's name, and only they (or an owner) replace or delete it.
    const mine = await handOver('acct_guarded', key.runner.doc);
    await expect(as('ed').put(db, { ...mine, by: 'olga' })).rejects.toThrow(/names you as who handed it over/);
    await expect(as('ed').put(db, { ...mine, by: 'ed' })).rejects.toThrow('Another member handed this account over.');
    await expect(as('rita').request('DELETE', `${db}/runner-credential%3Aacct_guarded?rev=${mine._rev}`)).rejects.toThrow(/Only whoever wrote it/);
    expect(await takeAccountBack(as('olga'), db, 'acct_guarded')).toBe(true);
  });

  it('with a sign-in the network refuses, claims nothing and says so, leaving the post to the team’s browsers', async () => {
    const secret = { kind: 'atproto-app-password' as const, service: inject('pdsUrl'), identifier: alice.session!.did, appPassword: 'wrong-wrong-wrong' };
    await handAccountToRunner(owner, db, {
      runner: key.runner.doc,
      account: { id: 'acct_refused', network: 'bluesky', handle: alice.session!.handle },
      secret,
      by: 'olga',
      at: T,
    });
    await scheduledPost('refused', 'Never with a wrong password', 'acct_refused');
    const { runner, lines } = makeRunner('runner-a');
    await runner.sync();
    expect(await runner.publishDue()).toEqual([]);
    expect(await runner.publishDue()).toEqual([]);
    expect(lines.filter((line) => line.startsWith(`cannot sign in as @${alice.session!.handle}`))).toHaveLength(1);
    expect(teamPostSchema.parse(await owner.get(db, 'post:refused')).deliveries['refused-d1']?.lease).toBeNull();
    expect(await takeAccountBack(owner, db, 'acct_refused')).toBe(true);
  });

  it('leaves a post with images to the team’s browsers without claiming it', async () => {
    const media = [{ id: 'm1', src: 'blob:blob_1', alt: 'A chart', mime: 'image/png', width: 10, height: 10, bytes: 100 }];
    const body = { ...makeTeamBody('images', 'With a chart', T), media };
    await scheduledPost('images', 'With a chart', 'acct_alice', body);
    const { runner, lines } = makeRunner('runner-a');
    await runner.sync();
    expect(await runner.publishDue()).toEqual([]);
    await runner.publishDue();
    expect(lines.filter((line) => line.startsWith("left post:images to the team's browsers"))).toHaveLength(1);
    expect(teamPostSchema.parse(await owner.get(db, 'post:images')).deliveries['images-d1']?.lease).toBeNull();
  });

  it('forgets an account that was taken back, and publishes nothing more for it', async () => {
    await handOver('acct_taken', key.runner.doc);
    const { runner, lines } = makeRunner('runner-a');
    await runner.sync();
    expect(runner.accounts()).toContain('acct_taken');
    expect(await takeAccountBack(owner, db, 'acct_taken')).toBe(true);
    await scheduledPost('taken', 'After it was taken back', 'acct_taken');
    await runner.sync();
    expect(runner.accounts()).not.toContain('acct_taken');
    expect(lines).toContain('forgot the sign-in of acct_taken: it was taken back');
    expect(await runner.publishDue()).toEqual([]);
    expect(count(await postsOnPds(), 'After it was taken back')).toBe(0);
  });

  it('a runner that dies after the network took a post: the next one finds the post at its key and records it', async () => {
    await scheduledPost('crash', 'Sent once though the runner died');
    // The first runner's network answer is lost and it "dies": its lease stays, nothing is recorded.
    let died = false;
    const dying = createRunner({
      couch: createCouch({ url: couch.url, user: 'runner', password: 'runner-password', fetch }),
      db,
      user: 'runner',
      runnerId: 'runner',
      replica: 'dying',
      privateJwk: key.runner.privateJwk,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (String(input instanceof Request ? input.url : input).includes('com.atproto.repo.createRecord')) {
          died = true;
          throw new Error('the runner died here');
        }
        return response;
      },
      now: () => T + 1_000,
      token: () => `dying-${++tokens}`,
      log: () => undefined,
      leaseMs: LEASE_MS,
    });
    await dying.sync();
    expect((await dying.publishDue()).find((line) => line.postId === 'crash')?.result).toBe('failed');
    expect(died).toBe(true);
    expect(count(await postsOnPds(), 'Sent once though the runner died')).toBe(1);
    expect(teamPostSchema.parse(await owner.get(db, 'post:crash')).deliveries['crash-d1']).toMatchObject({ sent: null, lease: { replica: 'dying' } });
    // Restarted after the lease ran out: it takes over, reconciles, and records instead of sending.
    const restarted = makeRunner('restarted', () => T + 1_000 + LEASE_MS + 1_000);
    await restarted.runner.sync();
    expect((await restarted.runner.publishDue()).find((line) => line.postId === 'crash')?.result).toBe('found');
    expect(count(await postsOnPds(), 'Sent once though the runner died')).toBe(1);
    expect(teamPostSchema.parse(await owner.get(db, 'post:crash')).deliveries['crash-d1']?.sent?.by).toBe('runner');
  });
});
