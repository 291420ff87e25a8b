import { DateTime } from 'luxon';
import { toCsv, type CsvCell } from '../analytics/csv';
import { textFor } from '../compose/post-draft';
import type { Account, Delivery, MetricSample, Post, Workspace } from '../model';
import { validRows, type Store } from '../store';
import { EXPORT_COLUMNS, MULTI_SEPARATOR } from './columns';

/**
 * The workspace's plan as CSV (issue 22): one row per post × account, drafts included, with the
 * delivery's state, its time in the workspace's zone, and once published its address on the network
 * and its latest metric sample. The columns an import reads come first under the same names, so an
 * exported plan reads back (times in the past aside). Cells that a spreadsheet would run as a
 * formula are guarded (lib/analytics/csv.ts).
 */
export async function exportPlan(store: Store, workspace: Workspace): Promise<string> {
  const under = IDBKeyRange.bound([workspace.id, -Infinity], [workspace.id, Infinity]);
  const posts = validRows(await store.posts.list({ index: 'by-workspace-updatedAt', query: under })).filter((post) => post.replyTo === null);
  const accounts = new Map(validRows(await store.accounts.list({ index: 'by-workspace', query: workspace.id })).map((account) => [account.id, account]));
  const rows: CsvCell[][] = [[...EXPORT_COLUMNS]];
  const lines: { at: number; order: number; handle: string; row: CsvCell[] }[] = [];
  for (const [order, post] of posts.entries()) {
    const deliveries = validRows(await store.deliveries.list({ index: 'by-post', query: post.id })).filter((d) => d.state !== 'cancelled');
    for (const delivery of deliveries) {
      const account = accounts.get(delivery.accountId);
      const latest = (
        await store.metrics.list({
          index: 'by-delivery-takenAt',
          query: IDBKeyRange.bound([delivery.id, 0], [delivery.id, Infinity]),
          direction: 'prev',
          limit: 1,
        })
      )[0];
      lines.push({
        at: delivery.dueAt ?? delivery.publishedAt ?? post.updatedAt,
        order,
        handle: account?.handle ?? delivery.accountId,
        row: rowOf(post, delivery, account, latest?.ok ? latest.value : null, workspace.timeZone),
      });
    }
  }
  // One order for one plan: by time, then post, then account (a post's deliveries come in id order, which is random).
  lines.sort((a, b) => a.at - b.at || a.order - b.order || (a.handle < b.handle ? -1 : a.handle > b.handle ? 1 : 0));
  return toCsv([...rows, ...lines.map((line) => line.row)]);
}

function rowOf(post: Post, delivery: Delivery, account: Account | undefined, metric: MetricSample | null, zone: string): CsvCell[] {
  const time = (at: number | null) => (at === null ? null : DateTime.fromMillis(at, { zone }).toFormat('yyyy-MM-dd HH:mm'));
  const count = (...names: string[]) => (metric ? (names.map((name) => metric.counts[name]).find((value) => value !== undefined) ?? null) : null);
  return [
    post.id,
    account ? `@${account.handle}` : delivery.accountId,
    delivery.network,
    delivery.state,
    time(delivery.dueAt),
    account ? textFor(post, account.id) : post.text,
    post.media.map((item) => item.src).join(MULTI_SEPARATOR) || null,
    post.media.map((item) => item.alt).join(MULTI_SEPARATOR) || null,
    post.link?.url ?? null,
    post.campaign,
    post.pillar,
    delivery.remote?.url ?? null,
    time(delivery.publishedAt),
    count('likes', 'favourites'),
    count('reposts', 'reblogs'),
    count('replies'),
    count('quotes'),
    count('impressions', 'views'),
    metric ? time(metric.takenAt) : null,
  ];
}
