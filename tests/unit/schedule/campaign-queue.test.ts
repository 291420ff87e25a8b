import { beforeEach, describe, expect, it } from 'vitest';
import { campaignQueue } from '@/lib/schedule/campaign-queue';
import { openStore, type Store } from '@/lib/store';
import { makeDelivery, makePost } from '../factories';

let store: Store;
beforeEach(async () => {
  store = await openStore();
  return () => store.close();
});

describe('campaignQueue: what Unschedule campaign takes back', () => {
  it('lists the waiting posts of the campaign on any date, earliest first, and nothing published, out already or elsewhere', async () => {
    const spring = await store.posts.put(makePost({ workspaceId: 'ws_1', campaign: 'Spring ' }));
    const later = await store.posts.put(makePost({ workspaceId: 'ws_1', campaign: 'Spring' }));
    const other = await store.posts.put(makePost({ workspaceId: 'ws_1', campaign: 'Autumn' }));
    const elsewhere = await store.posts.put(makePost({ workspaceId: 'ws_2', campaign: 'Spring' }));
    const put = (postId: string, dueAt: number, extra: Parameters<typeof makeDelivery>[0] = {}) =>
      store.deliveries.put(makeDelivery({ postId, dueAt, workspaceId: 'ws_1', ...extra }));
    const far = await put(later.id, 9_000_000_000_000);
    const soon = await put(spring.id, 2_000_000_000_000);
    const held = await put(spring.id, 1_000, { state: 'held', accountId: 'acct_2' });
    await put(spring.id, 3_000, { state: 'published', accountId: 'acct_3' });
    await put(spring.id, 4_000, { state: 'retrying', accountId: 'acct_4', attempt: 1, doubt: 'maybe' });
    await put(other.id, 5_000);
    await put(elsewhere.id, 6_000, { workspaceId: 'ws_2' });
    expect((await campaignQueue(store, 'ws_1', 'Spring')).map((d) => d.id)).toEqual([held.id, soon.id, far.id]);
    expect(await campaignQueue(store, 'ws_1', 'Winter')).toEqual([]);
  });
});
