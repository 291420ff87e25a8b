import { NotFoundError, RateLimitedError } from '../errors';
import type { Account, Delivery } from '../model';
import type { PublisherDeps } from './deps';
import { findHandOff } from './hand-off';
import { notifyFailure } from './publish-one';
import { recordSent } from './sent';

/**
 * Mastodon publishes a handed-off post under a NEW status id, so the scheduled status that
 * handOff recorded points nowhere once the post is out: no counts for the metrics collector, no
 * link to open. After the due time the publisher looks the post up until it knows the real status.
 *
 * Invariants:
 * - unresolved: a published hand-off whose `remote` has no URL (a scheduled status' ref, see
 *   lib/networks/mastodon/publish.ts); its `nextAttemptAt` says when to look next, null meaning
 *   a minute after the due time (so rows published before lookups existed are looked up too);
 * - every lookup ends in one write — the real status, held, or the next lookup time — so a lookup
 *   that fails cannot leave a time in the past for the publish alarm to spin on;
 * - lookups stop a week after the due time, and the delivery stays as it is.
 */

/** Mastodon's scheduler sends a post at its time (PublishScheduledStatusWorker.perform_at); give it a minute. */
export const FIRST_LOOKUP_DELAY_MS = 60_000;
export const LOOKUP_EVERY_MS = 15 * 60_000;
export const LOOKUP_FOR_MS = 7 * 24 * 3_600_000;

export const NOT_PUBLISHED_REASON =
  'Mastodon did not publish this scheduled post. Check your scheduled posts there; choose "Publish now" to send it from Cadence.';

type Unresolved = Delivery & { dueAt: number; remote: NonNullable<Delivery['remote']> };

function isUnresolved(delivery: Delivery): delivery is Unresolved {
  return delivery.state === 'published' && delivery.method === 'server-scheduled' && delivery.remote?.url === '' && delivery.dueAt !== null;
}

/** When this delivery's real status is next looked up; null when it is known, or no longer sought at `now`. */
export function lookupAt(delivery: Delivery, now: number): number | null {
  if (!isUnresolved(delivery)) return null;
  const giveUpAt = delivery.dueAt + LOOKUP_FOR_MS;
  const at = delivery.nextAttemptAt ?? delivery.dueAt + FIRST_LOOKUP_DELAY_MS;
  return now > giveUpAt || at > giveUpAt ? null : at;
}

export function isLookupDue(delivery: Delivery, now: number): boolean {
  const at = lookupAt(delivery, now);
  return at !== null && at <= now;
}

/** Looks a published hand-off up on its server and records what it found. */
export async function resolveHandOff(deps: PublisherDeps, delivery: Delivery, account: Account | undefined): Promise<Delivery | null> {
  if (!isUnresolved(delivery)) return null;
  const now = deps.now();
  const write = async (change: (current: Unresolved) => Delivery) =>
    (await deps.store.deliveries.update(delivery.id, (current) =>
      current && isUnresolved(current) && current.remote.id === delivery.remote.id ? change(current) : undefined,
    )) ?? null;
  const lookAgain = (at: number) => write((current) => ({ ...current, nextAttemptAt: at, updatedAt: now }));

  let found: Awaited<ReturnType<typeof findHandOff>>;
  try {
    if (!account) throw new NotFoundError('The account of this post was removed from Cadence.');
    found = await findHandOff(deps, delivery, account, delivery.dueAt);
  } catch (error) {
    // Offline, rate limited, signed out, a server answering nonsense: none of it says the post is
    // missing, so look again later — the week's limit ends it.
    return lookAgain(error instanceof RateLimitedError ? Math.max(error.retryAt, now + LOOKUP_EVERY_MS) : now + LOOKUP_EVERY_MS);
  }

  if (found.parts.length > 0 && !found.serverScheduled) {
    return write((current) => ({
      ...current,
      remote: found.parts[0]!,
      parts: found.parts,
      // Recorded at the hand-off; a row handed off before that was kept gets the words the
      // lookup matched (the post stays locked until now, so they are the ones that went out).
      sent: current.sent ?? recordSent(null, found.looked, found.parts.length),
      publishedAt: found.publishedAt ?? current.publishedAt,
      nextAttemptAt: null,
      updatedAt: now,
    }));
  }
  // Still in the server's queue (it runs late), or the server cannot say: look again later.
  if (found.parts.length > 0 || !found.certain) return lookAgain(now + LOOKUP_EVERY_MS);

  // Neither held nor published: deleted on the server, or its scheduler refused it.
  const held = await write((current) => ({
    ...current,
    state: 'held',
    remote: null,
    parts: [],
    sent: null,
    publishedAt: null,
    nextAttemptAt: null,
    lastError: { code: 'not-published', message: NOT_PUBLISHED_REASON },
    updatedAt: now,
  }));
  if (held) await notifyFailure(deps, { id: `delivery:${held.id}`, title: 'A scheduled post was not published', message: NOT_PUBLISHED_REASON });
  return held;
}
