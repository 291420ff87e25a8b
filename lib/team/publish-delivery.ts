import { claimDelivery, recordSent, renewLease, type LeaseDeps } from './lease';
import type { TeamDelivery } from './documents';

/**
 * One replica publishing one delivery of a shared workspace: claim on the team server, reconcile
 * when the lease was taken over or tried before, renew just before sending, send with the
 * delivery's own keys, record what went out. The sending is the caller's (the network adapters of
 * lib/networks, reached the way lib/publish does); this is the part every replica shares.
 *
 * An error of the send whose outcome is unknown (the answer was lost) keeps the lease: it expires,
 * and whoever takes it over reconciles first. Nothing here chooses a key.
 */
export interface TeamSender {
  /** Sends with `delivery.rkey` / `delivery.idempotencyKey`; the URI of the post. */
  send(delivery: TeamDelivery): Promise<string>;
  /** The URI of this delivery's post if the network already has it. */
  reconcile(delivery: TeamDelivery): Promise<string | null>;
}

export type TeamPublishResult = 'sent' | 'found' | 'not-ours' | 'lease-lost' | 'failed';

export async function publishTeamDelivery(deps: LeaseDeps, sender: TeamSender, postId: string, deliveryId: string): Promise<TeamPublishResult> {
  try {
    const claim = await claimDelivery(deps, postId, deliveryId);
    if (claim.kind === 'not-yours') return 'not-ours';
    if (claim.kind === 'taken-over' || claim.lease.attempt > 1) {
      const found = await sender.reconcile(claim.delivery);
      if (found) {
        await recordSent(deps, postId, deliveryId, found);
        return 'found';
      }
    }
    const lease = await renewLease(deps, postId, deliveryId, claim.lease);
    if (!lease || lease.until <= deps.now()) return 'lease-lost';
    const uri = await sender.send(claim.delivery);
    await recordSent(deps, postId, deliveryId, uri);
    return 'sent';
  } catch {
    // The team server or the network went away mid-way, or refused: whatever lease was taken is
    // left to expire, and the next holder reconciles before it sends.
    return 'failed';
  }
}
