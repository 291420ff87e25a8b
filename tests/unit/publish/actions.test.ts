import { beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/errors';
import { cancel, isUnschedulable, publishPostNow, restore, retryNow, unschedule } from '@/lib/publish/actions';
import { restoreMany, unscheduleMany } from '@/lib/publish/take-back';
import { cancelDelivery, handOff } from '@/lib/publish/hand-off';
import { publishDue } from '@/lib/publish/publish-due';
import { openStore, type Store } from '@/lib/store';
import { makeDelivery } from '../factories';
import { T0, addAccount, makeWorld, reload, schedule } from './harness';

let store: Store;
beforeEach(async () => {
  store = await openStore();
  return () => store.close();
});

describe('user actions', () => {
  it('Share now publishes every open delivery of the post at once', async () => {
    const world = await makeWorld(store);
    const delivery = await schedule(store, await addAccount(store), T0 + 86_400_000);
    await publishPostNow(store, delivery.postId, T0);
    await publishDue(world.deps());
    expect(await reload(store, delivery.id)).toMatchObject({ state: 'published', publishedAt: T0 });
  });

  it('Retry sends a failed post again with the same keys, so nothing is doubled', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store);
    const delivery = await schedule(store, account, T0);
    const adapter = world.network.adapterFor(account);
    let refuse = true;
    const deps = world.deps({
      adapterFor: () => ({ ...adapter, publish: (i) => (refuse ? Promise.reject(new ValidationError('Try later.')) : adapter.publish(i)) }),
    });
    await publishDue(deps);
    const failed = await reload(store, delivery.id);
    expect(failed.state).toBe('failed');
    refuse = false;
    await retryNow(store, delivery.id, T0 + 1000);
    world.clock.now = T0 + 1000;
    await publishDue(deps);
    const published = await reload(store, delivery.id);
    expect(published).toMatchObject({ state: 'published', rkey: failed.rkey, idempotencyKey: failed.idempotencyKey });
  });

  it('refuses to cancel a post that is on its way or out, and says so', async () => {
    const world = await makeWorld(store);
    const delivery = await schedule(store, await addAccount(store), T0);
    await publishDue(world.deps());
    await expect(cancel(store, delivery.id, T0)).rejects.toThrow('This post is published, so it cannot be cancelled now.');
  });

  // Found by the publish simulation: an untick after a lost answer left a cancelled delivery whose post was out.
  it.each(['cancel', 'unschedule'] as const)('refuses to %s a post whose last answer was lost, since it may be out, and says what to do', async (action) => {
    let fault: 'timeout' | 'none' = 'timeout';
    const world = await makeWorld(store, { fault: () => fault });
    const delivery = await schedule(store, await addAccount(store, { network: 'mastodon' }), T0);
    await publishDue(world.deps());
    fault = 'none';
    expect(await reload(store, delivery.id)).toMatchObject({ state: 'retrying' });
    expect(world.network.records.size).toBe(1); // the server made it; the answer never came back
    await expect((action === 'cancel' ? cancel : unschedule)(store, delivery.id, T0)).rejects.toThrow(
      'Cadence already tried to send this post, so it may be out',
    );
    expect(await reload(store, delivery.id)).toMatchObject({ state: 'retrying' });
  });
});

describe('unschedule (issue 17)', () => {
  it('puts a scheduled post back to drafts, where queueing it again reuses the same delivery and keys', async () => {
    const world = await makeWorld(store);
    const delivery = await schedule(store, await addAccount(store), T0 + 60_000);
    const back = await unschedule(store, delivery.id, T0);
    expect(back).toMatchObject({ state: 'draft', dueAt: null, idempotencyKey: delivery.idempotencyKey, lease: null });
    world.clock.now = T0 + 120_000;
    await publishDue(world.deps());
    expect((await reload(store, delivery.id)).state).toBe('draft');
    expect(world.network.records.size).toBe(0);
  });

  it('refuses a post the publisher holds or has published, and says so', async () => {
    const world = await makeWorld(store);
    const delivery = await schedule(store, await addAccount(store), T0);
    await publishDue(world.deps());
    await expect(unschedule(store, delivery.id, T0)).rejects.toThrow('This post is published, so it cannot be unscheduled now.');
  });
});

