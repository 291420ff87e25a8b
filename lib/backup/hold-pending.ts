import type { Delivery, DeliveryState } from '../model';

/**
 * Imported posts that were still to go out are held (issue 18, hole 8). The browser the backup
 * came from may still have them scheduled: if both published them, the brand would post twice
 * (two Bluesky records: a record key only protects one repository write path, not two browsers
 * that both think the post is theirs). And an old backup would bring back pending posts deleted
 * since. So they come in `held` — a state the publisher never claims (lib/publish/claim.ts) — with
 * the code IMPORTED, and wait for the user's Confirm or Move to drafts (lib/schedule/imported.ts).
 *
 * Not held: a Mastodon hand-off (`server-scheduled`), which the server publishes once whichever
 * browser watches it; reminders waiting for the user (they only ever open a share page); and
 * everything not pending.
 */
export const IMPORTED = 'imported';
export const IMPORTED_REASON =
  'Imported from a backup and waiting for you: it may also be scheduled in the browser the backup came from. Choose "Confirm and schedule" or "Move to drafts" in the banner at the top of the panel.';

const PENDING: readonly DeliveryState[] = ['scheduled', 'retrying', 'publishing'];

export function isImportedHold(delivery: Delivery): boolean {
  return delivery.state === 'held' && delivery.lastError?.code === IMPORTED;
}

/** The row as import writes it: unchanged unless it was still to go out. */
export function holdIfPending(delivery: Delivery): Delivery {
  if (!PENDING.includes(delivery.state) || delivery.method === 'server-scheduled') return delivery;
  // An attempt the other browser made, or was making, may have reached the network: the
  // publisher asks the network first when this one is confirmed (Delivery.doubt, hole 4).
  const mayBeOut = delivery.state === 'publishing' || delivery.attempt > 0 || delivery.parts.length > 0 || (delivery.doubt ?? 'no') !== 'no';
  return {
    ...delivery,
    state: 'held',
    lease: null,
    nextAttemptAt: null,
    lastError: { code: IMPORTED, message: IMPORTED_REASON },
    ...(mayBeOut ? { doubt: delivery.doubt === 'user-checked' ? 'user-checked' : 'maybe' } : {}),
  };
}
