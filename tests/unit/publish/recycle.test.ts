import { beforeEach, describe, expect, it } from 'vitest';
import { publishDue } from '@/lib/publish/publish-due';
import { followUpId, recycleEvergreen } from '@/lib/publish/recycle';
import { openStore, validRows, type Store } from '@/lib/store';
import { T0, addAccount, makeWorld, reload, schedule } from './harness';

const DAY = 86_400_000;
let store: Store;
beforeEach(async () => {
  store = await openStore();
  return () => store.close();
});

const deliveriesOf = async (postId: string) =>
  validRows(await store.deliveries.list({ index: 'by-post', query: postId })).sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0));

describe('evergreen posts come round again', () => {
  it('a published evergreen post gets one follow-up, N calendar days later in the workspace zone, across a DST change', async () => {
    const world = await makeWorld(store); // Europe/Berlin; T0 is Monday 24 March 2025, 09:00 there
    const account = await addAccount(store); // no posting schedule: at that very time
    const first = await schedule(store, account, T0, { evergreenDays: 7 });
    await publishDue(world.deps());
    await publishDue(world.deps()); // a second run, or a second worker: still one follow-up
    const rows = await deliveriesOf(first.postId);
    expect(rows.map((d) => d.state)).toEqual(['published', 'scheduled']);
    // 31 March 2025 09:00 in Berlin is 07:00 UTC (summer time began on the 30th): 7 days minus an hour.
    expect(rows[1]!.dueAt).toBe(Date.parse('2025-03-31T07:00:00Z'));
    expect(rows[1]).toMatchObject({ id: await followUpId(first.id), accountId: account.id, attempt: 0, remote: null, publishedAt: null });
    expect(rows[1]!.idempotencyKey).not.toBe(first.idempotencyKey);

    // It goes out at its time, and brings the next one.
    world.clock.now = rows[1]!.dueAt!;
    await publishDue(world.deps());
    const after = await deliveriesOf(first.postId);
    expect(after.map((d) => d.state)).toEqual(['published', 'published', 'scheduled']);
    expect(after[2]!.dueAt).toBe(Date.parse('2025-04-07T07:00:00Z'));
    expect(world.network.records.size).toBe(2); // two posts on the network, each its own
  });

  it('re-enters the queue: the first free posting slot from that day on, past slots the queue already holds', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store, {
      schedule: [
        { weekday: 1, time: '10:00' },
        { weekday: 1, time: '14:00' },
      ],
    });
    const first = await schedule(store, account, T0, { evergreenDays: 7 });
    await schedule(store, account, Date.parse('2025-03-31T08:00:00Z')); // Monday 31 March 10:00 Berlin is taken
    await publishDue(world.deps());
    const [, followUp] = await deliveriesOf(first.postId);
    expect(followUp!.dueAt).toBe(Date.parse('2025-03-31T12:00:00Z')); // 14:00 Berlin
  });

  it('a cancelled follow-up stays cancelled, a post no longer recycled stops, and replies never recycle', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store);
    const first = await schedule(store, account, T0, { evergreenDays: 3 });
    await publishDue(world.deps());
    const [, followUp] = await deliveriesOf(first.postId);
    await store.deliveries.update(followUp!.id, (d) => d && { ...d, state: 'cancelled' });
    await recycleEvergreen(world.deps());
    expect((await deliveriesOf(first.postId)).map((d) => d.state)).toEqual(['published', 'cancelled']);
    await store.deliveries.delete(followUp!.id); // deleted: the sweep would bring it back, as the user re-queued nothing…
    await store.posts.update(first.postId, (p) => p && { ...p, evergreenDays: null }); // …unless recycling is off
    await recycleEvergreen(world.deps());
    expect((await deliveriesOf(first.postId)).map((d) => d.state)).toEqual(['published']);

    const reply = await schedule(store, account, T0, {
      evergreenDays: 3,
      replyTo: { parent: { id: 'at://x/1', url: '', cid: 'c' }, root: { id: 'at://x/1', url: '', cid: 'c' }, visibility: 'public' },
    });
    await publishDue(world.deps());
    expect((await deliveriesOf(reply.postId)).map((d) => d.state)).toEqual(['published']);
  });

  it('waits for a disconnected account, and a follow-up whose day passed while the browser was shut takes the next time from now', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store);
    const first = await schedule(store, account, T0, { evergreenDays: 2 });
    await publishDue(world.deps());
    await store.deliveries.delete(await followUpId(first.id));
    await store.accounts.update(account.id, (a) => a && { ...a, status: 'disconnected' });
    world.clock.now = T0 + 10 * DAY;
    expect(await recycleEvergreen(world.deps())).toEqual([]);
    await store.accounts.update(account.id, (a) => a && { ...a, status: 'connected' });
    const [again] = await recycleEvergreen(world.deps()); // the maintenance sweep looks at every published delivery
    expect(again!.dueAt).toBe(world.clock.now + 1);
    expect((await reload(store, first.id)).state).toBe('published');
  });
});