describe('taking a post back and Undo (issue 17)', () => {
  it('Undo puts an unscheduled post back at its time, and it publishes then', async () => {
    const world = await makeWorld(store);
    const delivery = await schedule(store, await addAccount(store), T0 + 60_000);
    await unschedule(store, delivery.id, T0);
    expect(await restore(store, delivery, T0 + 1)).toMatchObject({ state: 'scheduled', dueAt: T0 + 60_000, idempotencyKey: delivery.idempotencyKey });
    world.clock.now = T0 + 60_000;
    await publishDue(world.deps());
    expect((await reload(store, delivery.id)).state).toBe('published');
  });

  it('Undo puts nothing back once the draft was queued again, or for a post that was not waiting', async () => {
    const world = await makeWorld(store);
    const delivery = await schedule(store, await addAccount(store), T0 + 60_000);
    await unschedule(store, delivery.id, T0);
    await store.deliveries.update(delivery.id, (d) => d && { ...d, state: 'scheduled', dueAt: T0 + 120_000 });
    await expect(restore(store, delivery, T0)).rejects.toThrow('This post is scheduled, so it cannot be put back now.');
    await expect(restore(store, { ...delivery, state: 'published' }, T0)).rejects.toThrow('nothing to put back');
    expect((await reload(store, delivery.id)).dueAt).toBe(T0 + 120_000);
    expect(world.network.records.size).toBe(0);
  });

  it('an unticked account is cancelled for good; Undo brings it back in place of a draft made since', async () => {
    const account = await addAccount(store);
    const delivery = await schedule(store, account, T0 + 60_000);
    expect(await cancel(store, delivery.id, T0)).toMatchObject({ state: 'cancelled' });
    const draft = await store.deliveries.put(makeDelivery({ postId: delivery.postId, accountId: account.id, state: 'draft', dueAt: null }));
    await restore(store, delivery, T0);
    expect(await reload(store, delivery.id)).toMatchObject({ state: 'scheduled', dueAt: T0 + 60_000 });
    expect(await store.deliveries.get(draft.id)).toBeUndefined();
  });

  it('takes back a failed post the server refused, but not one whose answer was lost', async () => {
    const account = await addAccount(store);
    const refused = await store.deliveries.put(
      makeDelivery({ accountId: account.id, state: 'failed', attempt: 2, doubt: 'no', lastError: { code: 'validation', message: 'Too long.' } }),
    );
    const lost = await store.deliveries.put(
      makeDelivery({ accountId: account.id, state: 'retrying', attempt: 1, doubt: 'maybe', lastError: { code: 'network', message: 'Timed out.' } }),
    );
    expect([isUnschedulable(refused), isUnschedulable(lost)]).toEqual([true, false]);
    expect((await unschedule(store, refused.id, T0)).state).toBe('draft');
    await expect(unschedule(store, lost.id, T0)).rejects.toThrow(/so it may be out: look on the network/);
  });

  it('in bulk, each delivery goes back to drafts or is refused on its own, and Undo restores those that went', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store);
    const waiting = await schedule(store, account, T0 + 60_000);
    const out = await schedule(store, account, T0);
    await publishDue(world.deps());
    const report = await unscheduleMany(world.deps(), [waiting.id, out.id]);
    expect(report.done.map((d) => [d.id, d.state])).toEqual([[waiting.id, 'draft']]);
    expect(report.refused).toEqual([{ deliveryId: out.id, reason: 'This post is published, so it cannot be unscheduled now.' }]);
    const undone = await restoreMany(world.deps(), [waiting]);
    expect(undone.done.map((d) => [d.state, d.dueAt])).toEqual([['scheduled', T0 + 60_000]]);
  });
});

describe('Mastodon hand-off', () => {
  it('gives a post due in an hour to the server, which publishes it at its time; cancelling removes it there', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store, { network: 'mastodon' });
    const delivery = await schedule(store, account, T0 + 3_600_000);
    const handed = await handOff(world.deps(), delivery.id);
    expect(handed).toMatchObject({ state: 'scheduled', method: 'server-scheduled', lease: null, remote: { id: expect.any(String) } });
    expect([...world.network.records.values()]).toEqual([expect.objectContaining({ scheduledAt: T0 + 3_600_000 })]);
    await publishDue(world.deps());
    expect((await reload(store, delivery.id)).state).toBe('scheduled'); // the server's job, not ours

    const cancelled = await cancelDelivery(world.deps(), delivery.id);
    // Issue 17: a cancelled post goes back to drafts (it was 'cancelled', out of every view).
    expect(cancelled).toMatchObject({ state: 'draft', dueAt: null, method: 'api', remote: null });
    expect(world.network.removed).toEqual([handed.remote]);
    expect(world.network.records.size).toBe(0);
  });

  it('is refused less than 5 minutes ahead, and for Bluesky', async () => {
    const world = await makeWorld(store);
    const soon = await schedule(store, await addAccount(store, { network: 'mastodon' }), T0 + 4 * 60_000);
    await expect(handOff(world.deps(), soon.id)).rejects.toThrow(/at least 5 minutes of notice/);
    const bluesky = await schedule(store, await addAccount(store), T0 + 3_600_000);
    await expect(handOff(world.deps(), bluesky.id)).rejects.toThrow(/Only posts published to Mastodon/);
    expect((await reload(store, soon.id)).method).toBe('api');
  });

  it('marks a handed-off post published at its time', async () => {
    const world = await makeWorld(store);
    const delivery = await schedule(store, await addAccount(store, { network: 'mastodon' }), T0 + 3_600_000);
    await handOff(world.deps(), delivery.id);
    world.clock.now = T0 + 3_600_000;
    await publishDue(world.deps());
    expect(await reload(store, delivery.id)).toMatchObject({ state: 'published', publishedAt: T0 + 3_600_000 });
    expect(world.network.records.size).toBe(1);
  });
});

describe('Unschedule of a hand-off near its time (issue 17)', () => {
  it('is refused once the server is about to publish it, and the delivery stays as it was', async () => {
    const world = await makeWorld(store);
    const delivery = await schedule(store, await addAccount(store, { network: 'mastodon' }), T0 + 3_600_000);
    await handOff(world.deps(), delivery.id);
    world.clock.now = T0 + 3_600_000 - 10_000;
    await expect(cancelDelivery(world.deps(), delivery.id)).rejects.toThrow('can no longer be taken back from its server');
    expect(await reload(store, delivery.id)).toMatchObject({ state: 'scheduled', method: 'server-scheduled' });
    expect(world.network.removed).toEqual([]);
  });
});
