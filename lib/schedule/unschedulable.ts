import type { Delivery, DeliveryState } from '../model';

/**
 * Which deliveries the user may take back (Unschedule, an untick in Compose), kept apart from the
 * publisher so the side panel can ask without loading it.
 */

/** What "Unschedule" may take back: anything queued that the publisher does not hold right now. */
export const UNSCHEDULABLE: readonly DeliveryState[] = ['scheduled', 'retrying', 'held', 'failed', 'awaiting-confirmation'];

/**
 * The outcome of an earlier attempt is unknown: the stored fact (Delivery.doubt), or on rows from
 * before it was kept, the last error of a timeout, a crash or a bug.
 */
export function mayHaveReachedNetwork(delivery: Delivery): boolean {
  if (delivery.doubt === 'maybe' || delivery.doubt === 'user-checked') return true;
  return delivery.lastError?.code === 'network' || delivery.lastError?.code === 'internal';
}

/**
 * A delivery some attempt was made for may be on the network already: a part of a thread went
 * out, or the last attempt's outcome is unknown (a lost answer, a crash: Delivery.doubt). One the
 * server refused outright (doubt 'no', an answered error) surely is not, and may be taken back.
 */
export function mayHaveGoneOut(d: Delivery): boolean {
  if (d.method === 'reminder') return false;
  // A hand-off's one part is the server's scheduled status, deleted before it comes back (hand-off.ts).
  if (d.parts.length > 0) return d.method !== 'server-scheduled';
  return d.state !== 'scheduled' && d.attempt > 0 && mayHaveReachedNetwork(d);
}

/** Whether Unschedule (and unticking the account in Compose) can take this delivery back now. */
export function isUnschedulable(d: Delivery): boolean {
  return UNSCHEDULABLE.includes(d.state) && !mayHaveGoneOut(d);
}
