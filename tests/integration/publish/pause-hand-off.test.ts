import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Account, Delivery } from '@/lib/model';
import { createAdapter, credentialVault } from '@/lib/networks';
import { CONTENT_LOADERS } from '@/lib/publish/content-loaders';
import type { PublisherDeps } from '@/lib/publish/deps';
import { handOff } from '@/lib/publish/hand-off';
import { pauseQueue, resumeQueue } from '@/lib/publish/pause-queue';
import { newDelivery } from '@/lib/schedule/delivery-rows';
import { openStore, type Store } from '@/lib/store';
import { addMastodonAccount } from '../../harness/mastodon/connect-account';
import { startMastodonServer, type MastodonServer } from '../../harness/mastodon-server';
import { makePost, makeWorkspace } from '../../unit/factories';
import { uniq } from '../support';

/**
 * Pausing a queue against the contract Mastodon server (issue 17): the pause deletes the scheduled
 * statuses Cadence handed over (DELETE /api/v1/scheduled_statuses/:id), resume schedules them again,
 * and a hand-off the server already published cannot come back: it is named, with why.
 */
let server: MastodonServer;
let store: Store;
let account: Account;
const clock = { now: Date.now() };

const deps = (): PublisherDeps => ({
  store,
  now: () => clock.now,
  owner: `worker_${uniq()}`,
  adapterFor: (of) => createAdapter({ account: of, vault: credentialVault(store, of.id, Date.now), fetch, now: Date.now }),
  notify: async () => {},
  random: () => 0.5,
  loaders: CONTENT_LOADERS,
});

beforeAll(async () => {
  server = await startMastodonServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  clock.now = Date.now();
  store = await openStore({ name: `pause-${uniq()}` });
  ({ account } = await addMastodonAccount(store, server, `brand${uniq()}`));
  await store.workspaces.put(makeWorkspace({ id: account.workspaceId, timeZone: 'Europe/Berlin' }));
});
afterEach(() => store.close());

async function handedOff(text: string, aheadMs: number): Promise<Delivery> {
  const post = await store.posts.put(makePost({ workspaceId: account.workspaceId, text, variants: [{ accountId: account.id, text: null, thread: [] }] }));
  const row = await store.deliveries.put(newDelivery(post.id, account, { state: 'scheduled', dueAt: clock.now + aheadMs }, clock.now));
  return handOff(deps(), row.id);
}
const scheduledWith = (text: string) => [...server.state.scheduled.values()].filter((row) => row.status.text === text);

describe('pausing a queue with posts on Mastodon’s scheduler', () => {
  it('takes them off the server and schedules them there again on resume, once', async () => {
    const text = `Spring menu ${uniq()}`;
    const delivery = await handedOff(text, 3_600_000);
    const [before] = scheduledWith(text);

    expect(await pauseQueue(deps(), account.workspaceId)).toEqual({ withdrawn: 1, stayed: [] });
    expect(scheduledWith(text)).toEqual([]);

    const report = await resumeQueue(deps(), account.workspaceId);
    expect(report).toMatchObject({ handedBack: 1, notBack: [] });
    const [after, ...more] = scheduledWith(text);
    expect(more).toEqual([]);
    expect(after!.id).not.toBe(before!.id);
    expect(Date.parse(after!.scheduledAt)).toBe(delivery.dueAt);
    expect(await store.deliveries.get(delivery.id)).toMatchObject({ ok: true, value: { method: 'server-scheduled', remote: { id: after!.id, url: '' } } });
  });

  it('names a hand-off the server already published: it cannot be taken back', async () => {
    const text = `Already out ${uniq()}`;
    const delivery = await handedOff(text, 6 * 60_000);
    server.runScheduler(delivery.dueAt!);
    const report = await pauseQueue(deps(), account.workspaceId);
    expect(report.withdrawn).toBe(0);
    expect(report.stayed).toEqual([
      {
        deliveryId: delivery.id,
        handle: account.handle,
        dueAt: delivery.dueAt,
        reason: expect.stringContaining('no longer holds this scheduled post: it was published or deleted'),
      },
    ]);
  });
});
