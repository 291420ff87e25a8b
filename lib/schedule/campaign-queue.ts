import type { Delivery } from '../model';
import { isUnschedulable, UNSCHEDULABLE } from './unschedulable';
import { validRows, type Store } from '../store';

/**
 * The deliveries of a workspace's campaign that Unschedule can take back now, earliest first,
 * whatever their date: "a whole campaign" (issue 17) is more than the weeks the calendar shows.
 * Read by state ('by-state-dueAt'), so years of published history are never loaded for it.
 */
export async function campaignQueue(store: Store, workspaceId: string, campaign: string): Promise<Delivery[]> {
  const name = campaign.trim();
  const waiting: Delivery[] = [];
  for (const state of UNSCHEDULABLE) {
    const rows = validRows(await store.deliveries.list({ index: 'by-state-dueAt', query: IDBKeyRange.bound([state, 0], [state, Number.MAX_SAFE_INTEGER]) }));
    waiting.push(...rows.filter((d) => d.workspaceId === workspaceId && isUnschedulable(d)));
  }
  const posts = await store.posts.getMany([...new Set(waiting.map((d) => d.postId))]);
  const inCampaign = new Set(posts.flatMap((row) => (row?.ok && row.value.campaign?.trim() === name ? [row.value.id] : [])));
  return waiting.filter((d) => inCampaign.has(d.postId)).sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0));
}
