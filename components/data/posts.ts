import type { Delivery } from '@/lib/model';
import { validRows } from '@/lib/store';
import { useLiveQuery } from './store-context';

/** The deliveries of one post (one per account it goes to), live; [] without a post, undefined while loading. */
export function usePostDeliveries(postId: string | null): Delivery[] | undefined {
  return useLiveQuery(['deliveries'], async (store) => (postId ? validRows(await store.deliveries.list({ index: 'by-post', query: postId })) : []), [postId]);
}
