import { beforeEach, describe, expect, it } from 'vitest';
import { AuthError, ValidationError } from '@/lib/errors';
import { LEASE_MS, claim } from '@/lib/publish/claim';
import { MAX_ATTEMPTS } from '@/lib/publish/backoff';
import { nextDueAt } from '@/lib/publish/next-due';
import { publishDue } from '@/lib/publish/publish-due';
import { isTid } from '@/lib/networks/tid';
import { openStore, type Store } from '@/lib/store';
import type { Fault } from './fake-network';
import { T0, addAccount, makeWorld, reload, schedule } from './harness';

let store: Store;
beforeEach(async () => {
  store = await openStore();
  return () => store.close();
});

describe('claim', () => {
  it('takes a due delivery once, writing the lease and the Bluesky rkey before any attempt', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store);
    const delivery = await schedule(store, account, T0);
    expect(await claim(store, delivery.id, 'a', T0 - 1)).toBeNull(); // not due yet
    const claimed = await claim(store, delivery.id, 'a', T0);
    expect(claimed).toMatchObject({ state: 'publishing', lease: { owner: 'a', until: T0 + LEASE_MS }, attempt: 1 });
    expect(isTid(claimed!.rkey!)).toBe(true);
    expect(await claim(store, delivery.id, 'b', T0)).toBeNull(); // already ours
    expect(world.network.requests).toEqual([]);
  });

  it('keeps the rkey chosen first on every later claim, and gives Mastodon none', async () => {
    await makeWorld(store);
    const bluesky = await addAccount(store);
    const mastodon = await addAccount(store, { network: 'mastodon' });
    const first = await schedule(store, bluesky, T0);
    await store.deliveries.update(first.id, (d) => d && { ...d, rkey: '3lbqzxyz2222a' });
    expect((await claim(store, first.id, 'a', T0))!.rkey).toBe('3lbqzxyz2222a');
    const toot = await schedule(store, mastodon, T0);
    expect((await claim(store, toot.id, 'a', T0))!.rkey).toBeNull();
  });
});

