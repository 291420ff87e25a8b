import { describe, expect, it } from 'vitest';
import { postSchema } from '@/lib/model';
import { deliveryKeys } from '@/lib/team/derived-keys';
import { postOfDoc, workspaceOfDb } from '@/lib/team/documents';
import { incomingRows, outgoingPost, postDiffers } from '@/lib/team/map-docs';
import { rulesFromSource } from '@/lib/team/rules';
import { validateDocUpdateSource } from '@/lib/team/validate-doc-update';
import { makeTeamPost } from '../../harness/team-posts';
import { makeDelivery, makePost } from '../factories';

/** Documents from the team server become rows only through the store's schemas (issue 23, layer 3). */
const T = 1_800_000_000_000;
const none = { deliveries: () => undefined, clipWorkspaces: () => [] };
const body = (id: string) => {
  const { id: _id, workspaceId: _ws, ...rest } = makePost({ id, workspaceId: 'x', createdAt: T, updatedAt: T });
  return rest;
};

describe('incoming documents', () => {
  it('maps a post document to its post and deliveries, in the workspace it replicates to whatever it names', () => {
    const doc = { ...makeTeamPost('p1', 'ed', T), body: { ...body('p1'), workspaceId: 'someone-else' } };
    const incoming = incomingRows(doc, 'acme', none);
    expect(incoming.kind).toBe('post');
    if (incoming.kind !== 'post') return;
    expect(incoming.post).toMatchObject({ id: 'p1', workspaceId: 'acme' });
    expect(incoming.deliveries).toEqual([
      expect.objectContaining({ id: 'p1-d1', postId: 'p1', workspaceId: 'acme', state: 'draft', rkey: deliveryKeys('p1-d1', T).rkey }),
    ]);
  });

  it.each([
    ['a body that is not a post', { ...makeTeamPost('p2', 'ed', T), body: { text: 42 } }],
    ['a state it does not know', { ...makeTeamPost('p3', 'ed', T), body: body('p3'), state: 'published' }],
    ['a delivery to a network it does not carry', { ...makeTeamPost('p4', 'ed', T), body: body('p4'), deliveries: { d: { network: 'x' } } }],
    ['a row of a store it does not replicate', { _id: 'row:credentials:a', type: 'row', store: 'credentials', row: { secret: 'x' } }],
    ['a row whose id names another store', { _id: 'row:clips:a', type: 'row', store: 'savedReplies', row: {} }],
    ['an unknown type', { _id: 'x', type: 'script' }],
  ])('rejects %s, with why', (_what, doc) => {
    const incoming = incomingRows(doc, 'acme', none);
    expect(incoming.kind).toBe('rejected');
    if (incoming.kind === 'rejected') expect(incoming.reason.length).toBeGreaterThan(5);
  });

  it('never puts back a delivery that went out here', () => {
    const here = makeDelivery({ id: 'p1-d1', postId: 'p1', workspaceId: 'acme', state: 'published', remote: { id: 'at://a', url: 'https://a', cid: null } });
    const incoming = incomingRows({ ...makeTeamPost('p1', 'ed', T), body: body('p1') }, 'acme', { ...none, deliveries: () => here });
    expect(incoming.kind === 'post' && incoming.deliveries[0]).toEqual(here);
  });

  it('marks a delivery the server says was sent as published', () => {
    const doc = makeTeamPost('p1', 'ed', T, { body: body('p1'), state: 'scheduled' });
    doc.deliveries['p1-d1'] = { ...doc.deliveries['p1-d1']!, sent: { uri: 'at://did/app.bsky.feed.post/k', at: T + 1, by: 'pat' } };
    const incoming = incomingRows(doc, 'acme', none);
    expect(incoming.kind === 'post' && incoming.deliveries[0]).toMatchObject({
      state: 'published',
      remote: { id: 'at://did/app.bsky.feed.post/k' },
      publishedAt: T + 1,
    });
  });
});

describe('outgoing posts', () => {
  it('writes the body and the plans, keeping the server’s leases, sent records and history', () => {
    const post = makePost({ id: 'p1', workspaceId: 'acme', text: 'New words' });
    const base = makeTeamPost('p1', 'ed', T, { body: body('p1'), state: 'draft' });
    const delivery = makeDelivery({ id: 'p1-d1', postId: 'p1', workspaceId: 'acme', accountId: 'acct_bsky', dueAt: T, ...deliveryKeys('p1-d1', T) });
    expect(postDiffers(post, [delivery], base)).toBe(true);
    const doc = outgoingPost(post, [delivery], base, 'ed', T + 5);
    expect(doc.body).toMatchObject({ text: 'New words' });
    expect(doc.body).not.toHaveProperty('workspaceId');
    expect(doc.history.at(-1)).toEqual({ by: 'ed', at: T + 5, action: 'edited' });
    expect(postDiffers(post, [delivery], doc)).toBe(false);
  });
});

describe('what this member may do, read from the design document', () => {
  it('finds the member’s roles and the approval rule', () => {
    const source = validateDocUpdateSource({ requiresApproval: false, roles: { ed: ['editor', 'publisher'], alice: ['approver'] } });
    expect(rulesFromSource(source, 'ed')).toEqual({ roles: ['editor', 'publisher'], requiresApproval: false });
    expect(rulesFromSource(source, 'zed')).toEqual({ roles: [], requiresApproval: false });
    expect(rulesFromSource('function () {}', 'ed')).toEqual({ roles: [], requiresApproval: true });
  });
});

describe('one body mapping for every replica', () => {
  it('the body the replicator writes is a post to postOfDoc (the runner reads with it), without an id or workspace of its own', () => {
    const post = makePost({ id: 'p9', workspaceId: 'acme', text: 'Hello team', createdAt: T, updatedAt: T });
    const doc = outgoingPost(post, [makeDelivery({ id: 'p9-d1', postId: 'p9', workspaceId: 'acme' })], null, 'ed', T);
    expect(doc.body).not.toHaveProperty('id');
    expect(doc.body).not.toHaveProperty('workspaceId');
    // Before, the runner parsed `body` as a whole post row, so every post written here was refused ("id: Required").
    expect(postSchema.safeParse(doc.body).success).toBe(false);
    const read = postOfDoc(doc, workspaceOfDb('cadence-acme'));
    expect(read.success && read.data).toEqual(post);
  });
});
