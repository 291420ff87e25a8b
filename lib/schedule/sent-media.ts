import { validRows, type Store } from '../store';

/**
 * Whether a delivery of `postId` recorded the image `src` as sent (Delivery.sent): its stored blob
 * is then part of the record of what went out, and stays when the image leaves the post (issue 17).
 */
export async function isRecordedMedia(store: Store, postId: string, src: string): Promise<boolean> {
  const deliveries = validRows(await store.deliveries.list({ index: 'by-post', query: postId }));
  return deliveries.some((delivery) => delivery.sent?.parts.some((part) => part.media?.some((media) => media.src === src)));
}

/** The `src` of every image the records of `deliveries` hold: a backup carries their blobs too. */
export function recordedMediaSrcs(deliveries: readonly { sent?: { parts: { media?: { src: string }[] }[] } | null }[]): string[] {
  return deliveries.flatMap((delivery) => delivery.sent?.parts.flatMap((part) => part.media?.map((media) => media.src) ?? []) ?? []);
}
