import { beforeEach, describe, expect, it } from 'vitest';
import { claim } from '@/lib/publish/claim';
import { queuedOf, swapSlots } from '@/lib/schedule/swap-slots';
import { openStore, type Store } from '@/lib/store';
import { T0, addAccount, makeWorld, reload, schedule } from '../publish/harness';

let store: Store;
beforeEach(async () => {
  store = await openStore();
  await makeWorld(store);
  return () => store.close();
});

describe('reordering an account’s queue', () => {
  it('trades two posts’ slot times, and the list follows', async () => {
    const account = await addAccount(store);
    const first = await schedule(store, account, T0 + 3_600_000);
    const second = await schedule(store, account, T0 + 7_200_000);
    expect((await queuedOf(store, account.id, T0)).map((d) => d.id)).toEqual([first.id, second.id]);
    await swapSlots(store, second.id, first.id, T0);
    expect((await reload(store, first.id)).dueAt).toBe(T0 + 7_200_000);
    expect((await reload(store, second.id)).dueAt).toBe(T0 + 3_600_000);
    expect((await queuedOf(store, account.id, T0)).map((d) => d.id)).toEqual([second.id, first.id]);
  });

  it('moves nothing when the publisher claimed one first, or when one is due or of another account', async () => {
    const account = await addAccount(store);
    const due = await schedule(store, account, T0);
    const later = await schedule(store, account, T0 + 3_600_000);
    await expect(swapSlots(store, due.id, later.id, T0)).rejects.toThrow('going out right now');
    expect(await claim(store, due.id, 'worker', T0)).not.toBeNull();
    await expect(swapSlots(store, due.id, later.id, T0)).rejects.toThrow('no longer waiting in the queue');
    const other = await schedule(store, await addAccount(store), T0 + 7_200_000);
    await expect(swapSlots(store, later.id, other.id, T0)).rejects.toThrow('same account');
    expect((await reload(store, later.id)).dueAt).toBe(T0 + 3_600_000);
  });
});
