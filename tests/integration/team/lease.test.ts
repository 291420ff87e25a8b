import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCouch, type Couch } from '@/lib/team/couch';
import { teamPostSchema, type TeamDelivery } from '@/lib/team/documents';
import { claimDelivery, recordSent, renewLease, teamDocs, type LeaseDeps } from '@/lib/team/lease';
import { setUpWorkspace } from '@/lib/team/server-setup';
import { startCouch, type TestCouch } from '../../harness/couch';
import { makeTeamDelivery, makeTeamPost } from '../../harness/team-posts';

/**
 * The team-wide lease against a real pouchdb-server: two replicas (a member's browser and the
 * runner, each its own CouchDB user) race for the same delivery through lib/team/lease.ts, and the
 * server's 409 on the losing PUT leaves exactly one holder, for a fresh claim and for taking over
 * an expired lease alike.
 */
const T = 1_800_000_000_000;
const LEASE_MS = 60_000;
let couch: TestCouch;
let owner: Couch;

beforeAll(async () => {
  couch = await startCouch();
  const admin = createCouch({ url: couch.url, user: couch.admin.user, password: couch.admin.password, fetch });
  const { db } = await setUpWorkspace(admin, {
    workspaceId: 'race',
    requiresApproval: true,
    members: [
      { name: 'olga', password: 'olga-password', roles: ['owner'] },
      { name: 'pat', password: 'pat-password', roles: ['publisher'] },
      { name: 'runner', password: 'runner-password', roles: ['publisher'] },
    ],
  });
  owner = createCouch({ url: couch.url, user: 'olga', password: 'olga-password', fetch });
  replicaDb = db;
});

afterAll(async () => {
  await couch?.stop();
});

let replicaDb = '';
let tokens = 0;
function replica(user: 'pat' | 'runner', now: () => number): LeaseDeps {
  const docs = teamDocs(createCouch({ url: couch.url, user, password: `${user}-password`, fetch }), replicaDb);
  return { docs, holder: user, replica: `${user}-machine`, now, token: () => `${user}-${++tokens}`, leaseMs: LEASE_MS };
}

async function scheduledPost(id: string): Promise<void> {
  const deliveries: Record<string, TeamDelivery> = { [`${id}-d1`]: makeTeamDelivery(`${id}-d1`, T) };
  await owner.put(replicaDb, makeTeamPost(id, 'olga', T, { state: 'scheduled', deliveries }) as never);
}

describe('the lease is a compare-and-swap on the team server', () => {
  it('gives each of 20 contested deliveries to exactly one of two racing replicas', async () => {
    const browser = replica('pat', () => T + 1_000);
    const runner = replica('runner', () => T + 1_000);
    for (let n = 0; n < 20; n++) {
      await scheduledPost(`r${n}`);
      const outcomes = await Promise.all([claimDelivery(browser, `r${n}`, `r${n}-d1`), claimDelivery(runner, `r${n}`, `r${n}-d1`)]);
      expect(outcomes.map((o) => o.kind).sort()).toEqual(['claimed', 'not-yours']);
      expect(outcomes.find((o) => o.kind === 'not-yours')).toMatchObject({ why: 'held' });
      const stored = teamPostSchema.parse(await owner.get(replicaDb, `post:r${n}`));
      const winner = outcomes.find((o) => o.kind === 'claimed');
      expect(stored.deliveries[`r${n}-d1`]?.lease).toEqual(winner && 'lease' in winner ? winner.lease : null);
    }
  });

  it('lets one replica take over an expired lease, and the old holder can no longer renew it', async () => {
    await scheduledPost('x1');
    const early = replica('pat', () => T + 1_000);
    const first = await claimDelivery(early, 'x1', 'x1-d1');
    if (first.kind !== 'claimed') throw new Error(`expected a claim, got ${first.kind}`);
    const later = () => T + 1_000 + LEASE_MS + 1;
    const outcomes = await Promise.all([claimDelivery(replica('pat', later), 'x1', 'x1-d1'), claimDelivery(replica('runner', later), 'x1', 'x1-d1')]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['not-yours', 'taken-over']);
    expect(await renewLease(early, 'x1', 'x1-d1', first.lease)).toBeNull();
  });

  it('keeps what was sent: nobody claims it again, and a second record of it is refused', async () => {
    await scheduledPost('s1');
    const browser = replica('pat', () => T + 1_000);
    const runner = replica('runner', () => T + 1_000 + 2 * LEASE_MS);
    await claimDelivery(browser, 's1', 's1-d1');
    // The runner records what the browser sent (its lease had lapsed): it happened, whoever holds the lease.
    expect(await recordSent(runner, 's1', 's1-d1', 'at://did:plc:team/app.bsky.feed.post/one')).toBe(true);
    expect(await recordSent(browser, 's1', 's1-d1', 'at://did:plc:team/app.bsky.feed.post/two')).toBe(false);
    expect(await claimDelivery(runner, 's1', 's1-d1')).toMatchObject({ kind: 'not-yours', why: 'sent' });
  });
});
