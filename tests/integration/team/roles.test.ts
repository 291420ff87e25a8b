import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from '@/lib/errors';
import { createCouch, TeamForbiddenError, type Couch, type CouchDoc } from '@/lib/team/couch';
import type { TeamDelivery, TeamPost } from '@/lib/team/documents';
import { DESIGN_ID, setUpWorkspace } from '@/lib/team/server-setup';
import { startCouch, type TestCouch } from '../../harness/couch';
import { makeTeamPost } from '../../harness/team-posts';

/**
 * The roles of issue 23, as the server decides them: a real pouchdb-server with admin party off,
 * set up by lib/team/server-setup.ts, each member writing as themself over HTTP. Every refusal
 * here is the server's (403 from validate_doc_update, or its security), not the UI's.
 */
const T = 1_800_000_000_000;
const WS = 'acme';
const DB = 'cadence-acme';
let couch: TestCouch;
type Who = 'olga' | 'ed' | 'alice' | 'cleo' | 'pat' | 'zed' | 'admin';
const as = {} as Record<Who, Couch>;

beforeAll(async () => {
  couch = await startCouch();
  const admin = createCouch({ url: couch.url, user: couch.admin.user, password: couch.admin.password, fetch });
  const members = [
    { name: 'olga', roles: ['owner' as const] },
    { name: 'ed', roles: ['editor' as const] },
    { name: 'alice', roles: ['approver' as const] },
    { name: 'cleo', roles: ['client' as const] },
    { name: 'pat', roles: ['publisher' as const] },
  ].map((m) => ({ ...m, password: `${m.name}-password` }));
  await setUpWorkspace(admin, { workspaceId: 'other', requiresApproval: false, members: [{ name: 'zed', password: 'zed-password', roles: ['owner'] }] });
  await setUpWorkspace(admin, { workspaceId: WS, requiresApproval: true, members });
  for (const name of ['olga', 'ed', 'alice', 'cleo', 'pat', 'zed'] as const)
    as[name] = createCouch({ url: couch.url, user: name, password: `${name}-password`, fetch });
  as.admin = admin;
});

afterAll(async () => {
  await couch?.stop();
});

async function read(id: string): Promise<TeamPost> {
  return (await as.olga.get(DB, `post:${id}`)) as TeamPost;
}

async function write(who: Who, doc: TeamPost | CouchDoc): Promise<string> {
  return as[who].put(DB, doc as CouchDoc);
}

/** Writes a post as the editor and walks it to `state` the way the team would. */
async function postIn(id: string, state: TeamPost['state'], overrides: Partial<TeamPost> = {}): Promise<TeamPost> {
  await write('ed', makeTeamPost(id, 'ed', T, overrides));
  if (state === 'draft') return read(id);
  let post = await read(id);
  await write('ed', { ...post, state: 'in_review', history: [...post.history, { by: 'ed', at: T + 1, action: 'proposed' }] });
  if (state === 'in_review') return read(id);
  post = await read(id);
  await write('alice', { ...post, state: 'approved', review: { by: 'alice', at: T + 2, verdict: 'approved', comment: '' } });
  if (state === 'approved') return read(id);
  post = await read(id);
  await write('ed', { ...post, state: 'scheduled' });
  return read(id);
}

/** 401 or 403 (AuthError or TeamForbiddenError): where CouchDB 3 and pouchdb-server differ on which, either is a refusal. */
const REFUSED = { code: 'auth' };
function d1(post: TeamPost): TeamDelivery {
  const delivery = post.deliveries[`${post._id.slice(5)}-d1`];
  if (!delivery) throw new Error(`${post._id} has no first delivery`);
  return delivery;
}

const refused = (promise: Promise<unknown>) => expect(promise).rejects.toBeInstanceOf(TeamForbiddenError);

