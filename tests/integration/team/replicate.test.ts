import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamIds, type TeamLink } from '@/lib/model';
import { openStore, type Store } from '@/lib/store';
import { createCouch, type Couch, type CouchDoc } from '@/lib/team/couch';
import { deliveryKeys } from '@/lib/team/derived-keys';
import type { TeamPost } from '@/lib/team/documents';
import { teamDocs } from '@/lib/team/lease';
import { replicate } from '@/lib/team/replicate';
import { actOnPost } from '@/lib/team/review';
import { TeamForbiddenError } from '@/lib/team/couch';
import { setUpWorkspace } from '@/lib/team/server-setup';
import { startCouch, type TestCouch } from '../../harness/couch';
import { makeAccount, makeDelivery, makePost, makeWorkspace } from '../../unit/factories';

/**
 * Replication of a shared workspace (issue 23, layer 3) between two browsers' IndexedDB (two
 * fake-indexeddb databases) and a real pouchdb-server whose validate_doc_update holds the roles:
 * what one member writes reaches the other through the store's schemas, a hostile document is
 * listed and never applied, a 409 pulls and writes again, and a refused write puts the row back.
 */
const T = 1_800_000_000_000;
const WS = 'acme';
const DB = 'cadence-acme';
let couch: TestCouch;
let owner: Couch;
const stores: Record<'ed' | 'alice', Store> = {} as never;
const links: Record<'ed' | 'alice', TeamLink> = {} as never;

function linkFor(user: string): TeamLink {
  return {
    v: 1,
    kind: 'link',
    id: teamIds.link(WS),
    workspaceId: WS,
    url: couch.url,
    user,
    db: DB,
    replica: `replica-${user}`,
    since: '0',
    roles: [],
    requiresApproval: true,
    lastSyncedAt: null,
    lastError: null,
    createdAt: T,
  };
}

async function sync(who: 'ed' | 'alice') {
  const report = await replicate({
    store: stores[who],
    couch: createCouch({ url: couch.url, user: who, password: `${who}-password`, fetch }),
    link: links[who],
    now: () => T + 1_000,
  });
  links[who] = report.link;
  return report;
}

beforeAll(async () => {
  couch = await startCouch();
  const admin = createCouch({ url: couch.url, user: couch.admin.user, password: couch.admin.password, fetch });
  await setUpWorkspace(admin, {
    workspaceId: WS,
    requiresApproval: true,
    members: [
      { name: 'olga', password: 'olga-password', roles: ['owner'] },
      { name: 'ed', password: 'ed-password', roles: ['editor'] },
      { name: 'alice', password: 'alice-password', roles: ['approver'] },
      { name: 'cleo', password: 'cleo-password', roles: ['client'] },
    ],
  });
  owner = createCouch({ url: couch.url, user: 'olga', password: 'olga-password', fetch });
  for (const who of ['ed', 'alice'] as const) {
    stores[who] = await openStore({ name: `replicate-${who}`, backup: false, locks: null });
    await stores[who].workspaces.put(makeWorkspace({ id: WS }));
    links[who] = linkFor(who);
  }
  const account = makeAccount({ id: 'acct_bsky', workspaceId: WS });
  await stores.ed.accounts.put(account);
  await stores.ed.credentials.put({
    v: 1,
    accountId: account.id,
    secret: { kind: 'atproto-session', service: 'http://127.0.0.1:1', did: 'did:plc:ed', handle: account.handle, accessJwt: 'a', refreshJwt: 'r' },
    updatedAt: T,
  });
});

afterAll(async () => {
  for (const store of Object.values(stores)) store?.close();
  await couch?.stop();
});

/** The row's value, or undefined when there is none or it is damaged. */
const value = (row: { ok: boolean; value?: unknown } | undefined) => (row?.ok ? row.value : undefined);
const serverPost = async (id: string) => (await owner.get(DB, `post:${id}`)) as TeamPost & CouchDoc;

