import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground } from '@/lib/platform/background';
import { handOff } from '@/lib/publish/hand-off';
import { createPublisher, type PublishPlatform } from '@/lib/publish/service';
import { openStore, type Store } from '@/lib/store';
import { T0, addAccount, makeWorld, reload, schedule } from './harness';

let store: Store;
beforeEach(async () => {
  store = await openStore();
  return () => store.close();
});

function platform() {
  const calls = { alarms: [] as (number | null)[], tabs: [] as string[] };
  const value: PublishPlatform = {
    notify: async () => undefined,
    openTab: async (url) => void calls.tabs.push(url),
    setAlarm: async (when) => void calls.alarms.push(when),
  };
  return { calls, value };
}

describe('the publish service', () => {
  it('a reply published through the queue is not taken over by a run, even after the clock jumps hours ahead (issue 18, hole 5)', async () => {
    const world = await makeWorld(store, { ignoreKeys: true });
    const account = await addAccount(store, { network: 'mastodon' });
    const reply = await schedule(store, account, T0);
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const adapterFor: typeof world.network.adapterFor = (a) => {
      const adapter = world.network.adapterFor(a);
      return { ...adapter, publish: async (input) => (await gate, adapter.publish(input)) };
    };
    const service = createPublisher({ store: Promise.resolve(store), now: () => world.clock.now, platform: platform().value, alarmName: 'publish', maintenanceAlarm: 'maintenance', adapterFor });
    const sending = service.publishDelivery(reply);
    await vi.waitFor(async () => expect((await reload(store, reply.id)).state).toBe('publishing'));
    world.clock.now += 3 * 60 * 60_000; // the wall clock jumps while the request is out
    const running = service.run();
    release();
    await Promise.all([sending, running]);
    expect((await reload(store, reply.id)).state).toBe('published');
    expect(world.network.records.size).toBe(1);
  });

  it('on start catches up, then sets the alarm to the next due post', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store);
    const due = await schedule(store, account, T0 - 60_000);
    await schedule(store, account, T0 + 3_600_000);
    const { calls, value } = platform();
    const service = createPublisher({ store: Promise.resolve(store), now: () => world.clock.now, platform: value, alarmName: 'publish', maintenanceAlarm: 'maintenance', adapterFor: world.network.adapterFor });
    await service.onStart!();
    expect((await reload(store, due.id)).state).toBe('published');
    expect(calls.alarms).toEqual([T0 + 3_600_000]);
  });

  it('wakes for a published hand-off a minute after its time, then every 15 minutes while the lookup fails: no alarm loop', async () => {
    const world = await makeWorld(store, { fault: ({ kind }) => (kind === 'reconcile' ? 'offline' : 'none') });
    const dueAt = T0 + 3_600_000;
    const delivery = await schedule(store, await addAccount(store, { network: 'mastodon' }), dueAt);
    await handOff(world.deps(), delivery.id);
    const { calls, value } = platform();
    const service = createPublisher({ store: Promise.resolve(store), now: () => world.clock.now, platform: value, alarmName: 'publish', maintenanceAlarm: 'maintenance', adapterFor: world.network.adapterFor });
    world.clock.now = dueAt;
    await service.onAlarm!('publish');
    world.clock.now = dueAt + 60_000;
    await service.onAlarm!('publish');
    await service.onAlarm!('publish'); // a spurious wake-up asks nothing
    expect(calls.alarms).toEqual([dueAt + 60_000, dueAt + 16 * 60_000, dueAt + 16 * 60_000]);
    expect(world.network.requests.filter((r) => r.kind === 'reconcile')).toHaveLength(1);
    expect((await reload(store, delivery.id)).state).toBe('published');
  });

  it('opens the share page when a reminder notification is clicked', async () => {
    const world = await makeWorld(store);
    const delivery = await schedule(store, await addAccount(store, { network: 'threads', publishMode: 'reminder' }), T0, { text: 'hello' });
    const { calls, value } = platform();
    const service = createPublisher({ store: Promise.resolve(store), now: () => world.clock.now, platform: value, alarmName: 'publish', maintenanceAlarm: 'maintenance' });
    await service.onAlarm!('publish');
    await service.onNotificationClick!(`reminder:${delivery.id}`);
    expect(calls.tabs).toEqual(['https://www.threads.net/intent/post?text=hello']);
  });
});

describe('the background with the publish service', () => {
  beforeEach(() => void vi.spyOn(fakeBrowser.sidePanel, 'setPanelBehavior').mockResolvedValue(undefined));
  afterEach(() => vi.restoreAllMocks());
  const panel = { id: fakeBrowser.runtime.id, url: `${fakeBrowser.runtime.getURL('/')}sidepanel.html` };

  it('snoozes a reminder through a message and sets the publish alarm for it', async () => {
    await makeWorld(store);
    const account = await addAccount(store, { network: 'x', publishMode: 'reminder' });
    const delivery = await schedule(store, account, T0);
    await store.deliveries.update(delivery.id, (d) => d && { ...d, state: 'awaiting-confirmation' });
    const app = createBackground({ now: () => T0, openStore: async () => store });
    const answer = await app.onMessage({ type: 'delivery.snooze', payload: { deliveryId: delivery.id, minutes: 10 } }, panel);
    expect(answer).toMatchObject({ ok: true, value: { delivery: { state: 'scheduled', dueAt: T0 + 600_000 } } });
    await vi.waitFor(async () => expect((await fakeBrowser.alarms.get('publish'))?.scheduledTime).toBe(T0 + 600_000));
    const refused = await app.onMessage({ type: 'delivery.snooze', payload: { deliveryId: delivery.id, minutes: 0 } }, panel);
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation' } });
  });
});
