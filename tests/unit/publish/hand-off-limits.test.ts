import { beforeEach, describe, expect, it } from 'vitest';
import { handOff } from '@/lib/publish/hand-off';
import { HAND_OFF_DAILY_LIMIT, HAND_OFF_TOTAL_LIMIT, handOffLimitRefusal } from '@/lib/publish/hand-off-limits';
import { openStore, type Store } from '@/lib/store';
import { makeDelivery } from '../factories';
import { T0, addAccount, makeWorld, reload, schedule } from './harness';

let store: Store;
beforeEach(async () => {
  store = await openStore();
  return () => store.close();
});

const DAY = 86_400_000;
const held = (dueAt: number) => makeDelivery({ network: 'mastodon', method: 'server-scheduled', state: 'scheduled', dueAt });

describe("a Mastodon server's scheduler limits (25 a day, 300 in all)", () => {
  it('refuses the 26th hand-off of one UTC day in plain words, and takes one for the next day', () => {
    const at = Date.parse('2025-03-25T10:00:00Z');
    const sameDay = Array.from({ length: HAND_OFF_DAILY_LIMIT }, (_, i) => held(Date.parse('2025-03-25T00:30:00Z') + i * 60_000));
    expect(handOffLimitRefusal('brand@example.social', at, sameDay)).toBe(
      "@brand@example.social's Mastodon server already holds 25 posts for 2025-03-25 (UTC), and it holds at most 25 a day. It stays scheduled with Cadence, which needs the browser open at that time. Pick another day to hand it over.",
    );
    expect(handOffLimitRefusal('brand@example.social', at + DAY, sameDay)).toBeNull();
    // A post Cadence publishes itself, or one already out, is not on the server's scheduler.
    expect(
      handOffLimitRefusal(
        'b',
        at,
        sameDay.map((d) => ({ ...d, method: 'api' as const })),
      ),
    ).toBeNull();
  });

  it('refuses the 301st in all', () => {
    const all = Array.from({ length: HAND_OFF_TOTAL_LIMIT }, (_, i) => held(T0 + i * DAY));
    expect(handOffLimitRefusal('b', T0 + 400 * DAY, all)).toMatch(/already holds 300 scheduled posts, and it holds at most 300\..*Cancel hand-off/);
  });

  it('the background refuses before any request, and the post stays scheduled with the browser', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store, { network: 'mastodon' });
    const due = T0 + DAY;
    for (let i = 0; i < HAND_OFF_DAILY_LIMIT; i++) {
      await store.deliveries.put({ ...held(due + i * 1000), accountId: account.id, workspaceId: account.workspaceId });
    }
    const delivery = await schedule(store, account, due + 3_600_000);
    await expect(handOff(world.deps(), delivery.id)).rejects.toThrow(/holds at most 25 a day/);
    expect(world.network.requests).toEqual([]);
    expect(await reload(store, delivery.id)).toMatchObject({ state: 'scheduled', method: 'api', dueAt: due + 3_600_000 });
  });
});
