import { AppError, NotFoundError, ValidationError, zodMessage } from '../errors';
import { deliverySchema, postSchema, type Account, type Delivery, type DeliveryState, type Post } from '../model';
import type { Store } from '../store';
import { validRows } from '../store';
import { methodFor, newDelivery, takenSlots } from './delivery-rows';
import { changesWords, editLock } from './edit-lock';
import { nextFreeSlots } from './next-free-slots';
import { refuseOverLimits } from './queue-check';

/**
 * Turning a post into deliveries: this decides *when*, the publisher decides nothing here.
 *
 * Invariants:
 * - one delivery per post × account (a cancelled one aside): queueing a post that has a draft
 *   delivery for an account turns that draft into the scheduled one;
 * - every account is checked before anything is written, so a refusal leaves no half-queued post;
 * - a post over a network's limits is refused here, where deliveries are written, not only in a
 *   button (queue-check.ts), so no path can queue what the network would refuse;
 * - rows change only through `put` of a new row or `update` (read-check-write in one transaction).
 */

export interface Targets {
  postId: string;
  accountIds: readonly string[];
  now: number;
}

/**
 * Writes the post, validated against postSchema. Its words are refused (ValidationError saying
 * why) while a delivery is on its way (edit-lock.ts), checked in the same transaction as the write.
 */
export async function savePost(store: Store, post: Post): Promise<Post> {
  const valid = postSchema.safeParse(post);
  if (!valid.success) throw new ValidationError(`Refused to save an invalid posts row: ${zodMessage(valid.error)}`);
  const row = valid.data;
  const tx = store.db.transaction(['posts', 'deliveries'], 'readwrite');
  const [storedRaw, deliveryRows] = await Promise.all([tx.objectStore('posts').get(row.id), tx.objectStore('deliveries').index('by-post').getAll(row.id)]);
  const stored = postSchema.safeParse(storedRaw);
  const lock = stored.success && changesWords(stored.data, row) ? editLock(deliveryRows.flatMap((raw) => parsedDelivery(raw))) : null;
  if (lock) {
    tx.abort();
    await tx.done.catch(() => undefined); // the abort we just asked for
    throw new ValidationError(lock);
  }
  await Promise.all([tx.objectStore('posts').put(row), tx.done]);
  store.feed.publish({ store: 'posts', keys: [row.id], op: 'put' });
  return row;
}

/** A damaged delivery row locks nothing here: it shows flagged on the Calendar. */
function parsedDelivery(raw: unknown): Delivery[] {
  const parsed = deliverySchema.safeParse(raw);
  return parsed.success ? [parsed.data] : [];
}

/** Each chosen account gets the post in its next free posting slot, in the workspace's zone. */
export async function addToQueue(store: Store, targets: Targets): Promise<Delivery[]> {
  const { post, accounts, timeZone } = await loadTargets(store, targets);
  refuseOverLimits(post, accounts);
  const empty = accounts.find((account) => account.schedule.length === 0);
  if (empty) throw new AppError('validation', `Add a posting schedule to @${empty.handle} in Settings first`);
  await refuseQueued(store, targets.postId, accounts);
  const placed: Delivery[] = [];
  for (const account of accounts) {
    const taken = await takenSlots(store, account.id, targets.now);
    const [dueAt] = nextFreeSlots(account.schedule, { timeZone, now: targets.now, taken, count: 1 });
    if (dueAt === undefined) throw new ValidationError(`No free slot found for @${account.handle}`);
    placed.push(await place(store, targets, account, { state: 'scheduled', dueAt }));
  }
  return placed;
}

/**
 * Each chosen account gets the post at the same instant `at`, picked by the user. An account the
 * post is already scheduled on is moved there (issue 17: Schedule at… reschedules), through the
 * same read-check-write as a move on the calendar; every account is checked before any is written.
 */
export async function scheduleAt(store: Store, targets: Targets & { at: number }): Promise<Delivery[]> {
  if (!(targets.at > targets.now)) throw new ValidationError('Pick a time in the future');
  const { post, accounts } = await loadTargets(store, targets);
  refuseOverLimits(post, accounts);
  const existing = await deliveriesOf(store, targets.postId);
  const plan = accounts.map((account) => ({ account, waiting: waitingOn(existing, account) }));
  const stuck = plan.find(({ waiting }) => waiting !== null && !isMovable(waiting));
  if (stuck) throw new ValidationError(stuckWords(stuck.waiting!, stuck.account));
  const placed: Delivery[] = [];
  for (const { account, waiting } of plan) {
    placed.push(
      waiting ? await reschedule(store, waiting.id, targets.at, targets.now) : await place(store, targets, account, { state: 'scheduled', dueAt: targets.at }),
    );
  }
  return placed;
}

/** This account's delivery of the post that still waits to go out, else one that is out, else null. */
function waitingOn(existing: readonly Delivery[], account: Account): Delivery | null {
  const live = existing.filter((d) => d.accountId === account.id && d.state !== 'draft' && d.state !== 'cancelled');
  return live.find((d) => d.state !== 'published') ?? live[0] ?? null;
}

