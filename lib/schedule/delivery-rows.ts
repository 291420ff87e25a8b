import { API_NETWORKS, newId, type Account, type Delivery, type DeliveryState } from '../model';
import type { Store } from '../store';
import { validRows } from '../store';

/**
 * States that hold a slot: a post in one of them will (or may still) go out at its `dueAt`, so
 * no second post may be queued there. Drafts have no time; published, failed and cancelled
 * posts no longer need theirs.
 */
export const SLOT_HOLDING_STATES: readonly DeliveryState[] = ['scheduled', 'publishing', 'retrying', 'awaiting-confirmation', 'held'];

/** API networks publish directly only when the user chose so; everything else is a reminder. */
export function methodFor(account: Account): Delivery['method'] {
  return API_NETWORKS.includes(account.network) && account.publishMode === 'api' ? 'api' : 'reminder';
}

/** The instants at or after `from` that this account's queued deliveries already occupy. */
export async function takenSlots(store: Store, accountId: string, from: number): Promise<number[]> {
  const rows = await store.deliveries.list({
    index: 'by-account-dueAt',
    query: IDBKeyRange.bound([accountId, from], [accountId, Number.MAX_SAFE_INTEGER]),
  });
  return validRows(rows).flatMap((delivery) => (SLOT_HOLDING_STATES.includes(delivery.state) && delivery.dueAt !== null ? [delivery.dueAt] : []));
}

/**
 * A delivery as the publisher expects to find it (issue 4: "stored as a delivery per account in
 * state scheduled with its due time, so the publisher can take it over with no migration"):
 * the idempotency key is chosen now and reused on every retry; the Bluesky rkey is chosen by
 * the publisher before its first attempt.
 */
export function newDelivery(
  postId: string,
  account: Account,
  when: { state: 'scheduled'; dueAt: number } | { state: 'draft'; dueAt: null },
  now: number,
): Delivery {
  return {
    v: 1,
    id: newId('dlv'),
    postId,
    accountId: account.id,
    workspaceId: account.workspaceId,
    network: account.network,
    state: when.state,
    method: methodFor(account),
    dueAt: when.dueAt,
    attempt: 0,
    nextAttemptAt: null,
    lease: null,
    idempotencyKey: crypto.randomUUID(),
    rkey: null,
    remote: null,
    parts: [],
    sent: null,
    lastError: null,
    publishedAt: null,
    updatedAt: now,
  };
}
