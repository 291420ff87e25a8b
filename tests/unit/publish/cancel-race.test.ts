import { beforeEach, describe, expect, it } from 'vitest';
import type { Step } from '@/lib/publish/deps';
import { cancel, unschedule } from '@/lib/publish/actions';
import { claim } from '@/lib/publish/claim';
import { publishDue } from '@/lib/publish/publish-due';
import { publishClaimed } from '@/lib/publish/publish-one';
import { openStore, type Store } from '@/lib/store';
import { T0, addAccount, makeWorld, reload, schedule, type World } from './harness';

/**
 * Issue 17: a cancel that races the claim ends in exactly one of two states — not published
 * (the delivery is a draft, or cancelled, and the network has nothing), or published and shown
 * so (the cancel was refused, saying it is going out). Both are one IndexedDB read-check-write
 * transaction on the same row, so they are serialized and the second sees the first's write.
 */
let store: Store;
beforeEach(async () => {
  store = await openStore();
  return () => store.close();
});

type Outcome = 'not-published' | 'published';

/** The end state after the publisher has run once more: one of the two, or the test fails. */
async function settle(world: World, id: string, cancelled: PromiseSettledResult<unknown>): Promise<Outcome> {
  await publishDue(world.deps());
  const after = await reload(store, id);
  const records = world.network.records.size;
  if (cancelled.status === 'fulfilled') {
    expect(['draft', 'cancelled']).toContain(after.state);
    expect(records).toBe(0);
    return 'not-published';
  }
  expect(after).toMatchObject({ state: 'published', lease: null });
  expect(records).toBe(1);
  expect(String((cancelled.reason as Error).message)).toMatch(/going out right now|is published, so/);
  return 'published';
}

/** Yields `turns` times, so the two sides start their transactions in varying order. */
const after = async (turns: number) => {
  for (let i = 0; i < turns; i++) await Promise.resolve();
};

describe('a cancel racing the claim (issue 17)', () => {
  it('lets exactly one of claim and Unschedule win, whichever starts first', async () => {
    const seen = new Set<string>();
    for (let round = 0; round < 24; round++) {
      const world = await makeWorld(store);
      const delivery = await schedule(store, await addAccount(store), T0);
      const take = round % 2 === 0 ? unschedule : cancel;
      const [claimed, cancelled] = await Promise.allSettled([
        after(round % 3).then(() => claim(store, delivery.id, 'worker_race', T0)),
        after(Math.floor(round / 3) % 4).then(() => take(store, delivery.id, T0)),
      ]);
      expect(claimed.status).toBe('fulfilled');
      const isClaimed = claimed.status === 'fulfilled' && claimed.value !== null;
      // Exactly one side wrote: the claim, or the cancel.
      expect(isClaimed).toBe(cancelled.status === 'rejected');
      // The claimer publishes what it holds, as the live worker does (its lease keeps others off).
      if (claimed.status === 'fulfilled' && claimed.value) await publishClaimed(world.deps({ owner: 'worker_race' }), claimed.value, { reconcileFirst: false });
      const outcome = await settle(world, delivery.id, cancelled);
      seen.add(outcome);
      world.network.records.clear();
    }
    // Both endings happen across the rounds, so the race was really run both ways.
    expect([...seen].sort()).toEqual(['not-published', 'published']);
  });

  for (const step of ['before-claim', 'after-claim', 'after-response', 'during-request'] as const) {
    it(`ends not published or published and shown so when Unschedule comes at ${step}`, async () => {
      const world = await makeWorld(store);
      const account = await addAccount(store);
      const delivery = await schedule(store, account, T0);
      let cancelled: Promise<PromiseSettledResult<unknown>> | null = null;
      const fire = () => {
        cancelled ??= Promise.allSettled([unschedule(store, delivery.id, T0)]).then(([result]) => result!);
      };
      const adapter = world.network.adapterFor(account);
      const deps = world.deps({
        checkpoint: (at: Step) => (at === step ? fire() : undefined),
        adapterFor: () => ({
          ...adapter,
          publish: async (input) => {
            if (step === 'during-request') {
              fire();
              await cancelled;
            }
            return adapter.publish(input);
          },
        }),
      });
      await publishDue(deps);
      expect(cancelled).not.toBeNull();
      const outcome = await settle(world, delivery.id, await cancelled!);
      // Before the claim the cancel wins (the claim finds a draft); from the claim on, the post is
      // the publisher's, and the cancel is refused.
      expect(outcome).toBe(step === 'before-claim' ? 'not-published' : 'published');
    });
  }
});
