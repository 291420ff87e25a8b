import { beforeEach, describe, expect, it } from 'vitest';
import { NetworkError } from '@/lib/errors';
import { cancelDelivery, handOff } from '@/lib/publish/hand-off';
import { scheduleAt } from '@/lib/schedule/queue-post';
import { nextDueAt } from '@/lib/publish/next-due';
import { publishDue } from '@/lib/publish/publish-due';
import { openStore, type Store } from '@/lib/store';
import type { Fault } from './fake-network';
import { T0, addAccount, makeWorld, reload, schedule } from './harness';

let store: Store;
beforeEach(async () => {
  store = await openStore();
  return () => store.close();
});

const DUE = T0 + 3_600_000;

/** A hand-off whose request got no answer, then the pass after its lease ran out. */
async function unansweredHandOff(createFault: Fault) {
  let fault = createFault;
  const world = await makeWorld(store, { fault: ({ kind }) => (kind === 'create' ? fault : 'none') });
  const delivery = await schedule(store, await addAccount(store, { network: 'mastodon' }), DUE);
  const error = await handOff(world.deps(), delivery.id).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NetworkError);
  expect((error as Error).message).toMatch(/did not answer the hand-off .*Cadence will ask it/);
  fault = 'none';
  // Left as the claim wrote it, like a worker that died mid-request: the lease says when to ask.
  const claimed = await reload(store, delivery.id);
  expect(claimed).toMatchObject({ state: 'publishing', method: 'server-scheduled', lease: { until: expect.any(Number) } });
  expect(await nextDueAt(store, world.clock.now)).toBe(claimed.lease!.until);
  await publishDue(world.deps());
  expect(world.network.requests.map((r) => r.kind)).toEqual(['create']); // not while the lease lives
  world.clock.now = claimed.lease!.until + 1;
  await publishDue(world.deps());
  return { world, delivery: await reload(store, delivery.id) };
}

describe('a hand-off whose request got no answer', () => {
  it('is recovered by asking the server: it took the post, so the delivery points at it', async () => {
    const { world, delivery } = await unansweredHandOff('timeout');
    expect(delivery).toMatchObject({
      state: 'scheduled',
      method: 'server-scheduled',
      lease: null,
      lastError: null,
      remote: { id: expect.stringMatching(/^scheduled-/), url: '' },
    });
    expect(world.network.requests.map((r) => r.kind)).toEqual(['create', 'reconcile']);
    expect(world.network.records.size).toBe(1);
    expect(world.notes).toEqual([]);
  });

  it('is recovered by asking the server: it never arrived, so the browser publishes it at its time, once', async () => {
    const { world, delivery } = await unansweredHandOff('offline');
    expect(delivery).toMatchObject({ state: 'scheduled', method: 'api', lease: null, remote: null });
    world.clock.now = DUE;
    await publishDue(world.deps());
    expect(await reload(store, delivery.id)).toMatchObject({ state: 'published', method: 'api' });
    expect([...world.network.records.values()]).toEqual([expect.objectContaining({ scheduledAt: null })]);
  });
});

describe('a hand-off cancelled, then queued again', () => {
  it('is sent afresh at its new time: the deleted server copy is neither a done part nor the answer to its key', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store, { network: 'mastodon' });
    const delivery = await schedule(store, account, DUE);
    const handed = await handOff(world.deps(), delivery.id);
    expect(handed).toMatchObject({ method: 'server-scheduled', parts: [{ url: '' }] });
    const draft = await cancelDelivery(world.deps(), delivery.id);
    expect(draft).toMatchObject({ state: 'draft', method: 'api', remote: null, parts: [], sent: null });
    expect(draft.idempotencyKey).not.toBe(handed.idempotencyKey);
    expect(world.network.removed).toEqual([handed.remote]);

    await scheduleAt(store, { postId: delivery.postId, accountIds: [account.id], now: world.clock.now, at: DUE + 60_000 });
    world.clock.now = DUE + 60_000;
    await publishDue(world.deps());
    const published = await reload(store, delivery.id);
    expect(published).toMatchObject({ state: 'published', method: 'api' });
    expect(published.remote!.url).not.toBe('');
    expect([...world.network.records.values()].filter((r) => r.scheduledAt === null)).toHaveLength(1);
  });
});