describe('the server holds the roles of a shared workspace', () => {
  it('keeps out anonymous users and members of other workspaces', async () => {
    const anonymous = await fetch(`${couch.url}/${DB}/_all_docs`);
    expect(anonymous.status).toBe(401);
    // CouchDB 3 answers 403 to a signed-in non-member; pouchdb-server 4.2.0 answers 401 (README, "Working as a team").
    await expect(as.zed.get(DB, 'post:any')).rejects.toSatisfy((e) => e instanceof AuthError || e instanceof TeamForbiddenError);
  });

  it('lets an editor draft and propose, and refuses them the approver’s and the publisher’s part', async () => {
    await refused(write('ed', makeTeamPost('p1', 'ed', T, { state: 'approved' })));
    const draft = await postIn('p1', 'draft');
    await write('ed', { ...draft, body: { text: 'Edited' }, state: 'in_review', history: [...draft.history, { by: 'ed', at: T + 1, action: 'proposed' }] });
    const proposed = await read('p1');
    expect(proposed.state).toBe('in_review');
    await refused(write('ed', { ...proposed, state: 'approved', review: { by: 'ed', at: T + 2, verdict: 'approved', comment: '' } }));
    await refused(write('ed', { ...proposed, body: { text: 'Changed while in review' } }));
  });

  it('lets an approver approve, or request changes only with a comment, and never edit', async () => {
    const post = await postIn('p2', 'in_review');
    await refused(write('alice', { ...post, body: { text: 'Approver’s words' } }));
    await refused(write('alice', { ...post, state: 'draft', review: { by: 'alice', at: T + 3, verdict: 'changes_requested', comment: '  ' } }));
    await refused(write('alice', { ...post, state: 'approved', review: { by: 'olga', at: T + 3, verdict: 'approved', comment: '' } }));
    await write('alice', { ...post, state: 'draft', review: { by: 'alice', at: T + 3, verdict: 'changes_requested', comment: 'Shorter, please.' } });
    expect((await read('p2')).review?.comment).toBe('Shorter, please.');
    await refused(write('alice', { ...(await read('p2')), state: 'scheduled' }));
  });

  it('refuses a client the approval of a post not shared with them (403 from the server), and takes it when shared', async () => {
    const hidden = await postIn('p3', 'in_review');
    await expect(write('cleo', { ...hidden, state: 'approved', review: { by: 'cleo', at: T + 4, verdict: 'approved', comment: '' } })).rejects.toMatchObject({
      reason: 'This post is not shared with you.',
    });
    await refused(write('cleo', { ...hidden, comments: [{ by: 'cleo', at: T + 4, text: 'Can I see this?' }] }));
    const shared = await postIn('p4', 'in_review', { sharedWith: ['cleo'] });
    await write('cleo', { ...shared, state: 'approved', review: { by: 'cleo', at: T + 4, verdict: 'approved', comment: 'Lovely' } });
    expect((await read('p4')).state).toBe('approved');
  });

  it('lets only a publisher claim, in its own name, and only an approved post that is scheduled', async () => {
    const lease = (holder: string) => ({ holder, replica: 'r1', token: 't1', until: T + 60_000, attempt: 1 });
    const claim = (post: TeamPost, holder: string) => ({ ...post, deliveries: { 'p5-d1': { ...d1(post), lease: lease(holder) } } });
    const approved = await postIn('p5', 'approved');
    await refused(write('pat', claim(approved, 'pat')));
    // With approval required, an editor cannot schedule what was never approved.
    const draft = await postIn('p6', 'draft');
    await refused(write('ed', { ...draft, state: 'scheduled' }));
    await write('ed', { ...approved, state: 'scheduled' });
    const scheduled = await read('p5');
    await refused(write('ed', claim(scheduled, 'ed')));
    await refused(write('pat', claim(scheduled, 'olga')));
    await refused(write('pat', { ...claim(scheduled, 'pat'), body: { text: 'Publisher’s words' } }));
    await write('pat', claim(scheduled, 'pat'));
    const claimed = await read('p5');
    expect(d1(claimed).lease?.holder).toBe('pat');
    const sent = { uri: 'at://did:plc:x/app.bsky.feed.post/abc', at: T + 5, by: 'pat' };
    await write('pat', { ...claimed, deliveries: { 'p5-d1': { ...d1(claimed), lease: null, sent } } });
    const done = await read('p5');
    await refused(write('pat', { ...done, deliveries: { 'p5-d1': { ...d1(done), sent: null } } }));
    await refused(write('pat', { ...done, deliveries: { 'p5-d1': { ...d1(done), rkey: '3aaaaaaaaaaaa' } } }));
  });

  it('keeps comments and history append-only, each new entry in its writer’s name', async () => {
    const post = await postIn('p7', 'draft');
    await refused(write('ed', { ...post, history: [] }));
    await refused(write('ed', { ...post, history: [{ ...post.history[0], by: 'olga' }] }));
    await refused(write('ed', { ...post, comments: [{ by: 'alice', at: T, text: 'Forged' }] }));
    await write('alice', { ...post, comments: [{ by: 'alice', at: T + 6, text: 'Looks good' }] });
    expect((await read('p7')).comments).toHaveLength(1);
    await refused(write('olga', { ...(await read('p7')), comments: [] }));
  });

  it('runs validate_doc_update on replicated writes too', async () => {
    const post = await postIn('p8', 'in_review');
    const forged = { ...post, _rev: `9-${'a'.repeat(32)}`, state: 'approved', review: { by: 'ed', at: T, verdict: 'approved', comment: '' } };
    // What a replicator sends: _bulk_docs with new_edits false, the revision made elsewhere.
    const answer = (await as.ed.request('POST', `${DB}/_bulk_docs`, { docs: [forged], new_edits: false })) as { error?: string }[];
    expect(answer[0]).toMatchObject({ error: 'forbidden' });
    expect((await read('p8')).state).toBe('in_review');
  });

  it('keeps the design document and the security object out of every member’s hands, owners included', async () => {
    const design = await as.olga.get(DB, DESIGN_ID);
    await expect(as.olga.put(DB, { ...design!, validate_doc_update: 'function () {}' })).rejects.toMatchObject(REFUSED);
    await expect(as.olga.request('PUT', `${DB}/_security`, {})).rejects.toMatchObject(REFUSED);
  });

  it('takes roles from the design document only: a member who writes roles into their own user document gains nothing', async () => {
    const me = await as.ed.get('_users', 'org.couchdb.user:ed');
    expect(me).not.toBeNull();
    // CouchDB 3 refuses this write (only _admin may edit roles); pouchdb-server 4.2.0 takes it.
    await as.ed.put('_users', { ...me!, roles: ['owner', '_admin', 'cadence:acme:owner'] }).catch(() => null);
    const post = await postIn('p9', 'in_review');
    await refused(write('ed', { ...post, state: 'approved', review: { by: 'ed', at: T, verdict: 'approved', comment: '' } }));
    await refused(write('ed', { ...post, _deleted: true }));
  });

  it('sets up again: a new member reads and writes by their role, a member left out is out', async () => {
    const team = (extra: { name: string; roles: ('client' | 'editor')[] }[]) => ({
      workspaceId: WS,
      requiresApproval: true,
      members: [{ name: 'olga', roles: ['owner' as const] }, { name: 'ed', roles: ['editor' as const] }, ...extra],
    });
    await setUpWorkspace(as.admin, team([{ name: 'zed', roles: ['client'] }]));
    const post = await read('p1');
    await refused(write('zed', { ...post, comments: [{ by: 'zed', at: T, text: 'Not shared with me' }] }));
    await setUpWorkspace(as.admin, team([{ name: 'zed', roles: ['editor'] }]));
    await write('zed', makeTeamPost('p10', 'zed', T));
    expect(await as.zed.get(DB, 'post:p10')).toMatchObject({ state: 'draft' });
    await setUpWorkspace(as.admin, team([]));
    await expect(as.zed.get(DB, 'post:p10')).rejects.toMatchObject(REFUSED);
    await expect(as.alice.get(DB, 'post:p10')).rejects.toMatchObject(REFUSED);
  });
});
