import { beforeEach, describe, expect, it } from 'vitest';
import { publishHeld } from '@/lib/publish/actions';
import { handOff } from '@/lib/publish/hand-off';
import { nextDueAt } from '@/lib/publish/next-due';
import { publishDue } from '@/lib/publish/publish-due';
import { FIRST_LOOKUP_DELAY_MS, LOOKUP_EVERY_MS, LOOKUP_FOR_MS, NOT_PUBLISHED_REASON } from '@/lib/publish/resolve-hand-off';
import { openStore, type Store } from '@/lib/store';
import type { Fault } from './fake-network';
import { T0, addAccount, makeWorld, reload, schedule, type World } from './harness';

let store: Store;
beforeEach(async () => {
  store = await openStore();
  return () => store.close();
});

const DUE = T0 + 3_600_000;

/** A post handed to the fake Mastodon server and marked published at its time, as the publisher does. */
async function publishedHandOff(world: World) {
  const account = await addAccount(store, { network: 'mastodon' });
  const delivery = await schedule(store, account, DUE);
  const handed = await handOff(world.deps(), delivery.id);
  world.clock.now = DUE;
  await publishDue(world.deps());
  expect(await reload(store, delivery.id)).toMatchObject({ state: 'published', publishedAt: DUE, remote: handed.remote });
  return { account, delivery, scheduledRef: handed.remote! };
}

const lookups = (world: World) => world.network.requests.filter((r) => r.kind === 'reconcile').length;

