import { NotFoundError } from '../errors';
import { refuseOverLimits } from '../schedule/queue-check';
import type { Account, Delivery, Post, SentPart } from '../model';
import type { NetworkAdapter, PublishPart, RemoteRef } from '../networks';
import { codeOf, decide, messageOf } from './backoff';
import { buildParts, loadPost, partsToMatch, postOptions } from './build-input';
import { LEASE_MS, writeLeased } from './claim';
import { loadSettings, tell, type PublisherDeps } from './deps';
import { partsFromPost, recordSent, sentParts } from './sent';
import { mayHaveReachedNetwork } from '../schedule/unschedulable';

export { mayHaveReachedNetwork };

/**
 * One claimed delivery, from the lease to a final state. Every write goes through writeLeased.
 *
 * Invariants:
 * - nothing is sent twice blindly: a delivery whose last attempt may have reached the network
 *   (an expired lease, a timeout, an unexpected error: Delivery.doubt) is reconciled first,
 *   before any image is read; parts found are kept, and when the network cannot tell, the
 *   delivery is held and the user is asked;
 * - the lease is renewed before every request (the adapters call `beforeRequest`), and a worker
 *   that finds it taken stops before sending anything more;
 * - each accepted part is written to `delivery.parts` before the next one is sent, and what it
 *   carried to `delivery.sent` in the same write (sent.ts);
 * - an AuthError disconnects the account and puts the delivery back to `scheduled` with
 *   lastError 'auth': deliveries of a disconnected account are not claimed at all, so they wait
 *   together instead of failing one by one, and go out (under the late policy) on reconnect.
 */
class LeaseLost extends Error {}

export interface PublishOptions {
  /** The previous attempt may have reached the network: ask it before sending. */
  reconcileFirst: boolean;
}

/** The server answered this error, so the request it ended did not create anything. */
function isAnswered(error: unknown): boolean {
  const code = codeOf(error);
  return code !== 'network' && code !== 'internal';
}

export async function publishClaimed(deps: PublisherDeps, claimed: Delivery, options: PublishOptions): Promise<Delivery | null> {
  const { store, owner } = deps;
  let account: Account | null = null;
  let isAttempting = false;
  /** Before every request: the lease is ours for another LEASE_MS, or this worker stops (hole 5). */
  const renew = async (change: (current: Delivery) => Delivery = (current) => current) => {
    const renewed = await writeLeased(store, claimed.id, owner, (current) => ({ ...change(current), lease: { owner, until: deps.now() + LEASE_MS } }));
    if (!renewed) throw new LeaseLost();
  };
  try {
    account = await loadAccount(deps, claimed.accountId);
    const adapter = deps.adapterFor(account);
    const post = await loadPost(store, claimed);
    let done = claimed.parts;
    // Reconcile before any image is read (hole 3): a post that landed is found even when its
    // image has since gone from the web, and finding it costs no download.
    if (options.reconcileFirst) {
      const match = partsToMatch(post, account);
      const matchSent = partsFromPost(post, claimed);
      await renew();
      const found = await adapter.reconcile({
        parts: match,
        idempotencyKey: claimed.idempotencyKey,
        rkey: claimed.rkey,
        done,
        since: claimed.dueAt ?? claimed.updatedAt,
        replyTo: post.replyTo,
        beforeRequest: () => renew(),
      });
      if (found.parts.length >= match.length) return await markPublished(deps, claimed.id, found.parts.slice(0, match.length), matchSent, found.publishedAt);
      // The user already looked and chose to publish: the network still cannot tell, so their answer stands.
      if (!found.certain && claimed.doubt !== 'user-checked') return await hold(deps, claimed.id, uncertainReason(account));
      done = found.parts.length > done.length ? found.parts : done;
      if (done !== claimed.parts && !(await saveParts(deps, claimed, done, matchSent))) return null;
    }
    // The last line against a post the network would refuse (issue 17): queueing checked it, but
    // its words may have been edited since. Nothing was sent, so it fails with what to fix.
    if (done.length === 0) refuseOverLimits(post, [account]);
    const parts = await buildParts(post, account, deps.loaders, () => renew());
    const sent = sentParts(parts, post);
    // From this write on, a request may leave: the fact is stored before it does (hole 4).
    await renew((current) => ({ ...current, doubt: 'maybe', updatedAt: deps.now() }));
    isAttempting = true;
    const result = await send(adapter, claimed, parts, done, post, sent);
    deps.checkpoint?.('after-response', claimed.id);
    return await markPublished(deps, claimed.id, result, sent);
  } catch (error) {
    if (error instanceof LeaseLost) return null;
    return settleFailure(deps, claimed, account, error, isAttempting && isAnswered(error));
  }

  async function send(adapter: NetworkAdapter, delivery: Delivery, parts: PublishPart[], done: RemoteRef[], post: Post, sent: SentPart[]) {
    const result = await adapter.publish({
      parts,
      ...postOptions(post),
      idempotencyKey: delivery.idempotencyKey,
      rkey: delivery.rkey,
      done,
      replyTo: post.replyTo,
      scheduledAt: null,
      beforeRequest: () => renew(),
      onPart: async (index, ref) => {
        const saved = await writeLeased(deps.store, delivery.id, owner, (current) => ({
          ...current,
          parts: [...current.parts.slice(0, index), ref],
          sent: recordSent(current.sent, sent, index + 1, index),
          lease: { owner, until: deps.now() + LEASE_MS },
          updatedAt: deps.now(),
        }));
        if (!saved) throw new LeaseLost();
      },
    });
    return result.parts;
  }
}