describe('publishDue', () => {
  it("publishes a thread with the account's own text, and records every part", async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store);
    const delivery = await schedule(store, account, T0, {
      text: 'shared text',
      variants: [{ accountId: account.id, text: 'bluesky text', thread: ['second part'] }],
      link: { url: 'https://example.com/a', title: 'A', description: 'About A', imageUrl: null },
    });
    const report = await publishDue(world.deps());
    expect(report.published).toEqual([delivery.id]);
    const after = await reload(store, delivery.id);
    expect(after).toMatchObject({ state: 'published', publishedAt: T0, lease: null, lastError: null });
    expect(after.parts).toHaveLength(2);
    expect(after.remote).toEqual(after.parts[0]);
    expect([...world.network.records.values()].map((r) => r.text)).toEqual(['bluesky text', 'second part']);
  });

  it('does nothing before the due time and points the alarm at it', async () => {
    const world = await makeWorld(store);
    const delivery = await schedule(store, await addAccount(store), T0 + 60_000);
    expect(await publishDue(world.deps())).toEqual({ published: [], other: [] });
    expect((await reload(store, delivery.id)).state).toBe('scheduled');
    expect(await nextDueAt(store, world.clock.now)).toBe(T0 + 60_000);
  });

  it('honours Retry-After on a 429, then publishes when the alarm comes back', async () => {
    let fault: Fault = '429';
    const world = await makeWorld(store, { fault: () => fault, retryAfterMs: 90_000 });
    const delivery = await schedule(store, await addAccount(store), T0);
    await publishDue(world.deps());
    const waiting = await reload(store, delivery.id);
    expect(waiting).toMatchObject({ state: 'retrying', nextAttemptAt: T0 + 90_000, lastError: { code: 'rate-limited' }, lease: null });
    expect(await nextDueAt(store, world.clock.now)).toBe(T0 + 90_000);
    world.clock.now = T0 + 60_000;
    await publishDue(world.deps());
    expect((await reload(store, delivery.id)).state).toBe('retrying'); // not before Retry-After
    fault = 'none';
    world.clock.now = T0 + 90_000;
    await publishDue(world.deps());
    expect((await reload(store, delivery.id)).state).toBe('published');
  });

  it('backs off on server errors and fails with a reason after the last attempt, notifying once', async () => {
    const world = await makeWorld(store, { fault: () => '500' });
    const delivery = await schedule(store, await addAccount(store, { handle: 'ada.test' }), T0);
    const gaps: number[] = [];
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await publishDue(world.deps());
      const after = await reload(store, delivery.id);
      if (after.state !== 'retrying') break;
      gaps.push(after.nextAttemptAt! - world.clock.now);
      world.clock.now = after.nextAttemptAt!;
    }
    const failed = await reload(store, delivery.id);
    expect(failed).toMatchObject({ state: 'failed', attempt: MAX_ATTEMPTS, lastError: { code: 'network' } });
    expect(failed.lastError!.message).toMatch(/^Gave up after 6 attempts\. The last one said: The server answered 500/);
    // random() = 0.5: half of 30 s, 60 s, 120 s, … plus a second.
    expect(gaps).toEqual([16_000, 31_000, 61_000, 121_000, 241_000]);
    expect(world.notes.map((n) => n.title)).toEqual(['A post could not be published on @ada.test']);
  });

  it('does not notify a failure when the user turned failure notifications off', async () => {
    const world = await makeWorld(store, { settings: { notifications: { mentions: true, failures: false } } });
    const delivery = await schedule(store, await addAccount(store), T0, { text: '   ' });
    await publishDue(world.deps());
    expect(await reload(store, delivery.id)).toMatchObject({
      state: 'failed',
      lastError: { code: 'validation', message: 'This post is empty. Add some text and schedule it again.' },
    });
    expect(world.notes).toEqual([]);
  });

  it('fails at once with the sentence of a ValidationError', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store);
    const delivery = await schedule(store, account, T0);
    const adapter = world.network.adapterFor(account);
    const refusing = { ...adapter, publish: async () => Promise.reject(new ValidationError('Image too large for Bluesky (max 1 MB).')) };
    await publishDue(world.deps({ adapterFor: () => refusing }));
    expect(await reload(store, delivery.id)).toMatchObject({
      state: 'failed',
      attempt: 1,
      lastError: { code: 'validation', message: 'Image too large for Bluesky (max 1 MB).' },
    });
  });

  it('after a timeout that reached the server, reconciles before sending again: one post', async () => {
    let fault: Fault = 'timeout';
    const world = await makeWorld(store, { fault: ({ kind }) => (kind === 'create' ? fault : 'none') });
    const delivery = await schedule(store, await addAccount(store, { network: 'mastodon' }), T0);
    await publishDue(world.deps());
    const retrying = await reload(store, delivery.id);
    expect(retrying).toMatchObject({ state: 'retrying', lastError: { code: 'network', message: 'The request timed out' } });
    fault = 'none';
    world.clock.now = retrying.nextAttemptAt!;
    await publishDue(world.deps());
    expect(await reload(store, delivery.id)).toMatchObject({ state: 'published' });
    expect(world.network.records.size).toBe(1);
    expect(world.network.requests.map((r) => r.kind)).toEqual(['create', 'reconcile']);
  });
});

describe('an expired lease', () => {
  async function crashAfterPart(world: Awaited<ReturnType<typeof makeWorld>>, deliveryId: string, partsAccepted: number) {
    // The first worker dies after the network accepted `partsAccepted` parts.
    let accepted = 0;
    const dying = world.deps({
      adapterFor: (account) => {
        const adapter = world.network.adapterFor(account);
        return {
          ...adapter,
          publish: (input) =>
            adapter.publish({
              ...input,
              onPart: async (index, ref) => {
                if (++accepted > partsAccepted) throw new Error('killed');
                await input.onPart!(index, ref);
              },
            }),
        };
      },
      checkpoint: () => undefined,
    });
    // A worker killed mid-request never writes again: make its store writes fail from then on.
    await publishDue({
      ...dying,
      store: { ...world.store, deliveries: { ...world.store.deliveries, update: neverAfterKill(world.store, () => accepted > partsAccepted) } },
    }).catch(() => undefined);
    return reload(world.store, deliveryId);
  }

  function neverAfterKill(store: Store, isDead: () => boolean): Store['deliveries']['update'] {
    return (key, change) => (isDead() ? Promise.reject(new Error('dead worker')) : store.deliveries.update(key, change));
  }

  it('is reconciled: a post that arrived is marked published, never sent twice', async () => {
    const world = await makeWorld(store);
    const delivery = await schedule(store, await addAccount(store), T0);
    const stuck = await crashAfterPart(world, delivery.id, 0);
    expect(stuck.state).toBe('publishing');
    expect(world.network.records.size).toBe(1);
    world.clock.now = T0 + 30_000;
    await publishDue(world.deps());
    expect((await reload(store, delivery.id)).state).toBe('publishing'); // lease still live: hands off
    expect(await nextDueAt(store, world.clock.now)).toBe(stuck.lease!.until);
    world.clock.now = stuck.lease!.until + 1;
    await publishDue(world.deps());
    expect(await reload(store, delivery.id)).toMatchObject({ state: 'published', parts: [{ cid: expect.any(String) }] });
    expect(world.network.records.size).toBe(1);
  });

  it('resumes a thread after the parts that arrived', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store);
    const delivery = await schedule(store, account, T0, { variants: [{ accountId: account.id, text: 'one', thread: ['two', 'three'] }] });
    const stuck = await crashAfterPart(world, delivery.id, 1);
    expect(stuck.parts).toHaveLength(1);
    expect(world.network.records.size).toBe(2); // the second arrived, its progress write did not
    world.clock.now = stuck.lease!.until + 1;
    await publishDue(world.deps());
    expect((await reload(store, delivery.id)).parts).toHaveLength(3);
    expect([...world.network.records.values()].map((r) => r.text)).toEqual(['one', 'two', 'three']);
  });

  it('is held with a question when the network cannot tell', async () => {
    const world = await makeWorld(store, { certain: false });
    const delivery = await schedule(store, await addAccount(store, { network: 'mastodon', handle: 'ada@masto.test' }), T0);
    await store.deliveries.update(delivery.id, (d) => d && { ...d, state: 'publishing', lease: { owner: 'dead', until: T0 - 1 } });
    await publishDue(world.deps());
    const held = await reload(store, delivery.id);
    expect(held.state).toBe('held');
    expect(held.lastError!.message).toMatch(/cannot say whether it arrived\. Check the profile/);
    expect(world.network.requests.map((r) => r.kind)).toEqual(['reconcile']);
  });
});

