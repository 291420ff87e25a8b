import { AppError, NotFoundError, ValidationError } from '../errors';
import type { Delivery, DeliveryState } from '../model';
import { refuseOverLimits } from '../schedule/queue-check';
import { validRows, type Store } from '../store';
import { mayHaveReachedNetwork } from './publish-one';
import { partsFromPost, recordSent } from './sent';

/**
 * What the user asks of a delivery from the calendar or the composer. Each is one
 * read-check-write: the state it expects is checked in the same transaction as the write, so a
 * click that races the publisher changes nothing and says why.
 */
async function change(store: Store, id: string, allowed: readonly DeliveryState[], verb: string, next: (d: Delivery) => Delivery, refuse: (d: Delivery) => string | null = () => null): Promise<Delivery> {
  let refusal: AppError | null = null as AppError | null;
  const written = await store.deliveries.update(id, (current) => {
    if (!current) refusal = new NotFoundError('That post is no longer in Cadence.');
    else if (!allowed.includes(current.state)) refusal = new ValidationError(`This post is ${describe(current.state)}, so it cannot be ${verb} now.`);
    else if (refuse(current)) refusal = new ValidationError(refuse(current)!);
    return refusal || !current ? undefined : next(current);
  });
  if (refusal) throw refusal;
  if (!written) throw new NotFoundError('That post is no longer in Cadence.');
  return written;
}

export function describe(state: DeliveryState): string {
  return state === 'awaiting-confirmation' ? 'waiting for you to post it' : state;
}

/**
 * A hand-off coming back to the browser is published through the API. Its key changes only when
 * the server was found not to have it at all: Mastodon answers a key it saw within the hour with
 * that first answer (here, the scheduled status), not with a post. Otherwise the key stays, so
 * an attempt that did arrive is still not doubled.
 */
function backFromHandOff(d: Delivery): Pick<Delivery, 'method' | 'idempotencyKey'> {
  if (d.method !== 'server-scheduled') return { method: d.method, idempotencyKey: d.idempotencyKey };
  return { method: 'api', idempotencyKey: d.lastError?.code === 'not-published' ? crypto.randomUUID() : d.idempotencyKey };
}

/**
 * What a user's "go" keeps of the doubt about an earlier attempt (issue 18, hole 4): clearing
 * lastError must not make a maybe-sent post look unsent, so the doubt is stored before it goes
 * (rows from before Delivery.doubt carry it in lastError). A held "cannot tell" answered with
 * Publish now / Try again is 'user-checked': the network is still asked first, and only its
 * "cannot tell" no longer holds the post again.
 */
function keptDoubt(d: Delivery): Pick<Delivery, 'doubt'> {
  if (d.state === 'held' && d.lastError?.code === 'uncertain') return { doubt: 'user-checked' };
  if (mayHaveReachedNetwork(d)) return { doubt: d.doubt === 'user-checked' ? 'user-checked' : 'maybe' };
  return d.doubt ? { doubt: d.doubt } : {};
}

/**
 * "Try again" / "Publish now" on a failed, held or retrying delivery: it goes out at once. The
 * user has looked, so the last error is cleared (the doubt about an earlier attempt is kept) and
 * the idempotency key and rkey are kept, so an attempt that did arrive is still not doubled.
 */
export function retryNow(store: Store, id: string, now: number): Promise<Delivery> {
  return change(store, id, ['failed', 'held', 'retrying'], 'retried', (d) => ({
    ...d,
    state: 'retrying',
    ...backFromHandOff(d),
    ...keptDoubt(d),
    attempt: 0,
    nextAttemptAt: now,
    lastError: null,
    updatedAt: now,
  }));
}

export function publishHeld(store: Store, id: string, now: number): Promise<Delivery> {
  return change(store, id, ['held'], 'published', (d) => ({ ...d, state: 'retrying', ...backFromHandOff(d), ...keptDoubt(d), attempt: 0, nextAttemptAt: now, lastError: null, updatedAt: now }));
}

/** Share now: every delivery of the post that has not gone out is due this instant. */
export async function publishPostNow(store: Store, postId: string, now: number): Promise<Delivery[]> {
  const rows = validRows(await store.deliveries.list({ index: 'by-post', query: postId }));
  const open = rows.filter((d) => ['draft', 'scheduled', 'held', 'failed', 'retrying'].includes(d.state) && d.method !== 'server-scheduled');
  if (open.length === 0) throw new ValidationError('This post has no account waiting to publish it. Choose accounts in Compose first.');
  await refuseUnsendable(store, postId, open);
  const moved: Delivery[] = [];
  for (const d of open) {
    moved.push(
      await change(store, d.id, ['draft', 'scheduled', 'held', 'failed', 'retrying'], 'published', (current) =>
        current.state === 'retrying' || current.state === 'failed' || current.state === 'held'
          ? { ...current, state: 'retrying', ...keptDoubt(current), attempt: 0, nextAttemptAt: now, lastError: null, updatedAt: now }
          : { ...current, state: 'scheduled', dueAt: now, updatedAt: now },
      ),
    );
  }
  return moved;
}

