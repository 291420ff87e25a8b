import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground } from '@/lib/platform/background';
import { handOff } from '@/lib/publish/hand-off';
import type { Note } from '@/lib/publish/deps';
import { createPublisher, type PublishPlatform } from '@/lib/publish/service';
import { openStore, type Store } from '@/lib/store';
import { T0, addAccount, makeWorld, reload, schedule } from './harness';

let store: Store;
beforeEach(async () => {
  store = await openStore();
  return () => store.close();
});

function platform() {
  const calls = { alarms: [] as (number | null)[], tabs: [] as string[], notes: [] as Note[], cleared: [] as string[], panels: 0, pings: 0 };
  // The notifications on screen, as the browser keeps them: one per id, a repeat replaces.
  const shown = new Map<string, Note>();
  const value: PublishPlatform = {
    notify: async (note) => {
      calls.notes.push(note);
      shown.set(note.id, note);
    },
    clearNote: async (id) => {
      calls.cleared.push(id);
      shown.delete(id);
    },
    shownNoteIds: async () => [...shown.keys()],
    openPanel: async () => void (calls.panels += 1),
    openTab: async (url) => void calls.tabs.push(url),
    pingPanel: () => void (calls.pings += 1),
    setAlarm: async (when) => void calls.alarms.push(when),
  };
  return { calls, value, shown };
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
    const service = createPublisher({
      store: Promise.resolve(store),
      now: () => world.clock.now,
      platform: platform().value,
      alarmName: 'publish',
      maintenanceAlarm: 'maintenance',
      adapterFor,
    });
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
    const service = createPublisher({
      store: Promise.resolve(store),
      now: () => world.clock.now,
      platform: value,
      alarmName: 'publish',
      maintenanceAlarm: 'maintenance',
      adapterFor: world.network.adapterFor,
    });
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
    const service = createPublisher({
      store: Promise.resolve(store),
      now: () => world.clock.now,
      platform: value,
      alarmName: 'publish',
      maintenanceAlarm: 'maintenance',
      adapterFor: world.network.adapterFor,
    });
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
    const service = createPublisher({
      store: Promise.resolve(store),
      now: () => world.clock.now,
      platform: value,
      alarmName: 'publish',
      maintenanceAlarm: 'maintenance',
    });
    await service.onAlarm!('publish');
    await service.onNotificationClick!(`reminder:${delivery.id}`);
    expect(calls.tabs).toEqual(['https://www.threads.net/intent/post?text=hello']);
  });

  it('a clicked failure notification opens the panel and hands it the failed post, once (issue 24)', async () => {
    const world = await makeWorld(store);
    const delivery = await schedule(store, await addAccount(store, { network: 'bluesky' }), T0, { text: 'it failed' });
    const { calls, value } = platform();
    const service = createPublisher({
      store: Promise.resolve(store),
      now: () => world.clock.now,
      platform: value,
      alarmName: 'publish',
      maintenanceAlarm: 'maintenance',
    });
    const take = () => service.handlers['panel.takeOpenRequest']({}, { from: 'extension', tabId: null });
    expect(await take()).toEqual({ postId: null });
    await service.onNotificationClick!(`delivery:${delivery.id}`);
    expect(calls).toMatchObject({ panels: 1, pings: 1, cleared: [`delivery:${delivery.id}`] });
    expect(await take()).toEqual({ postId: delivery.postId });
    expect(await take()).toEqual({ postId: null });

    // A panel already open answers the nudge: it shows the post, and no other panel is opened.
    value.pingPanel = () => void take().then((answer) => expect(answer).toEqual({ postId: delivery.postId }));
    await service.onNotificationClick!(`delivery:${delivery.id}`);
    expect(calls.panels).toBe(1);
  });
});

describe('the publish service notifications (issue 18)', () => {
  it('sums up a run that holds 120 late posts in one notification, whose click opens the panel', async () => {
    const world = await makeWorld(store, { settings: { latePolicy: { mode: 'hold', withinMinutes: 30 } } });
    const account = await addAccount(store);
    for (let n = 0; n < 120; n++) await schedule(store, account, T0 - (60 + n) * 60_000);
    const { calls, value, shown } = platform();
    const service = createPublisher({
      store: Promise.resolve(store),
      now: () => world.clock.now,
      platform: value,
      alarmName: 'publish',
      maintenanceAlarm: 'maintenance',
      adapterFor: world.network.adapterFor,
    });
    await service.onAlarm!('publish');
    expect(calls.notes).toEqual([
      expect.objectContaining({
        id: 'publish-summary:failures',
        title: '120 posts could not go out',
        message: expect.stringMatching(/^Click to open Cadence/),
      }),
    ]);
    await service.onNotificationClick!('publish-summary:failures');
    expect(calls.panels).toBe(1);
    expect(shown.size).toBe(0);
  });

  it('shows a single late post as itself', async () => {
    const world = await makeWorld(store, { settings: { latePolicy: { mode: 'hold', withinMinutes: 30 } } });
    const late = await schedule(store, await addAccount(store), T0 - 90 * 60_000);
    const { calls, value } = platform();
    const service = createPublisher({
      store: Promise.resolve(store),
      now: () => world.clock.now,
      platform: value,
      alarmName: 'publish',
      maintenanceAlarm: 'maintenance',
      adapterFor: world.network.adapterFor,
    });
    await service.onAlarm!('publish');
    expect(calls.notes).toEqual([expect.objectContaining({ id: `delivery:${late.id}`, title: 'A post was held' })]);
  });

  it('clears a reminder once its post is confirmed, and a stale click opens the panel, not the share page', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store, { network: 'threads', publishMode: 'reminder' });
    const confirmed = await schedule(store, account, T0, { text: 'first' });
    const cancelled = await schedule(store, account, T0, { text: 'second' });
    const { calls, value, shown } = platform();
    const service = createPublisher({
      store: Promise.resolve(store),
      now: () => world.clock.now,
      platform: value,
      alarmName: 'publish',
      maintenanceAlarm: 'maintenance',
    });
    await service.onAlarm!('publish');
    expect([...shown.keys()].sort()).toEqual([`reminder:${confirmed.id}`, `reminder:${cancelled.id}`].sort());
    await service.handlers['delivery.confirm']({ deliveryId: confirmed.id }, { from: 'extension', tabId: null });
    await vi.waitFor(() => expect(shown.has(`reminder:${confirmed.id}`)).toBe(false));
    expect(shown.has(`reminder:${cancelled.id}`)).toBe(true);
    // A notification the browser still shows after the post was handled elsewhere (another worker, a restart).
    await store.deliveries.update(cancelled.id, (d) => d && { ...d, state: 'cancelled' });
    shown.set(`reminder:${cancelled.id}`, calls.notes[0]!);
    await service.onNotificationClick!(`reminder:${cancelled.id}`);
    expect(calls.tabs).toEqual([]);
    expect(calls.panels).toBe(1);
    expect(calls.notes.at(-1)).toMatchObject({ title: 'This post was already handled' });
    expect(shown.has(`reminder:${cancelled.id}`)).toBe(false);
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
