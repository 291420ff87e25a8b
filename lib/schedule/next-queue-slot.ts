import type { Account } from '../model';
import type { Store } from '../store';
import { takenSlots } from './delivery-rows';
import { nextFreeSlots } from './next-free-slots';

/**
 * The earliest instant Add to queue would give the post now: each account's next free slot, found
 * the way addToQueue finds it (queue-post.ts), the soonest of them. Null when no account has a slot.
 * Compose writes it on its primary button ("Add to queue · Tue 09:00", issue 24).
 */
export async function nextQueueSlot(store: Store, accounts: readonly Account[], timeZone: string, now: number): Promise<number | null> {
  let soonest: number | null = null;
  for (const account of accounts) {
    if (account.schedule.length === 0) continue;
    const taken = await takenSlots(store, account.id, now);
    const [dueAt] = nextFreeSlots(account.schedule, { timeZone, now, taken, count: 1 });
    if (dueAt !== undefined && (soonest === null || dueAt < soonest)) soonest = dueAt;
  }
  return soonest;
}
