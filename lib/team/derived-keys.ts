import { tidAt } from '../networks/tid';

/**
 * The keys that make a second attempt harmless, derived from the delivery alone (issue 23): every
 * replica that ever publishes this delivery, a browser or the runner, online or cut off from the
 * team's server, sends the same Bluesky record key and the same Mastodon Idempotency-Key. So
 * two replicas that both believe they hold the lease (a split brain) still make one post: the
 * second createRecord with that rkey is refused by the PDS, and Mastodon answers the second
 * request with the first status.
 *
 * The rkey is a TID at the delivery's creation time with a clock id and microseconds from a hash
 * of its id: sortable like any TID, and no replica has to choose it.
 */
export function deliveryKeys(deliveryId: string, createdAt: number): { rkey: string; idempotencyKey: string } {
  const hash = fnv1a(deliveryId);
  return { rkey: tidAt(createdAt, hash % 1000, (hash >>> 10) % 1024), idempotencyKey: `cadence-${deliveryId}` };
}

/** FNV-1a, 32 bits: small, stable across engines, enough to spread clock ids. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
