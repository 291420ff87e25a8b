import type { Account, Delivery, Post } from '../model';
import { newDelivery, takenSlots } from '../schedule/delivery-rows';
import { evergreenDueAt } from '../schedule/evergreen';
import { nextFreeSlots } from '../schedule/next-free-slots';
import { validRows, type Store } from '../store';

/**
 * Evergreen posts (Post.evergreenDays) come round again: each published delivery of one gets a
 * follow-up for the same account, `evergreenDays` calendar days later in the workspace's zone —
 * in the first free posting slot from then on when the account has a schedule (it re-enters the
 * queue), at that very time when it has none.
 *
 * Invariants:
 * - exactly one follow-up per published delivery, whatever crashes or repeats: its id is derived
 *   from the published delivery's id, and it is written only if no row has that id — so a
 *   follow-up the user cancelled or deleted stays gone;
 * - turning "Recycle" off on the post stops the chain at the next publication;
 * - an account that is gone or disconnected gets no follow-up now; a later sweep gives it one
 *   once the account is back (the source delivery is still published and still without one);
 * - a follow-up whose time has passed (the browser was closed) takes the next slot from now.
 */

/** Published deliveries older than this are looked at only by the full sweep (maintenance, start-up). */
export const RECENT_MS = 7 * 24 * 3_600_000;

/** The id of the follow-up of `deliveryId`: the same on every run and in every worker. */
export async function followUpId(deliveryId: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`evergreen:${deliveryId}`)));
  return `dlv_eg_${[...digest.slice(0, 16)].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

export interface RecycleDeps {
  store: Store;
  now: () => number;
}

/** Writes the missing follow-ups of published evergreen deliveries due since `from`; returns them. */
export async function recycleEvergreen({ store, now }: RecycleDeps, from = 0): Promise<Delivery[]> {
  const published = validRows(
    await store.deliveries.list({ index: 'by-state-dueAt', query: IDBKeyRange.bound(['published', from], ['published', Number.MAX_SAFE_INTEGER]) }),
  );
  const posts = new Map<string, Post | null>();
  const postOf = async (id: string) => {
    if (!posts.has(id)) {
      const row = await store.posts.get(id);
      posts.set(id, row?.ok ? row.value : null);
    }
    return posts.get(id)!;
  };
  const written: Delivery[] = [];
  for (const delivery of published) {
    if (delivery.publishedAt === null) continue;
    const post = await postOf(delivery.postId);
    if (!post?.evergreenDays || post.replyTo) continue;
    const id = await followUpId(delivery.id);
    if (await store.deliveries.get(id)) continue; // a damaged row there counts as present: never overwritten
    const account = await store.accounts.get(delivery.accountId);
    if (!account?.ok || account.value.status === 'disconnected') continue;
    const dueAt = await followUpTime(store, account.value, delivery.publishedAt, post.evergreenDays, now());
    const row = { ...newDelivery(post.id, account.value, { state: 'scheduled', dueAt }, now()), id };
    // Another worker may have written it since the check above: add only, never replace.
    if (await store.deliveries.update(id, (current) => (current ? undefined : row))) written.push(row);
  }
  return written;
}

async function followUpTime(store: Store, account: Account, publishedAt: number, days: number, now: number): Promise<number> {
  const workspace = await store.workspaces.get(account.workspaceId);
  const timeZone = workspace?.ok ? workspace.value.timeZone : 'UTC';
  const target = evergreenDueAt(publishedAt, days, timeZone);
  const from = Math.max(target, now + 1);
  if (account.schedule.length === 0) return from;
  // A slot exactly at `from` counts: nextFreeSlots takes only slots after its `now`.
  const [slot] = nextFreeSlots(account.schedule, { timeZone, now: from - 1, taken: await takenSlots(store, account.id, from), count: 1 });
  return slot ?? from;
}
