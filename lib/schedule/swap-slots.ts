import { NotFoundError, ValidationError } from '../errors';
import { deliverySchema, type Delivery } from '../model';
import type { Store } from '../store';
import { validRows } from '../store';

/**
 * Reordering an account's queue (issue 17): two of its queued posts trade their slot times.
 *
 * Invariants:
 * - one read-check-write transaction over both rows, as the claim is one (lib/publish/claim.ts):
 *   a post the publisher claimed first is `publishing` and the swap is refused; one swapped first
 *   is due at its new time when the publisher looks;
 * - only posts waiting on the browser's schedule move: a post already due is going out, and one
 *   handed to Mastodon's scheduler is the server's to publish at the time it holds.
 */

/** The account's posts waiting in its queue from `now` on, soonest first: what the reorder list shows. */
export async function queuedOf(store: Store, accountId: string, now: number): Promise<Delivery[]> {
  const rows = await store.deliveries.list({
    index: 'by-account-dueAt',
    query: IDBKeyRange.bound([accountId, now], [accountId, Number.MAX_SAFE_INTEGER], true),
  });
  return validRows(rows).filter((d) => d.state === 'scheduled');
}

export async function swapSlots(store: Store, firstId: string, secondId: string, now: number): Promise<[Delivery, Delivery]> {
  const tx = store.db.transaction('deliveries', 'readwrite');
  const rows = tx.objectStore('deliveries');
  const [first, second] = (await Promise.all([rows.get(firstId), rows.get(secondId)])).map((raw) => deliverySchema.safeParse(raw));
  const refusal = refuse(first?.success ? first.data : null, second?.success ? second.data : null, now);
  if (refusal || !first?.success || !second?.success) {
    tx.abort();
    await tx.done.catch(() => undefined); // the abort we just asked for
    throw refusal ?? new NotFoundError('That post is no longer in the queue.');
  }
  const a = { ...first.data, dueAt: second.data.dueAt, updatedAt: now };
  const b = { ...second.data, dueAt: first.data.dueAt, updatedAt: now };
  await Promise.all([rows.put(a), rows.put(b), tx.done]);
  store.feed.publish({ store: 'deliveries', keys: [a.id, b.id], op: 'put' });
  return [a, b];
}

function refuse(first: Delivery | null, second: Delivery | null, now: number): Error | null {
  if (!first || !second) return new NotFoundError('That post is no longer in the queue: the list shows it as it is now.');
  if (first.accountId !== second.accountId) return new ValidationError('Only posts of the same account trade places.');
  for (const d of [first, second]) {
    if (d.state !== 'scheduled' || d.dueAt === null) return new ValidationError('One of these posts is no longer waiting in the queue, so nothing moved.');
    if (d.dueAt <= now) return new ValidationError('One of these posts is going out right now, so nothing moved.');
    if (d.method === 'server-scheduled') return new ValidationError('One of these posts is with Mastodon’s scheduler, which keeps its time, so nothing moved.');
  }
  return null;
}
