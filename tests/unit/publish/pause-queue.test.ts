import { beforeEach, describe, expect, it } from 'vitest';
import { handOff } from '@/lib/publish/hand-off';
import { nextDueAt } from '@/lib/publish/next-due';
import { pauseQueue, resumeQueue } from '@/lib/publish/pause-queue';
import { refuseWhilePaused } from '@/lib/publish/paused';
import { publishDue } from '@/lib/publish/publish-due';
import { openStore, type Store } from '@/lib/store';
import { T0, addAccount, makeWorld, reload, schedule } from './harness';

let store: Store;
beforeEach(async () => {
  store = await openStore();
  return () => store.close();
});

const workspace = async () => {
  const row = await store.workspaces.get('ws_1');
  if (!row?.ok) throw new Error('no workspace');
  return row.value;
};

describe('pausing a workspace’s queue', () => {
  it('publishes nothing of it on the alarms, sets no alarm for it, and refuses Share now until resumed', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store);
    const due = await schedule(store, account, T0 + 60_000);
    await pauseQueue(world.deps(), 'ws_1');
    expect((await workspace()).queuePause).toEqual({ since: T0, withdrawn: [], stayed: [] });
    expect(await nextDueAt(store, T0)).toBeNull();

    world.clock.now = T0 + 120_000;
    await publishDue(world.deps());
    expect((await reload(store, due.id)).state).toBe('scheduled');
    expect(world.network.records.size).toBe(0);
    await expect(refuseWhilePaused(store, { deliveryId: due.id })).rejects.toThrow('is paused, so nothing of it is published. Press Resume queue first.');

    // Resumed a minute after its time, within the 30 minutes the default policy allows: out now.
    const report = await resumeQueue(world.deps(), 'ws_1');
    expect(report).toEqual({ handedBack: 0, notBack: [], held: 0, late: 1 });
    expect((await workspace()).queuePause).toBeUndefined();
    await publishDue(world.deps());
    expect((await reload(store, due.id)).state).toBe('published');
  });

  it('holds what came due past the late-post window, saying it was the pause', async () => {
    const world = await makeWorld(store);
    const late = await schedule(store, await addAccount(store), T0 + 60_000);
    await pauseQueue(world.deps(), 'ws_1');
    world.clock.now = T0 + 3 * 3_600_000;
    expect(await resumeQueue(world.deps(), 'ws_1')).toMatchObject({ held: 1, late: 0 });
    expect(await reload(store, late.id)).toMatchObject({
      state: 'held',
      lastError: { code: 'late', message: 'Due at 09:01 on Mon 2025-03-24 while the queue was paused — publish now or reschedule.' },
    });
  });

  it('takes hand-offs back from Mastodon’s scheduler and hands them back on resume, under a new key', async () => {
    const world = await makeWorld(store);
    const mastodon = await addAccount(store, { network: 'mastodon', handle: 'brand@social.test' });
    const handed = await handOff(world.deps(), (await schedule(store, mastodon, T0 + 3_600_000)).id);
    const soon = await handOff(world.deps(), (await schedule(store, mastodon, T0 + 10 * 60_000)).id);

    expect(await pauseQueue(world.deps(), 'ws_1')).toEqual({ withdrawn: 2, stayed: [] });
    expect(world.network.removed.map((ref) => ref.id).sort()).toEqual([handed.remote!.id, soon.remote!.id].sort());
    const back = await reload(store, handed.id);
    expect(back).toMatchObject({ state: 'scheduled', method: 'api', remote: null });
    expect(back.idempotencyKey).not.toBe(handed.idempotencyKey);
    expect((await workspace()).queuePause?.withdrawn.sort()).toEqual([handed.id, soon.id].sort());

    // Six minutes on, the sooner one is due in four: too soon for the server, so the browser keeps it.
    world.clock.now = T0 + 6 * 60_000;
    const report = await resumeQueue(world.deps(), 'ws_1');
    expect(report.handedBack).toBe(1);
    expect(report.notBack).toEqual([
      { deliveryId: soon.id, handle: 'brand@social.test', dueAt: soon.dueAt, reason: expect.stringContaining('due in less than 5 minutes') },
    ]);
    expect(await reload(store, handed.id)).toMatchObject({ state: 'scheduled', method: 'server-scheduled', remote: { url: '' } });
    expect(await reload(store, soon.id)).toMatchObject({ state: 'scheduled', method: 'api' });
  });

  it('names a hand-off the server would not give back, which still goes out, and Take them back tries again', async () => {
    const world = await makeWorld(store);
    const mastodon = await addAccount(store, { network: 'mastodon', handle: 'brand@social.test' });
    const handed = await handOff(world.deps(), (await schedule(store, mastodon, T0 + 3_600_000)).id);
    const adapterFor = world.network.adapterFor;
    const refusing = world.deps({ adapterFor: (account) => ({ ...adapterFor(account), remove: async () => Promise.reject(new Error('server unreachable')) }) });

    const report = await pauseQueue(refusing, 'ws_1');
    expect(report.withdrawn).toBe(0);
    expect(report.stayed).toEqual([
      {
        deliveryId: handed.id,
        handle: 'brand@social.test',
        dueAt: handed.dueAt,
        reason: expect.stringContaining('did not give it back (server unreachable), so it still goes out at its time'),
      },
    ]);
    expect((await workspace()).queuePause?.stayed).toEqual(report.stayed);
    expect(await reload(store, handed.id)).toMatchObject({ method: 'server-scheduled' });

    expect(await pauseQueue(world.deps(), 'ws_1')).toEqual({ withdrawn: 1, stayed: [] });
    expect((await workspace()).queuePause).toMatchObject({ since: T0, withdrawn: [handed.id], stayed: [] });
  });
});