async function loadAccount(deps: PublisherDeps, accountId: string): Promise<Account> {
  const row = await deps.store.accounts.get(accountId);
  if (!row?.ok) throw new NotFoundError('The account of this post was removed from Cadence. Pick another account and schedule it again.');
  return row.value;
}

/** Parts reconcile found: those done before this attempt keep their record, the others matched what it built. */
async function saveParts(deps: PublisherDeps, claimed: Delivery, parts: RemoteRef[], sent: SentPart[]): Promise<boolean> {
  const written = await writeLeased(deps.store, claimed.id, deps.owner, (current) => ({
    ...current,
    parts,
    sent: recordSent(current.sent, sent, parts.length, claimed.parts.length),
    updatedAt: deps.now(),
  }));
  return written !== null;
}

/**
 * `sent`: what each part carried, as this attempt built it (parts recorded by an earlier attempt
 * keep their record). `publishedAt`: when the network says the post went out, if it says; else now.
 */
export async function markPublished(
  deps: PublisherDeps,
  id: string,
  parts: RemoteRef[],
  sent: readonly SentPart[],
  publishedAt?: number,
): Promise<Delivery | null> {
  const now = deps.now();
  return writeLeased(deps.store, id, deps.owner, (current) => ({
    ...current,
    state: 'published',
    remote: parts[0] ?? null,
    parts,
    sent: recordSent(current.sent, sent, parts.length),
    lease: null,
    nextAttemptAt: null,
    lastError: null,
    doubt: 'no',
    publishedAt: publishedAt ?? now,
    updatedAt: now,
  }));
}

export function uncertainReason(account: Account): string {
  return `Cadence was stopped while sending this to @${account.handle} and the network cannot say whether it arrived. Check the profile: if the post is there, choose "Confirm posted"; if not, choose "Publish now".`;
}

export async function hold(deps: PublisherDeps, id: string, reason: string): Promise<Delivery | null> {
  const held = await writeLeased(deps.store, id, deps.owner, (current) => ({
    ...current,
    state: 'held',
    lease: null,
    lastError: { code: 'uncertain', message: reason },
    updatedAt: deps.now(),
  }));
  if (held) await notifyFailure(deps, { id: `delivery:${id}`, title: 'A post needs you', message: reason });
  return held;
}

export async function notifyFailure(deps: PublisherDeps, note: { id: string; title: string; message: string }) {
  const settings = await loadSettings(deps.store);
  if (settings.notifications.failures) await tell(deps, { ...note, kind: 'failure' });
}

/** `isKnown`: this attempt sent, and the server's answer says what happened: the doubt is over. */
async function settleFailure(deps: PublisherDeps, claimed: Delivery, account: Account | null, error: unknown, isKnown: boolean): Promise<Delivery | null> {
  const now = deps.now();
  const outcome = decide(error, claimed.attempt, now, deps.random);
  const lastError = { code: codeOf(error), message: messageOf(error) };
  const doubt = (current: Delivery): Pick<Delivery, 'doubt'> => (isKnown ? { doubt: 'no' } : { doubt: current.doubt });
  if (outcome.kind === 'disconnect' && account) {
    const waiting = await writeLeased(deps.store, claimed.id, deps.owner, (current) => ({
      ...current,
      state: 'scheduled',
      lease: null,
      nextAttemptAt: null,
      lastError,
      ...doubt(current),
      updatedAt: now,
    }));
    if (!waiting) return null;
    const changed = await deps.store.accounts.update(account.id, (current) =>
      current && current.status === 'connected' ? { ...current, status: 'disconnected', statusReason: outcome.reason, updatedAt: now } : undefined,
    );
    if (changed) {
      await notifyFailure(deps, {
        id: `account:${account.id}`,
        title: `Reconnect @${account.handle}`,
        message: `${outcome.reason} Its scheduled posts wait until you reconnect it in Settings → Accounts.`,
      });
    }
    return waiting;
  }
  if (outcome.kind === 'retry') {
    return writeLeased(deps.store, claimed.id, deps.owner, (current) => ({
      ...current,
      state: 'retrying',
      lease: null,
      nextAttemptAt: outcome.at,
      lastError,
      ...doubt(current),
      updatedAt: now,
    }));
  }
  const reason = outcome.kind === 'fail' ? outcome.reason : messageOf(error);
  const failed = await writeLeased(deps.store, claimed.id, deps.owner, (current) => ({
    ...current,
    state: 'failed',
    lease: null,
    nextAttemptAt: null,
    lastError: { code: lastError.code, message: reason },
    ...doubt(current),
    updatedAt: now,
  }));
  if (failed) {
    const who = account ? ` on @${account.handle}` : '';
    await notifyFailure(deps, { id: `delivery:${claimed.id}`, title: `A post could not be published${who}`, message: reason });
  }
  return failed;
}
