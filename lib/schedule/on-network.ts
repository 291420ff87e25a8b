import type { Delivery } from '../model';

/**
 * What can still be done on the network with a published delivery: the side panel shows the
 * controls, the publisher (lib/publish/after-publish.ts) refuses what these say no to.
 */

/** Whether the post of this delivery is on its network for Cadence to change: published through the API, with a web address. */
export function isOnNetwork(delivery: Delivery): boolean {
  return delivery.state === 'published' && delivery.method !== 'reminder' && !!delivery.remote && delivery.remote.url !== '';
}

/** Whether the network lets a published post's text be edited (Mastodon's PUT /api/v1/statuses/:id). */
export function canEditOnNetwork(delivery: Delivery): boolean {
  return isOnNetwork(delivery) && delivery.network === 'mastodon';
}