describe('a shared workspace replicates between two browsers through the team server', () => {
  it('takes an editor’s draft to the approver’s browser, with the account held by the editor and no credential', async () => {
    await stores.ed.posts.put(makePost({ id: 'p1', workspaceId: WS, text: 'Launch day', createdAt: T, updatedAt: T }));
    await stores.ed.deliveries.put(
      makeDelivery({ id: 'p1-d1', postId: 'p1', workspaceId: WS, accountId: 'acct_bsky', state: 'draft', dueAt: T + 3_600_000, ...deliveryKeys('p1-d1', T) }),
    );
    const pushed = await sync('ed');
    expect(pushed.refused).toEqual([]);
    expect(pushed.link.roles).toEqual(['editor']);
    const doc = await serverPost('p1');
    expect(doc).toMatchObject({ state: 'draft', body: { text: 'Launch day' }, history: [{ by: 'ed', action: 'created' }] });
    expect(doc.deliveries['p1-d1']).toMatchObject({ accountId: 'acct_bsky', dueAt: T + 3_600_000, lease: null, sent: null });
    expect(JSON.stringify(await owner.request('GET', `${DB}/_all_docs?include_docs=true`))).not.toContain('refreshJwt');

    const pulled = await sync('alice');
    expect(pulled.rejected).toBe(0);
    expect(value(await stores.alice.posts.get('p1'))).toMatchObject({ text: 'Launch day', workspaceId: WS });
    expect(value(await stores.alice.deliveries.get('p1-d1'))).toMatchObject({ state: 'draft', dueAt: T + 3_600_000, rkey: deliveryKeys('p1-d1', T).rkey });
    expect(value(await stores.alice.accounts.get('acct_bsky'))).toMatchObject({
      status: 'disconnected',
      statusReason: expect.stringContaining('ed’s browser'),
    });
    expect(await stores.alice.credentials.get('acct_bsky')).toBeUndefined();
  });

  it('lists a hostile document as rejected and never applies it, nor one aimed at another workspace', async () => {
    await owner.put(DB, {
      _id: 'post:evil',
      type: 'post',
      state: 'draft',
      body: { text: 42 },
      sharedWith: [],
      review: null,
      comments: [],
      history: [],
      deliveries: {},
    });
    await owner.put(DB, {
      _id: 'row:savedReplies:sr1',
      type: 'row',
      store: 'savedReplies',
      row: { v: 1, workspaceId: 'someone-else', name: 'Thanks', text: 'Thank you!', createdAt: T, updatedAt: T },
    });
    const report = await sync('alice');
    expect(report.rejected).toBe(1);
    expect(await stores.alice.posts.get('evil')).toBeUndefined();
    const rejected = await stores.alice.team.get(teamIds.rejected(WS, 'post:evil'));
    expect(value(rejected)).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('text') });
    // The saved reply lands in this workspace, whatever the document said.
    expect(value(await stores.alice.savedReplies.get('sr1'))).toMatchObject({ workspaceId: WS, text: 'Thank you!' });
  });

  it('on a 409 pulls the newer version and writes the local edit over it, keeping what others added', async () => {
    await sync('ed');
    const before = await serverPost('p1');
    await owner.put(DB, { ...before, comments: [{ by: 'olga', at: T + 5, text: 'Nice' }] });
    await stores.ed.posts.update('p1', (post) => post && { ...post, text: 'Launch day!', updatedAt: T + 10 });
    const report = await sync('ed');
    expect(report.refused).toEqual([]);
    const after = await serverPost('p1');
    expect(after.body).toMatchObject({ text: 'Launch day!' });
    expect(after.comments).toEqual([{ by: 'olga', at: T + 5, text: 'Nice' }]);
    expect(value(await stores.ed.posts.get('p1'))).toMatchObject({ text: 'Launch day!' });
  });

  it('lets the editor move a draft’s time, never its keys', async () => {
    await stores.ed.deliveries.update('p1-d1', (d) => d && { ...d, dueAt: T + 7_200_000 });
    expect((await sync('ed')).refused).toEqual([]);
    expect((await serverPost('p1')).deliveries['p1-d1']).toMatchObject({ dueAt: T + 7_200_000, rkey: deliveryKeys('p1-d1', T).rkey });
    await stores.ed.deliveries.update('p1-d1', (d) => d && { ...d, dueAt: T + 3_600_000 });
    await sync('ed');
    const doc = await serverPost('p1');
    await expect(
      createCouch({ url: couch.url, user: 'ed', password: 'ed-password', fetch }).put(DB, {
        ...doc,
        deliveries: { 'p1-d1': { ...doc.deliveries['p1-d1']!, rkey: 'somethingelse' } },
      } as CouchDoc),
    ).rejects.toBeInstanceOf(TeamForbiddenError);
  });

  it('puts a refused edit back to the server’s version and says why', async () => {
    await sync('alice');
    await stores.alice.posts.update('p1', (post) => post && { ...post, text: 'Approver rewrote it', updatedAt: T + 20 });
    const report = await sync('alice');
    expect(report.refused).toEqual([{ docId: 'post:p1', reason: 'Only an editor changes a post, and only while it is a draft.' }]);
    expect(report.link.lastError).toMatchObject({ code: 'refused', message: expect.stringContaining('Only an editor') });
    expect(value(await stores.alice.posts.get('p1'))).toMatchObject({ text: 'Launch day!' });
    expect((await serverPost('p1')).body).toMatchObject({ text: 'Launch day!' });
  });

  it('never puts back a delivery this browser already sent', async () => {
    await stores.alice.deliveries.update(
      'p1-d1',
      (d) => d && { ...d, state: 'published', remote: { id: 'at://x', url: 'https://x', cid: null }, publishedAt: T },
    );
    await owner.put(DB, { ...(await serverPost('p1')), comments: [...(await serverPost('p1')).comments, { by: 'olga', at: T + 30, text: 'ok' }] });
    await sync('alice');
    expect(value(await stores.alice.deliveries.get('p1-d1'))).toMatchObject({ state: 'published', remote: { id: 'at://x' } });
  });

  it('walks a post through review: the editor proposes, the approver approves, a client it is not shared with is refused by the server', async () => {
    const as = (user: string) => ({
      docs: teamDocs(createCouch({ url: couch.url, user, password: `${user}-password`, fetch }), DB),
      user,
      now: () => T + 40,
      requiresApproval: true,
    });
    await actOnPost(as('ed'), 'p1', 'propose', '');
    await expect(actOnPost(as('cleo'), 'p1', 'approve', '')).rejects.toBeInstanceOf(TeamForbiddenError);
    await expect(actOnPost(as('ed'), 'p1', 'schedule', '')).rejects.toThrow('requires approval');
    await actOnPost(as('alice'), 'p1', 'approve', 'Good to go');
    await actOnPost(as('ed'), 'p1', 'schedule', '');
    const doc = await serverPost('p1');
    expect(doc.state).toBe('scheduled');
    expect(doc.review).toMatchObject({ by: 'alice', verdict: 'approved', comment: 'Good to go' });
    expect(doc.history.map((entry) => `${entry.by} ${entry.action}`)).toEqual(
      expect.arrayContaining(['ed proposed for review', 'alice approved', 'ed scheduled']),
    );
    await sync('ed');
    expect(value(await stores.ed.deliveries.get('p1-d1'))).toMatchObject({ state: 'scheduled', dueAt: T + 3_600_000 });
  });

  it('lets a client review a post once it is shared with them', async () => {
    const as = (user: string) => ({
      docs: teamDocs(createCouch({ url: couch.url, user, password: `${user}-password`, fetch }), DB),
      user,
      now: () => T + 50,
      requiresApproval: true,
    });
    await stores.ed.posts.put(makePost({ id: 'p5', workspaceId: WS, text: 'For the client', createdAt: T, updatedAt: T }));
    await sync('ed');
    await actOnPost(as('ed'), 'p5', 'share-with', 'cleo');
    await actOnPost(as('ed'), 'p5', 'propose', '');
    await actOnPost(as('cleo'), 'p5', 'request-changes', 'Less jargon, please');
    const doc = await serverPost('p5');
    expect(doc).toMatchObject({ state: 'draft', sharedWith: ['cleo'], review: { by: 'cleo', verdict: 'changes_requested', comment: 'Less jargon, please' } });
  });
});
