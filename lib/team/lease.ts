import { NetworkError } from '../errors';
import { ConflictError, type Couch, type CouchDoc } from './couch';
import { postDocId, teamPostSchema, type Lease, type TeamDelivery, type TeamPost } from './documents';

/**
 * The team-wide lease (issue 23): a delivery's lease lives in its post's document on the team
 * server, and is taken by a PUT with the `_rev` it was read at. The server answers one of two
 * racing PUTs 409, so across every browser of the team and the runner one claim wins.
 *
 * Invariants:
 * - a claim is read → check → PUT with that `_rev`; a 409 reads again and checks again;
 * - a claim whose answer was lost is recognised on the next read by its token (new per claim);
 * - taking over an expired lease says so (`taken-over`): the caller reconciles before it sends,
 *   because the replica that held it may have reached the network;
 * - the keys sent are the delivery's own (derived-keys.ts), never chosen here, so two replicas that
 *   both think they hold the lease (clock skew, a partition) still make one post;
 * - what was sent is recorded whoever holds the lease now: it happened.
 */
export const TEAM_LEASE_MS = 2 * 60_000;
const MAX_CONFLICTS = 8;

/** The post documents of one workspace's database. */
export interface TeamDocs {
  get(id: string): Promise<CouchDoc | null>;
  put(doc: CouchDoc): Promise<string>;
}

export function teamDocs(couch: Couch, db: string): TeamDocs {
  return { get: (id) => couch.get(db, id), put: (doc) => couch.put(db, doc) };
}

export interface LeaseDeps {
  docs: TeamDocs;
  /** The member's CouchDB user: the server refuses a lease in any other name. */
  holder: string;
  /** This browser profile, or this runner. */
  replica: string;
  now: () => number;
  token: () => string;
  leaseMs?: number;
}

export type ClaimOutcome =
  | { kind: 'claimed' | 'taken-over'; post: TeamPost; delivery: TeamDelivery; lease: Lease }
  | { kind: 'not-yours'; why: 'gone' | 'damaged' | 'not-scheduled' | 'not-due' | 'sent' | 'held' };

export type Change<T> = { write: TeamPost; result: T } | { result: T };

/** Read, change, PUT with the `_rev` read; again on 409. A document that does not parse is never written over. */
export async function casPost<T>(docs: TeamDocs, postId: string, change: (post: TeamPost | null, damaged: boolean) => Change<T>): Promise<T> {
  for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
    const raw = await docs.get(postDocId(postId));
    const parsed = raw ? teamPostSchema.safeParse(raw) : null;
    const decided = change(parsed?.success ? parsed.data : null, parsed !== null && !parsed.success);
    if (!('write' in decided)) return decided.result;
    try {
      await docs.put(decided.write as CouchDoc);
      return decided.result;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  throw new ConflictError(postDocId(postId));
}

function withDelivery(post: TeamPost, deliveryId: string, delivery: TeamDelivery): TeamPost {
  return { ...post, deliveries: { ...post.deliveries, [deliveryId]: delivery } };
}

/** Takes `deliveryId` for this replica if it is due, unsent, and free or expired. */
export async function claimDelivery(deps: LeaseDeps, postId: string, deliveryId: string): Promise<ClaimOutcome> {
  const { docs, holder, replica, now, leaseMs = TEAM_LEASE_MS } = deps;
  const token = deps.token();
  const attemptClaim = () =>
    casPost<ClaimOutcome>(docs, postId, (post, damaged) => {
      if (damaged) return { result: { kind: 'not-yours', why: 'damaged' } };
      const delivery = post?.deliveries[deliveryId];
      if (!post || !delivery) return { result: { kind: 'not-yours', why: 'gone' } };
      if (delivery.lease?.token === token) return { result: { kind: 'claimed', post, delivery, lease: delivery.lease } };
      if (delivery.sent) return { result: { kind: 'not-yours', why: 'sent' } };
      if (post.state !== 'scheduled') return { result: { kind: 'not-yours', why: 'not-scheduled' } };
      const at = now();
      if (delivery.dueAt > at) return { result: { kind: 'not-yours', why: 'not-due' } };
      if (delivery.lease && delivery.lease.until >= at) return { result: { kind: 'not-yours', why: 'held' } };
      const lease: Lease = { holder, replica, token, until: at + leaseMs, attempt: (delivery.lease?.attempt ?? 0) + 1 };
      const claimed = { ...delivery, lease };
      const write = withDelivery(post, deliveryId, claimed);
      return { write, result: { kind: delivery.lease ? 'taken-over' : 'claimed', post: write, delivery: claimed, lease } };
    });
  try {
    return await attemptClaim();
  } catch (error) {
    // The PUT may have reached the server and only its answer was lost: the next read tells, by the token.
    if (error instanceof NetworkError) return attemptClaim();
    throw error;
  }
}

/** Extends this replica's lease before a request; null when it is no longer ours (taken over, or sent by another). */
export async function renewLease(deps: LeaseDeps, postId: string, deliveryId: string, lease: Lease): Promise<Lease | null> {
  const { docs, now, leaseMs = TEAM_LEASE_MS } = deps;
  return casPost<Lease | null>(docs, postId, (post) => {
    const delivery = post?.deliveries[deliveryId];
    if (!post || !delivery || delivery.sent || delivery.lease?.token !== lease.token) return { result: null };
    const renewed = { ...lease, until: now() + leaseMs };
    return { write: withDelivery(post, deliveryId, { ...delivery, lease: renewed }), result: renewed };
  });
}

/** Records what went out and ends the lease. True when the server has this record (written now, or before). */
export async function recordSent(deps: LeaseDeps, postId: string, deliveryId: string, uri: string): Promise<boolean> {
  const { docs, holder, now } = deps;
  return casPost<boolean>(docs, postId, (post) => {
    const delivery = post?.deliveries[deliveryId];
    if (!post || !delivery) return { result: false };
    if (delivery.sent) return { result: delivery.sent.uri === uri };
    return { write: withDelivery(post, deliveryId, { ...delivery, lease: null, sent: { uri, at: now(), by: holder } }), result: true };
  });
}
