import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { teamIds } from '@/lib/model';
import { openStore, type Store } from '@/lib/store';
import { createCouch } from '@/lib/team/couch';
import { setUpWorkspace } from '@/lib/team/server-setup';
import { createTeamService } from '@/lib/team/service';
import { startCouch, type TestCouch } from '../../harness/couch';
import { createFakePorts } from '../../unit/fake-ports';
import { makePost, makeWorkspace } from '../../unit/factories';

/**
 * The team service as the side panel reaches it (issue 23, layer 3), against a real
 * pouchdb-server: a wrong password keeps nothing and says what to do, the password is in no
 * answer, and a review action the member's role does not allow is refused by the server in words.
 */
const T = 1_800_000_000_000;
const WS = 'ws_team';
const FROM = { from: 'extension' as const, tabId: null };
let couch: TestCouch;
let store: Store;
let service: ReturnType<typeof createTeamService>;

beforeAll(async () => {
  couch = await startCouch();
  const admin = createCouch({ url: couch.url, user: couch.admin.user, password: couch.admin.password, fetch });
  await setUpWorkspace(admin, {
    workspaceId: WS,
    requiresApproval: true,
    members: [
      { name: 'ed', password: 'ed-password', roles: ['editor'] },
      { name: 'alice', password: 'alice-password', roles: ['approver'] },
    ],
  });
  store = await openStore({ name: 'team-service', backup: false, locks: null });
  await store.workspaces.put(makeWorkspace({ id: WS }));
  service = createTeamService(
    { store: Promise.resolve(store), now: () => T, ports: createFakePorts().ports },
    { rearmPublish: async () => undefined, timeZone: () => 'UTC' },
  );
});

afterAll(async () => {
  store?.close();
  await couch?.stop();
});

const link = (password: string, user = 'ed') => service.handlers['team.link']({ mode: 'share', workspaceId: WS, url: couch.url, user, password }, FROM);

describe('Settings → Team, through the background', () => {
  it('refuses a wrong password in words that say what to do, and keeps nothing', async () => {
    const failure = await link('not-the-password').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('team');
    expect((failure as AppError).message).toContain('did not accept the user “ed”');
    expect(await store.team.get(teamIds.link(WS))).toBeUndefined();
    expect(await store.team.get(teamIds.secret(WS))).toBeUndefined();
  });

  it('links with the right one, reads the member’s roles, and never answers with the password', async () => {
    const status = await link('ed-password');
    expect(status.link).toMatchObject({ user: 'ed', db: `cadence-${WS}`, roles: ['editor'], requiresApproval: true, lastError: null });
    expect(JSON.stringify(status)).not.toContain('ed-password');
    expect(JSON.stringify(await service.handlers['team.sync']({ workspaceId: WS }, FROM))).not.toContain('ed-password');
  });

  it('says in the server’s words when a role may not do something, and the post stays the team’s version', async () => {
    await store.posts.put(makePost({ id: 'p1', workspaceId: WS, text: 'For review', createdAt: T, updatedAt: T }));
    await service.handlers['team.sync']({ workspaceId: WS }, FROM);
    const proposed = await service.handlers['team.act']({ postId: 'p1', action: 'propose', comment: '' }, FROM);
    expect(proposed).toMatchObject({
      state: 'in_review',
      user: 'ed',
      history: [expect.objectContaining({ action: 'created' }), expect.objectContaining({ action: 'proposed for review' })],
    });
    // The editor tries to approve their own post: the UI does not offer it; the server refuses it anyway.
    const refused = await service.handlers['team.act']({ postId: 'p1', action: 'approve', comment: '' }, FROM).catch((error: unknown) => error);
    expect((refused as AppError).message).toBe(
      'The team server refused this: Only an approver, or a client the post is shared with, can review it. Nothing changed; this is the team’s version.',
    );
    expect(await service.handlers['team.post']({ postId: 'p1' }, FROM)).toMatchObject({ state: 'in_review', review: null });
  });
});
