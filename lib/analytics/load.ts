import type { Account, Delivery, InboxItem, MetricSample, Post, Workspace } from '../model';
import { validRows, type Store } from '../store';
import type { PublishedPost, Range } from './published';

/** Everything Insights and the client report read for one workspace, straight from IndexedDB. */
export interface InsightsRows {
  workspace: Workspace;
  accounts: Account[];
  /** Deliveries published inside the range. */
  deliveries: Delivery[];
  /** Every published delivery of the workspace, whenever it went out: best times read the whole history. */
  history: Delivery[];
  posts: Post[];
  /** Every sample of the workspace's accounts (a post's newest reading may follow the range). */
  samples: MetricSample[];
  /** Inbox items created inside the range. */
  inbox: InboxItem[];
}

const all = (prefix: string) => IDBKeyRange.bound([prefix, -Infinity], [prefix, Infinity]);

/** Every published delivery of a workspace (the index holds them all: publishing sets a due time). */
export async function publishedDeliveries(store: Store, workspaceId: string): Promise<PublishedPost['delivery'][]> {
  const rows = validRows(await store.deliveries.list({ index: 'by-workspace-dueAt', query: all(workspaceId) }));
  return rows.filter((d): d is PublishedPost['delivery'] => d.state === 'published' && d.publishedAt !== null);
}

/** Every metric sample of the given accounts: post readings and daily follower readings. */
export async function samplesOf(store: Store, accounts: Account[]): Promise<MetricSample[]> {
  const perAccount = await Promise.all(
    accounts.map(async (account) => validRows(await store.metrics.list({ index: 'by-account-takenAt', query: all(account.id) }))),
  );
  return perAccount.flat();
}

export async function loadInsightsRows(store: Store, workspaceId: string, range: Range): Promise<InsightsRows | null> {
  const workspace = await store.workspaces.get(workspaceId);
  if (!workspace?.ok) return null;
  const accounts = validRows(await store.accounts.list({ index: 'by-workspace', query: workspaceId }));
  const history = await publishedDeliveries(store, workspaceId);
  const deliveries = history.filter((d) => d.publishedAt >= range.from && d.publishedAt < range.to);
  const postIds = [...new Set(deliveries.map((d) => d.postId))];
  const posts = (await Promise.all(postIds.map((id) => store.posts.get(id)))).flatMap((row) => (row?.ok ? [row.value] : []));
  const samples = await samplesOf(store, accounts);
  const inbox = await Promise.all(
    accounts.map(async (account) =>
      validRows(
        await store.inbox.list({ index: 'by-account-createdAt', query: IDBKeyRange.bound([account.id, range.from], [account.id, range.to], false, true) }),
      ),
    ),
  );
  return { workspace: workspace.value, accounts, deliveries, history, posts, samples, inbox: inbox.flat() };
}
