import { IMAGE_FETCH_TIMEOUT_MS } from '../compose/media-upload';
import type { Delivery } from '../model';
import { REQUEST_TIMEOUT_MS as BLUESKY_TIMEOUT_MS } from '../networks/bluesky/timed-fetch';
import { DEFAULT_TIMEOUT_MS as MASTODON_TIMEOUT_MS } from '../networks/mastodon/http';
import { newTid } from '../networks/tid';
import type { Store } from '../store';

/**
 * The lease: the only way a delivery enters `publishing`, and the only way the publisher writes
 * while it holds one.
 *
 * Invariants:
 * - claiming is ONE read-check-write transaction: state scheduled or retrying, due, method 'api';
 *   it writes `publishing`, the lease and (Bluesky) the record key before anything is sent, so
 *   every later attempt writes the same rkey and cannot make a second post;
 * - every later write re-reads the row and goes through only while the lease is still ours
 *   (a publisher that took over an expired lease wrote its own owner there).
 */

/**
 * The longest any one request of an attempt may take: every request to a network and every
 * fetch of an image has its own deadline (issue 18, hole 5).
 */
export const LONGEST_REQUEST_MS = Math.max(MASTODON_TIMEOUT_MS, BLUESKY_TIMEOUT_MS, IMAGE_FETCH_TIMEOUT_MS);

/**
 * The publisher renews the lease before every request and every image it loads (publish-one.ts),
 * so it must outlast one request and the work between two renewals (a resize, a few writes, the
 * few un-hooked lookups of a Bluesky part): four times the longest request, two minutes today.
 */
export const LEASE_MS = 4 * LONGEST_REQUEST_MS;

/** When this waiting delivery wants the publisher, or null when it waits for nothing timed. */
export function wakeAt(delivery: Delivery): number | null {
  if (delivery.state === 'scheduled') return delivery.dueAt;
  if (delivery.state === 'retrying') return delivery.nextAttemptAt ?? delivery.dueAt;
  if (delivery.state === 'publishing') return delivery.lease?.until ?? delivery.updatedAt;
  return null;
}

export function isDue(delivery: Delivery, now: number): boolean {
  if (delivery.state !== 'scheduled' && delivery.state !== 'retrying') return false;
  const at = wakeAt(delivery);
  return at !== null && at <= now;
}

export interface ClaimOptions {
  random?: () => number;
  leaseMs?: number;
}

/** Takes a due delivery for `owner`; null when it is not due, not ours to take, or gone. */
export async function claim(store: Store, deliveryId: string, owner: string, now: number, options: ClaimOptions = {}): Promise<Delivery | null> {
  const { random = Math.random, leaseMs = LEASE_MS } = options;
  const claimed = await store.deliveries.update(deliveryId, (current) => {
    if (!current || current.method !== 'api' || !isDue(current, now)) return undefined;
    return {
      ...current,
      state: 'publishing',
      lease: { owner, until: now + leaseMs },
      attempt: current.attempt + 1,
      rkey: current.network === 'bluesky' ? (current.rkey ?? newTid(now, random)) : current.rkey,
      updatedAt: now,
    };
  });
  return claimed ?? null;
}

/**
 * Takes over a delivery whose lease expired (its worker died mid-publish). The caller must
 * reconcile before sending anything: the dead worker's request may have reached the network.
 */
export async function takeOver(store: Store, deliveryId: string, owner: string, now: number, leaseMs = LEASE_MS): Promise<Delivery | null> {
  const taken = await store.deliveries.update(deliveryId, (current) => {
    if (!current || current.state !== 'publishing' || (current.lease && current.lease.until >= now)) return undefined;
    return { ...current, lease: { owner, until: now + leaseMs }, updatedAt: now };
  });
  return taken ?? null;
}

/**
 * Writes `change(current)` only while `owner` still holds the lease. Null means the lease was
 * lost (another publisher took over): the caller stops and writes nothing else.
 */
export async function writeLeased(store: Store, deliveryId: string, owner: string, change: (current: Delivery) => Delivery): Promise<Delivery | null> {
  const written = await store.deliveries.update(deliveryId, (current) =>
    current?.state === 'publishing' && current.lease?.owner === owner ? change(current) : undefined,
  );
  return written ?? null;
}
