import { AppError, NotFoundError, ValidationError } from '../errors';
import type { Delivery, DeliveryState } from '../model';
import { refuseOverLimits } from '../schedule/queue-check';
import { validRows, type Store } from '../store';
import { partsFromPost, recordSent } from './sent';
import { isUnschedulable, mayHaveGoneOut, mayHaveReachedNetwork, UNSCHEDULABLE } from '../schedule/unschedulable';

export { isUnschedulable, mayHaveGoneOut, UNSCHEDULABLE };

/**
 * What the user asks of a delivery from the calendar or the composer. Each is one
 * read-check-write: the state it expects is checked in the same transaction as the write, so a
 * click that races the publisher changes nothing and says why.
 */
async function change(
  store: Store,
  id: string,
  allowed: readonly DeliveryState[],
  verb: string,
  next: (d: Delivery) => Delivery,
  refuse: (d: Delivery) => string | null = () => null,
): Promise<Delivery> {
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
  return change(store, id, ['held'], 'published', (d) => ({
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

const MAY_BE_OUT = 'Cadence already tried to send this post, so it may be out: look on the network, then Confirm posted or Retry.';

/** The publisher claimed it first (claim.ts): it goes out, and the calendar shows it so. */
const GOING_OUT = 'This post is going out right now, so it can no longer be taken back. The Calendar shows it once it is published.';

function refuseTakingBack(d: Delivery): string | null {
  if (d.state === 'publishing') return GOING_OUT;
  return mayHaveGoneOut(d) ? MAY_BE_OUT : null;
}

/**
 * "Unschedule" (issue 17): the delivery goes back to a draft of its post, with no time, never
 * silently away; queueing the post again turns this same draft into the scheduled one. It is one
 * read-check-write, as the claim is (claim.ts): a delivery the publisher claimed first is
 * `publishing` and is refused here, and one unscheduled first is no longer due there, so a race
 * ends either not published or published and shown so (tests/unit/publish/cancel-race.test.ts).
 * A delivery an attempt was already made for is refused too: its answer may have been lost on the
 * way back, so it may be out already, and a draft must never stand for a post that is on the network.
 */
export function unschedule(store: Store, id: string, now: number): Promise<Delivery> {
  return change(
    store,
    id,
    [...UNSCHEDULABLE, 'publishing'],
    'unscheduled',
    (d) => ({
      ...d,
      state: 'draft',
      dueAt: null,
      method: d.method === 'server-scheduled' ? 'api' : d.method,
      ...(d.method === 'server-scheduled' ? { remote: null, parts: [], sent: null } : {}),
      lease: null,
      nextAttemptAt: null,
      lastError: null,
      updatedAt: now,
    }),
    refuseTakingBack,
  );
}

/**
 * Cancelled for good: the account was unticked from the post in Compose, so no draft is left for
 * it. Refused, like Unschedule, while the publisher holds it or when it may be out already.
 */
export function cancel(store: Store, id: string, now: number): Promise<Delivery> {
  return change(
    store,
    id,
    [...CANCELLABLE, 'publishing'],
    'cancelled',
    (d) => ({
      ...d,
      state: 'cancelled',
      method: d.method === 'server-scheduled' ? 'api' : d.method,
      ...(d.method === 'server-scheduled' ? { remote: null, parts: [], sent: null } : {}),
      lease: null,
      nextAttemptAt: null,
      updatedAt: now,
    }),
    refuseTakingBack,
  );
}

/**
 * "Undo" after Unschedule or an untick: the delivery takes back the state and time it had in
 * `before`, as long as nothing touched it since (it is still the draft or cancelled row that
 * action left). A hand-off cannot come back this way: the server's copy was deleted, so it
 * returns as a post the browser publishes. One post × account has one live delivery (queue-post.ts):
 * a cancelled row comes back only while no other is queued for its account, and takes the place
 * of a draft made for it since.
 */
export async function restore(store: Store, before: Delivery, now: number): Promise<Delivery> {
  if (!UNSCHEDULABLE.includes(before.state)) throw new ValidationError(`This post was ${describe(before.state)}, so there is nothing to put back.`);
  const siblings = validRows(await store.deliveries.list({ index: 'by-post', query: before.postId })).filter(
    (d) => d.id !== before.id && d.accountId === before.accountId && d.state !== 'cancelled',
  );
  if (siblings.some((d) => d.state !== 'draft')) throw new ValidationError('This post was queued again since, so Undo has nothing to put back.');
  const restored = await change(store, before.id, ['draft', 'cancelled'], 'put back', (d) => ({
    ...d,
    state: before.state,
    dueAt: before.dueAt,
    nextAttemptAt: before.nextAttemptAt,
    lastError: before.lastError,
    method: before.method === 'server-scheduled' ? 'api' : before.method,
    lease: null,
    updatedAt: now,
  }));
  for (const draft of siblings) await store.deliveries.delete(draft.id);
  return restored;
}