/** Share now refuses what the networks would refuse, like queueing does (queue-check.ts). */
async function refuseUnsendable(store: Store, postId: string, open: readonly Delivery[]): Promise<void> {
  const post = await store.posts.get(postId);
  if (!post?.ok) throw new NotFoundError('This post could not be read, so it was not published.');
  const accounts = validRows(await Promise.all(open.map((d) => store.accounts.get(d.accountId))).then((rows) => rows.filter((row) => row !== undefined)));
  refuseOverLimits(post.value, accounts);
}

/**
 * "Confirm posted": a reminder the user posted by hand, or a held post they found online. What
 * they posted is recorded as the post says it now (a reminder's share page is filled when it
 * opens, and confirming is the next step); parts a held thread already sent keep their record.
 */
export async function confirmPosted(store: Store, id: string, now: number): Promise<Delivery> {
  const row = await store.deliveries.get(id);
  const post = row?.ok ? await store.posts.get(row.value.postId) : undefined;
  return change(store, id, ['awaiting-confirmation', 'held', 'failed'], 'confirmed', (d) => ({
    ...d,
    state: 'published',
    sent: post?.ok ? recordSent(d.sent, partsFromPost(post.value, d)) : d.sent,
    lease: null,
    nextAttemptAt: null,
    lastError: null,
    publishedAt: now,
    updatedAt: now,
  }));
}

/** "Snooze": remind again `minutes` from now. */
export function snooze(store: Store, id: string, minutes: number, now: number): Promise<Delivery> {
  if (!(minutes > 0)) throw new ValidationError('Snooze for at least one minute.');
  return change(store, id, ['awaiting-confirmation'], 'snoozed', (d) => ({ ...d, state: 'scheduled', dueAt: now + minutes * 60_000, updatedAt: now }));
}

const CANCELLABLE: readonly DeliveryState[] = ['draft', 'scheduled', 'retrying', 'held', 'failed', 'awaiting-confirmation'];

/** What "Unschedule" may take back: anything queued that the publisher does not hold right now. */
export const UNSCHEDULABLE: readonly DeliveryState[] = ['scheduled', 'retrying', 'held', 'failed', 'awaiting-confirmation'];

/** A delivery some attempt was made for may be on the network already (a lost answer, a part of a thread). */
export function mayHaveGoneOut(d: Delivery): boolean {
  return d.method !== 'reminder' && (d.attempt > 0 || d.parts.length > 0) && d.state !== 'scheduled';
}

/**
 * "Unschedule" (issue 17): the delivery goes back to a draft of its post, with no time, never
 * silently away; queueing the post again turns this same draft into the scheduled one. It is one
 * read-check-write, as the claim is (claim.ts): a delivery the publisher claimed first is
 * `publishing` and is refused here, and one unscheduled first is no longer due there, so a race
 * ends either not published or published and shown so. A delivery an attempt was already made
 * for is refused too: its answer may have been lost on the way back, so it may be out already,
 * and a draft must never stand for a post that is on the network.
 */
export function unschedule(store: Store, id: string, now: number): Promise<Delivery> {
  return change(
    store,
    id,
    UNSCHEDULABLE,
    'unscheduled',
    (d) => ({
      ...d,
      state: 'draft',
      dueAt: null,
      method: d.method === 'server-scheduled' ? 'api' : d.method,
      remote: d.method === 'server-scheduled' ? null : d.remote,
      lease: null,
      nextAttemptAt: null,
      lastError: null,
      updatedAt: now,
    }),
    refuseIfMaybeOut,
  );
}

/** Neither Unschedule nor Cancel may stand for a post that is on the network (issue 17). */
function refuseIfMaybeOut(d: Delivery): string | null {
  return mayHaveGoneOut(d) ? 'Cadence already tried to send this post, so it may be out: look on the network, then Confirm posted or Retry.' : null;
}

/**
 * Cancelled for good: the account was unticked from the post (Compose), so no draft is left for
 * it. Refused, as Unschedule is, once an attempt may have put it out: the publish simulation
 * found a thread cancelled after a lost answer, with its first part on the network.
 */
export function cancel(store: Store, id: string, now: number): Promise<Delivery> {
  return change(store, id, CANCELLABLE, 'cancelled', (d) => ({ ...d, state: 'cancelled', lease: null, nextAttemptAt: null, updatedAt: now }), refuseIfMaybeOut);
}
