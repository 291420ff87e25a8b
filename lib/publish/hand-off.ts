import { HAND_OFF_MARGIN_MS } from '../schedule/hand-off-notice';
import { AuthError, NetworkError, NotFoundError, RateLimitedError, ValidationError } from '../errors';
import type { Account, Delivery, SentPart } from '../model';
import type { ReconcileResult } from '../networks';
import { codeOf, messageOf } from './backoff';
import { buildParts, loadPost, partsToMatch, postOptions } from './build-input';
import { LEASE_MS, LONGEST_REQUEST_MS, writeLeased } from './claim';
import { refuseOverLimits } from '../schedule/queue-check';
import { validRows } from '../store';
import type { PublisherDeps } from './deps';
import { unschedule } from './actions';
import { handOffLimitRefusal, isServerLimitRefusal } from './hand-off-limits';
import { hold, markPublished } from './publish-one';
import { partsFromPost, recordSent, sentParts } from './sent';

/**
 * Mastodon hand-off (docs/architecture.md, decision 6): the user may give a post to the server's own scheduler
 * (`scheduled_at`) so it goes out with the laptop shut. Mastodon refuses `scheduled_at` less
 * than 5 minutes ahead (docs.joinmastodon.org/methods/statuses/#create), hence the margin.
 *
 * The claim writes method 'server-scheduled' before the request, so a worker that dies mid-way,
 * or a request that gets no answer, leaves a claimed delivery whose lease runs out; then
 * recoverHandOff asks the server what it holds. It is never sent again blindly by the browser.
 */
export { HAND_OFF_MARGIN_MS };

export async function handOff(deps: PublisherDeps, id: string): Promise<Delivery> {
  const now = deps.now();
  await refuseOverServerLimits(deps, id);
  let refusal: Error | null = null as Error | null;
  const claimed = await deps.store.deliveries.update(id, (d) => {
    if (!d) refusal = new NotFoundError('That post is no longer in Cadence.');
    else if (d.network !== 'mastodon' || d.method !== 'api')
      refusal = new ValidationError('Only posts published to Mastodon through its API can be handed to the server.');
    else if (d.state !== 'scheduled' || d.dueAt === null) refusal = new ValidationError('Only a scheduled post can be handed to the server.');
    else if (d.dueAt - now <= HAND_OFF_MARGIN_MS)
      refusal = new ValidationError('Mastodon needs at least 5 minutes of notice; this post is due sooner, so it stays with the browser.');
    return refusal || !d
      ? undefined
      : { ...d, state: 'publishing', method: 'server-scheduled', lease: { owner: deps.owner, until: now + LEASE_MS }, updatedAt: now };
  });
  if (refusal) throw refusal;
  if (!claimed?.dueAt) throw new NotFoundError('That post is no longer in Cadence.');
  const accountRow = await deps.store.accounts.get(claimed.accountId);
  try {
    if (!accountRow?.ok) throw new NotFoundError('The account of this post was removed from Cadence.');
    const post = await loadPost(deps.store, claimed);
    refuseOverLimits(post, [accountRow.value]); // as queueing does: the server would refuse it at its time
    const parts = await buildParts(post, accountRow.value, deps.loaders);
    const result = await deps.adapterFor(accountRow.value).publish({
      parts,
      ...postOptions(post),
      idempotencyKey: claimed.idempotencyKey,
      rkey: null,
      done: [],
      replyTo: post.replyTo,
      scheduledAt: claimed.dueAt,
    });
    // The server holds these words now and the post is locked until they are out (edit-lock.ts):
    // they are what it will publish.
    const sent = recordSent(null, sentParts(parts, post), result.parts.length);
    const done = await writeLeased(deps.store, id, deps.owner, (d) => ({
      ...d,
      state: 'scheduled',
      lease: null,
      remote: result.parts[0] ?? null,
      parts: result.parts,
      sent,
      lastError: null,
      updatedAt: deps.now(),
    }));
    if (!done) throw new NotFoundError('The post changed while it was handed over; check it on the calendar.');
    return done;
  } catch (error) {
    // Refused for sure: the post stays with the browser, as before.
    const refused = error instanceof ValidationError || error instanceof AuthError || error instanceof RateLimitedError || error instanceof NotFoundError;
    if (refused) {
      const words = isServerLimitRefusal(messageOf(error))
        ? `@${accountRow?.ok ? accountRow.value.handle : 'this account'}'s Mastodon server holds no more scheduled posts (${messageOf(error)}). It stays scheduled with Cadence, which needs the browser open at that time.`
        : null;
      const lastError = { code: codeOf(error), message: words ?? messageOf(error) };
      await writeLeased(deps.store, id, deps.owner, (d) => ({ ...d, state: 'scheduled', method: 'api', lease: null, lastError, updatedAt: deps.now() }));
      throw words ? new ValidationError(words) : error;
    }
    // No answer (a timeout, a 5xx, a bug): the server may have taken the post. The row stays as
    // the claim wrote it — its `updatedAt` is when the attempt began — and once the lease runs
    // out the publisher asks the server (recoverHandOff), exactly as for a worker that died here.
    throw new NetworkError(
      `Mastodon did not answer the hand-off (${messageOf(error)}). Cadence will ask it shortly whether it took the post; the calendar will show the answer.`,
    );
  }
}

