import type { Account, Delivery, InboxItem, MetricSample, Post, Workspace } from '../model';
import { validRows, type Store } from '../store';
import type { Range } from './published';

/** Everything Insights and the client report read for one workspace, straight from IndexedDB. */
export interface InsightsRows {
  workspace: Workspace;
  accounts: Account[];
  deliveries: Delivery[];
  posts: Post[];
  /** Every sample of the workspace's accounts (a post's newest reading may follow the range). */
  samples: MetricSample[];
  /** Inbox items created inside the range. */
  inbox: InboxItem[];
}

const all = (prefix: string) => IDBKeyRange.bound([prefix, -Infinity], [prefix, Infinity]);

export async function loadInsightsRows(store: Store, workspaceId: string, range: Range): Promise<InsightsRows | null> {
  const workspace = await store.workspaces.get(workspaceId);
  if (!workspace?.ok) return null;
  const accounts = validRows(await store.accounts.list({ index: 'by-workspace', query: workspaceId }));
  const deliveries = validRows(await store.deliveries.list({ index: 'by-workspace-dueAt', query: all(workspaceId) })).filter(
    (d) => d.state === 'published' && d.publishedAt !== null && d.publishedAt >= range.from && d.publishedAt < range.to,
  );
  const postIds = [...new Set(deliveries.map((d) => d.postId))];
  const posts = (await Promise.all(postIds.map((id) => store.posts.get(id)))).flatMap((row) => (row?.ok ? [row.value] : []));
  const perAccount = await Promise.all(
    accounts.map(async (account) => ({
      samples: validRows(await store.metrics.list({ index: 'by-account-takenAt', query: all(account.id) })),
      inbox: validRows(await store.inbox.list({ index: 'by-account-createdAt', query: IDBKeyRange.bound([account.id, range.from], [account.id, range.to], false, true) })),
    })),
  );
  return { workspace: workspace.value, accounts, deliveries, posts, samples: perAccount.flatMap((a) => a.samples), inbox: perAccount.flatMap((a) => a.inbox) };
}