describe('catch-up after the browser was closed', () => {
  it('publishes within the window and holds what is later, saying when it was due', async () => {
    const world = await makeWorld(store, { settings: { latePolicy: { mode: 'publish-if-within', withinMinutes: 30 } } });
    const account = await addAccount(store);
    const recent = await schedule(store, account, T0 - 10 * 60_000);
    const old = await schedule(store, account, T0 - 45 * 60_000);
    await publishDue(world.deps());
    expect((await reload(store, recent.id)).state).toBe('published');
    const held = await reload(store, old.id);
    expect(held).toMatchObject({
      state: 'held',
      lastError: { code: 'late', message: 'Due at 08:15 on Mon 2025-03-24 while the browser was closed — publish now or reschedule.' },
    });
    expect(world.network.records.size).toBe(1);
  });

  it('holds anything late beyond the alarm grace when the policy is "hold"', async () => {
    const world = await makeWorld(store, { settings: { latePolicy: { mode: 'hold', withinMinutes: 30 } } });
    const account = await addAccount(store);
    const onTime = await schedule(store, account, T0 - 60_000);
    const late = await schedule(store, account, T0 - 5 * 60_000);
    await publishDue(world.deps());
    expect((await reload(store, onTime.id)).state).toBe('published');
    expect((await reload(store, late.id)).state).toBe('held');
  });
});

describe('a disconnected account', () => {
  it('is marked at once; its posts wait together and go out after reconnecting', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store, { handle: 'ada.test' });
    const first = await schedule(store, account, T0);
    const second = await schedule(store, account, T0 + 60_000);
    const adapter = world.network.adapterFor(account);
    let expired = true;
    const deps = world.deps({
      adapterFor: () => ({ ...adapter, publish: (input) => (expired ? Promise.reject(new AuthError('The session expired.')) : adapter.publish(input)) }),
    });
    await publishDue(deps);
    expect((await store.accounts.get(account.id))?.ok && (await store.accounts.get(account.id))).toMatchObject({
      value: { status: 'disconnected', statusReason: 'The session expired.' },
    });
    expect(await reload(store, first.id)).toMatchObject({ state: 'scheduled', lease: null, lastError: { code: 'auth' } });
    world.clock.now = T0 + 120_000;
    await publishDue(deps);
    expect((await reload(store, second.id)).state).toBe('scheduled'); // waiting, not failed
    expect(await nextDueAt(store, world.clock.now)).toBeNull(); // no alarm loop while waiting
    expect(world.notes.map((n) => n.id)).toEqual([`account:${account.id}`]);

    expired = false;
    await store.accounts.update(account.id, (a) => a && { ...a, status: 'connected', statusReason: null });
    expect(await nextDueAt(store, world.clock.now)).toBe(T0);
    await publishDue(deps);
    expect([(await reload(store, first.id)).state, (await reload(store, second.id)).state]).toEqual(['published', 'published']);
  });
});