/** The server's 25 a day and 300 in all (hand-off-limits.ts), counted from what Cadence handed it. */
async function refuseOverServerLimits(deps: PublisherDeps, id: string): Promise<void> {
  const row = await deps.store.deliveries.get(id);
  if (!row?.ok || row.value.dueAt === null) return; // the claim below says why
  const { accountId, dueAt } = row.value;
  const account = await deps.store.accounts.get(accountId);
  const others = validRows(
    await deps.store.deliveries.list({ index: 'by-account-dueAt', query: IDBKeyRange.bound([accountId, -Infinity], [accountId, Infinity]) }),
  ).filter((d) => d.id !== id);
  const refusal = handOffLimitRefusal(account?.ok ? account.value.handle : accountId, dueAt, others);
  if (refusal) throw new ValidationError(refusal);
}

/**
 * Looks a handed-off post up on its server, as handOff sent it: one part, the post's reply
 * target, the delivery's due time. Held there → `serverScheduled`; published → the status, with
 * its time when the server gives it; `certain` with no parts → the server has no such post.
 * `looked`: the part it looked for, which is what a post found carries.
 */
export async function findHandOff(deps: PublisherDeps, delivery: Delivery, account: Account, since: number): Promise<ReconcileResult & { looked: SentPart[] }> {
  const post = await loadPost(deps.store, delivery);
  const looked = partsFromPost(post, delivery).slice(0, 1);
  const found = await deps.adapterFor(account).reconcile({
    parts: partsToMatch(post, account).slice(0, 1),
    idempotencyKey: delivery.idempotencyKey,
    rkey: null,
    done: [],
    since,
    replyTo: post.replyTo,
    scheduledAt: delivery.dueAt,
  });
  return { ...found, looked };
}

/**
 * A worker died while handing this post over, or its request got no answer (the lease expired in
 * `publishing`), maybe after the server took it. Ask the server before anything else, so a post
 * is never handed over twice: held there → scheduled as a hand-off pointing at it; published
 * already → published, at the status' own time; surely absent → back on the browser's own
 * schedule; the server cannot say → held, and the user asked. A network that is down leaves the
 * lease to expire, and the next pass asks again.
 */
export async function recoverHandOff(deps: PublisherDeps, taken: Delivery, since: number, account: Account | undefined): Promise<Delivery | null> {
  const who = account ? `@${account.handle}` : 'the account';
  const unsure = `Cadence did not hear back while handing this post to ${who}'s server. Check its scheduled posts on the network: if it is there, choose "Confirm posted"; if not, choose "Publish now".`;
  try {
    if (!account) throw new NotFoundError('The account of this post was removed from Cadence.');
    const found = await findHandOff(deps, taken, account, since);
    const at = deps.now();
    if (found.parts.length > 0 && found.serverScheduled) {
      const sent = recordSent(null, found.looked, found.parts.length);
      return writeLeased(deps.store, taken.id, deps.owner, (d) => ({
        ...d,
        state: 'scheduled',
        lease: null,
        remote: found.parts[0]!,
        parts: found.parts,
        sent,
        lastError: null,
        updatedAt: at,
      }));
    }
    if (found.parts.length > 0) return markPublished(deps, taken.id, found.parts, found.looked, found.publishedAt);
    if (found.certain)
      return writeLeased(deps.store, taken.id, deps.owner, (d) => ({ ...d, state: 'scheduled', method: 'api', lease: null, lastError: null, updatedAt: at }));
    return hold(deps, taken.id, unsure);
  } catch (error) {
    if (error instanceof NetworkError || error instanceof RateLimitedError) return null;
    return hold(deps, taken.id, unsure);
  }
}

/**
 * Cancelling a handed-off post removes it from the server first; then `finish` writes the
 * delivery: back to drafts (Unschedule), or cancelled for good (an account unticked in Compose).
 */
export async function cancelDelivery(deps: PublisherDeps, id: string, finish: typeof unschedule = unschedule): Promise<Delivery> {
  const row = await deps.store.deliveries.get(id);
  if (!row?.ok) throw new NotFoundError('That post is no longer in Cadence.');
  const delivery = row.value;
  if (delivery.method === 'server-scheduled' && delivery.state === 'scheduled' && delivery.remote) {
    // At its time the publisher records a hand-off published (publish-due.ts serverPublished): a
    // delete still on its way then would leave "published" standing for a post the server dropped.
    if (delivery.dueAt !== null && delivery.dueAt - deps.now() < LONGEST_REQUEST_MS) {
      throw new ValidationError('Mastodon publishes this post within the minute, so it can no longer be taken back from its server.');
    }
    const account = await deps.store.accounts.get(delivery.accountId);
    if (!account?.ok) throw new NotFoundError('The account of this post was removed from Cadence; delete the scheduled post on Mastodon itself.');
    await deps.adapterFor(account.value).remove(delivery.remote);
    const done = await finish(deps.store, id, deps.now());
    // The server's copy is gone: its ref must not stand for a sent part when the post is queued
    // again (the publisher would skip it as done), and the key it answered to within the hour
    // would be answered with that deleted copy (actions.ts backFromHandOff), so both start fresh.
    const fresh = await deps.store.deliveries.update(id, (d) =>
      d?.state === 'draft' || d?.state === 'cancelled'
        ? { ...d, parts: [], sent: null, idempotencyKey: crypto.randomUUID(), updatedAt: deps.now() }
        : undefined,
    );
    return fresh ?? done;
  }
  return finish(deps.store, id, deps.now());
}