describe('a published hand-off', () => {
  it('is looked up a minute after its time and takes the status the server made of it, with its time', async () => {
    const world = await makeWorld(store);
    const { delivery, scheduledRef } = await publishedHandOff(world);
    expect(scheduledRef.url).toBe('');
    expect(await nextDueAt(store, world.clock.now)).toBe(DUE + FIRST_LOOKUP_DELAY_MS);
    expect(lookups(world)).toBe(0); // not before the server had its minute

    world.network.runScheduler(DUE + 20_000);
    world.clock.now = DUE + FIRST_LOOKUP_DELAY_MS;
    await publishDue(world.deps());
    const resolved = await reload(store, delivery.id);
    expect(resolved).toMatchObject({ state: 'published', publishedAt: DUE + 20_000, nextAttemptAt: null, lastError: null });
    expect(resolved.remote).toEqual({ id: expect.stringMatching(/^status-/), url: expect.stringMatching(/^https:\/\/masto\.test\//), cid: null });
    expect(resolved.parts).toEqual([resolved.remote]);
    expect(await nextDueAt(store, world.clock.now)).toBeNull();
    await publishDue(world.deps());
    expect(lookups(world)).toBe(1); // resolved: never asked again
  });

  it('is looked up in the same pass when the browser opens long after its time', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store, { network: 'mastodon' });
    const delivery = await schedule(store, account, DUE);
    await handOff(world.deps(), delivery.id);
    world.network.runScheduler(DUE);
    world.clock.now = DUE + 3 * 3_600_000;
    await publishDue(world.deps());
    expect(await reload(store, delivery.id)).toMatchObject({ state: 'published', publishedAt: DUE, remote: { url: expect.stringMatching(/^https:/) } });
  });

  it('still held by the server is looked up again every 15 minutes, and the alarm waits for it', async () => {
    const world = await makeWorld(store);
    const { delivery } = await publishedHandOff(world);
    world.clock.now = DUE + FIRST_LOOKUP_DELAY_MS;
    await publishDue(world.deps());
    const waiting = await reload(store, delivery.id);
    expect(waiting).toMatchObject({ state: 'published', remote: { url: '' }, nextAttemptAt: world.clock.now + LOOKUP_EVERY_MS });
    expect(await nextDueAt(store, world.clock.now)).toBe(waiting.nextAttemptAt);

    // Passes before that time (other posts, a restart) ask nothing: no loop on the server.
    world.clock.now += 60_000;
    await publishDue(world.deps());
    await publishDue(world.deps());
    expect(lookups(world)).toBe(1);

    world.network.runScheduler(waiting.nextAttemptAt! - 1000);
    world.clock.now = waiting.nextAttemptAt!;
    await publishDue(world.deps());
    expect(await reload(store, delivery.id)).toMatchObject({ remote: { url: expect.stringMatching(/^https:/) }, publishedAt: waiting.nextAttemptAt! - 1000 });
    expect(lookups(world)).toBe(2);
  });

  it('looks again later when the network fails, honouring Retry-After', async () => {
    let fault: Fault = 'offline';
    const world = await makeWorld(store, { fault: ({ kind }) => (kind === 'reconcile' ? fault : 'none'), retryAfterMs: 2 * 3_600_000 });
    const { delivery } = await publishedHandOff(world);
    world.clock.now = DUE + FIRST_LOOKUP_DELAY_MS;
    await publishDue(world.deps());
    expect(await reload(store, delivery.id)).toMatchObject({
      state: 'published',
      remote: { url: '' },
      nextAttemptAt: world.clock.now + LOOKUP_EVERY_MS,
      lastError: null,
    });

    fault = '429';
    world.clock.now += LOOKUP_EVERY_MS;
    await publishDue(world.deps());
    expect((await reload(store, delivery.id)).nextAttemptAt).toBe(world.clock.now + 2 * 3_600_000);
    expect(world.notes).toEqual([]); // nothing for the user to do yet
  });

  it('the server no longer has is held, saying what to do, and "Publish now" sends it once from Cadence', async () => {
    const world = await makeWorld(store);
    const { delivery } = await publishedHandOff(world);
    world.network.records.clear(); // deleted on the server before its time
    world.clock.now = DUE + FIRST_LOOKUP_DELAY_MS;
    await publishDue(world.deps());
    const held = await reload(store, delivery.id);
    expect(held).toMatchObject({
      state: 'held',
      remote: null,
      parts: [],
      publishedAt: null,
      nextAttemptAt: null,
      lastError: { code: 'not-published', message: NOT_PUBLISHED_REASON },
    });
    expect(world.notes).toEqual([expect.objectContaining({ kind: 'failure', message: NOT_PUBLISHED_REASON })]);
    expect(await nextDueAt(store, world.clock.now)).toBeNull();

    await publishHeld(store, delivery.id, world.clock.now);
    // Certainly absent, so a new key: Mastodon would answer the old one, within its hour, with the scheduled status.
    expect((await reload(store, delivery.id)).idempotencyKey).not.toBe(held.idempotencyKey);
    await publishDue(world.deps());
    expect(await reload(store, delivery.id)).toMatchObject({ state: 'published', method: 'api', remote: { url: expect.stringMatching(/^https:/) } });
    expect([...world.network.records.values()]).toEqual([expect.objectContaining({ scheduledAt: null })]);
  });

  it('is given up quietly a week after its time, and then wakes nothing', async () => {
    const world = await makeWorld(store, { fault: ({ kind }) => (kind === 'reconcile' ? 'offline' : 'none') });
    const { delivery } = await publishedHandOff(world);
    const lastChance = DUE + LOOKUP_FOR_MS - 60_000;
    await store.deliveries.update(delivery.id, (d) => d && { ...d, nextAttemptAt: lastChance });
    world.clock.now = lastChance;
    await publishDue(world.deps());
    const left = await reload(store, delivery.id);
    expect(left).toMatchObject({ state: 'published', remote: { url: '' }, lastError: null });
    expect(left.nextAttemptAt).toBeGreaterThan(DUE + LOOKUP_FOR_MS);
    expect(await nextDueAt(store, world.clock.now)).toBeNull();
    world.clock.now = left.nextAttemptAt!;
    await publishDue(world.deps());
    expect(lookups(world)).toBe(1);
    expect(world.notes).toEqual([]);
  });

  it('never looked up in its week (the browser was shut) is left as it is', async () => {
    const world = await makeWorld(store);
    const { delivery } = await publishedHandOff(world);
    world.network.runScheduler(DUE);
    world.clock.now = DUE + LOOKUP_FOR_MS + 1;
    expect(await nextDueAt(store, world.clock.now)).toBeNull();
    await publishDue(world.deps());
    expect(lookups(world)).toBe(0);
    expect((await reload(store, delivery.id)).remote).toMatchObject({ url: '' });
  });

  it('of a disconnected account waits for it: no lookup, no alarm', async () => {
    const world = await makeWorld(store);
    const { account, delivery } = await publishedHandOff(world);
    await store.accounts.update(account.id, (a) => a && { ...a, status: 'disconnected', statusReason: 'Signed out' });
    world.clock.now = DUE + FIRST_LOOKUP_DELAY_MS;
    expect(await nextDueAt(store, world.clock.now)).toBeNull();
    await publishDue(world.deps());
    expect(lookups(world)).toBe(0);
    expect((await reload(store, delivery.id)).nextAttemptAt).toBeNull();
  });
});