/** Whether a move (drag, M, the Move… form, Schedule at…) may take this delivery to a new time. */
export function isMovable(d: Delivery): boolean {
  return RESCHEDULABLE.includes(d.state) && d.method !== 'server-scheduled';
}

function stuckWords(d: Delivery, account: Account): string {
  if (d.state === 'published') return `This post already went out on @${account.handle}, so it is not scheduled there again.`;
  if (d.method === 'server-scheduled')
    return `This post is scheduled on @${account.handle}'s Mastodon server. Unschedule it on the Calendar first, then schedule it again at the new time.`;
  return `This post is ${d.state} on @${account.handle}, so it cannot move now. The Calendar shows where it stands.`;
}

/** Draft deliveries for the chosen accounts; drafts of accounts no longer chosen are removed. */
export async function saveDraft(store: Store, targets: Targets): Promise<Delivery[]> {
  const { accounts } = await loadTargets(store, targets, { allowNone: true });
  const existing = await deliveriesOf(store, targets.postId);
  for (const stale of existing.filter((d) => d.state === 'draft' && !targets.accountIds.includes(d.accountId))) {
    await store.deliveries.delete(stale.id);
  }
  const drafts: Delivery[] = [];
  for (const account of accounts) {
    const current = existing.find((d) => d.accountId === account.id && d.state !== 'cancelled');
    drafts.push(current ?? (await store.deliveries.put(newDelivery(targets.postId, account, { state: 'draft', dueAt: null }, targets.now))));
  }
  return drafts;
}

const RESCHEDULABLE: readonly DeliveryState[] = ['scheduled', 'held', 'failed'];

/**
 * Moves one delivery to `at`. Only a delivery that is not on its way out may move: a publishing
 * or retrying one belongs to the publisher, a published one is history. A failed or held one
 * starts over as scheduled, keeping its idempotency key so an attempt that did reach the
 * network is not sent twice.
 */
export async function reschedule(store: Store, deliveryId: string, at: number, now: number): Promise<Delivery> {
  if (!(at > now)) throw new ValidationError('Pick a time in the future');
  let refusal: AppError | null = null as AppError | null;
  const moved = await store.deliveries.update(deliveryId, (current) => {
    if (!current) refusal = new NotFoundError('That post is no longer scheduled.');
    else if (!RESCHEDULABLE.includes(current.state)) refusal = new ValidationError(`A ${current.state} post cannot be moved`);
    else if (current.method === 'server-scheduled') {
      // The server holds it and publishes it at its own time: moving it here would not move it there.
      refusal = new ValidationError('This post is scheduled on the Mastodon server. Unschedule it first, then schedule it again at the new time.');
    }
    if (refusal || !current) return undefined;
    return { ...current, state: 'scheduled', dueAt: at, attempt: 0, nextAttemptAt: null, updatedAt: now };
  });
  if (refusal) throw refusal;
  if (!moved) throw new NotFoundError('That post is no longer scheduled.');
  return moved;
}

async function loadTargets(store: Store, { postId, accountIds }: Targets, { allowNone = false } = {}) {
  if (accountIds.length === 0 && !allowNone) throw new ValidationError('Choose at least one account');
  const post = await store.posts.get(postId);
  if (!post?.ok) throw new NotFoundError(`Post ${postId} could not be read`);
  const workspace = await store.workspaces.get(post.value.workspaceId);
  if (!workspace?.ok) throw new NotFoundError(`The workspace of post ${postId} could not be read`);
  const accounts: Account[] = [];
  for (const id of accountIds) {
    const row = await store.accounts.get(id);
    if (!row?.ok || row.value.workspaceId !== post.value.workspaceId) throw new NotFoundError(`Account ${id} is not in this workspace`);
    accounts.push(row.value);
  }
  return { post: post.value, accounts, timeZone: workspace.value.timeZone };
}

async function deliveriesOf(store: Store, postId: string): Promise<Delivery[]> {
  return validRows(await store.deliveries.list({ index: 'by-post', query: postId }));
}

async function refuseQueued(store: Store, postId: string, accounts: readonly Account[]): Promise<void> {
  const existing = await deliveriesOf(store, postId);
  const queued = accounts.find((account) => existing.some((d) => d.accountId === account.id && d.state !== 'draft' && d.state !== 'cancelled'));
  if (queued) throw new ValidationError(`This post is already scheduled on @${queued.handle}: pick its new time with Schedule at…, or move it on the Calendar`);
}

type When = { state: 'scheduled'; dueAt: number };

/** Turns this account's draft delivery into the scheduled one, or creates it. */
async function place(store: Store, { postId, now }: Targets, account: Account, when: When): Promise<Delivery> {
  const draft = (await deliveriesOf(store, postId)).find((d) => d.accountId === account.id && d.state === 'draft');
  if (!draft) return store.deliveries.put(newDelivery(postId, account, when, now));
  const updated = await store.deliveries.update(draft.id, (current) =>
    current?.state === 'draft' ? { ...current, ...when, method: methodFor(account), updatedAt: now } : undefined,
  );
  return updated ?? store.deliveries.put(newDelivery(postId, account, when, now));
}
