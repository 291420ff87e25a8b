import { API_NETWORKS, newId, type Account, type Delivery, type MetricSample } from '../model';
import type { NetworkAdapter } from '../networks';
import type { Store } from '../store';
import { validRows } from '../store';
import { duePlan, FOLLOWER_INTERVAL_MS, nextFollowerSampleAt, nextSampleAt, type PlanItem } from './sample-plan';

/**
 * The metrics collector: reads counts of published posts on their sample plan and follower
 * counts once a day, each reading a NEW row of `metrics` (a time series, never overwritten).
 *
 * Invariants:
 * - One account failing (expired token, network down) never stops the others; its readings stay
 *   due and are retried after RETRY_MS, not in a tight alarm loop.
 * - A post the network no longer returns (deleted) is retried after RETRY_MS like a failure.
 * - A post handed to the server's scheduler is measured once the publisher has found the status
 *   it became (lib/publish/resolve-hand-off.ts); until then its ref is the scheduled status
 *   (no URL), which has no counts to read.
 */
export const RETRY_MS = 3_600_000;

export interface CollectorDeps {
  store: Store;
  now: () => number;
  adapterFor: (account: Account) => NetworkAdapter;
}

export interface CollectReport {
  /** New post-level rows written. */
  sampled: number;
  /** New follower rows written. */
  followerReadings: number;
  failures: { accountId: string; message: string }[];
  /** When the next reading falls due (for the one `metrics` alarm); null when nothing is planned. */
  nextAt: number | null;
}

type Published = Delivery & { publishedAt: number; remote: NonNullable<Delivery['remote']> };

const isMeasurable = (account: Account) => API_NETWORKS.includes(account.network) && account.publishMode === 'api' && account.status === 'connected';

async function publishedDeliveries(store: Store): Promise<Published[]> {
  // Published deliveries always had a due time (publish-now writes `now`), so the index holds them all.
  const rows = validRows(await store.deliveries.list({ index: 'by-state-dueAt', query: IDBKeyRange.bound(['published', -Infinity], ['published', Infinity]) }));
  return rows.filter((d): d is Published => d.state === 'published' && d.publishedAt !== null && d.remote !== null && !isAwaitingStatus(d));
}

const isAwaitingStatus = (d: Delivery) => d.method === 'server-scheduled' && d.remote?.url === '';

async function lastPostSampleAt(store: Store, deliveryId: string): Promise<number | null> {
  const [last] = await store.metrics.list({ index: 'by-delivery-takenAt', query: IDBKeyRange.bound([deliveryId, -Infinity], [deliveryId, Infinity]), direction: 'prev', limit: 1 });
  return last?.ok ? last.value.takenAt : null;
}

async function lastFollowerSampleAt(store: Store, accountId: string, now: number): Promise<number | null> {
  // Account rows are not in by-delivery-takenAt (a null key is not indexed): look back two intervals.
  const recent = validRows(await store.metrics.list({ index: 'by-account-takenAt', query: IDBKeyRange.bound([accountId, now - 2 * FOLLOWER_INTERVAL_MS], [accountId, Infinity]) }));
  const readings = recent.filter((s) => s.deliveryId === null).map((s) => s.takenAt);
  return readings.length ? Math.max(...readings) : null;
}

export interface MetricsPlan {
  posts: { due: Published[]; nextAt: number | null };
  followers: { due: Account[]; nextAt: number | null };
  accounts: Map<string, Account>;
}

export async function planMetrics(store: Store, now: number): Promise<MetricsPlan> {
  const accounts = new Map(validRows(await store.accounts.list()).filter(isMeasurable).map((a) => [a.id, a]));
  const deliveries = (await publishedDeliveries(store)).filter((d) => accounts.has(d.accountId));
  const postItems: PlanItem<Published>[] = [];
  for (const delivery of deliveries) {
    const dueAt = nextSampleAt(delivery.publishedAt, await lastPostSampleAt(store, delivery.id));
    if (dueAt !== null) postItems.push({ key: delivery, dueAt });
  }
  const followerItems: PlanItem<Account>[] = [];
  for (const account of accounts.values()) followerItems.push({ key: account, dueAt: nextFollowerSampleAt(await lastFollowerSampleAt(store, account.id, now), now) });
  return { posts: duePlan(postItems, now), followers: duePlan(followerItems, now), accounts };
}

const earliest = (...times: (number | null)[]) => times.reduce<number | null>((min, t) => (t === null ? min : min === null ? t : Math.min(min, t)), null);

export async function collectMetrics({ store, now, adapterFor }: CollectorDeps): Promise<CollectReport> {
  const startedAt = now();
  const plan = await planMetrics(store, startedAt);
  const dueByAccount = new Map<string, Published[]>();
  for (const delivery of plan.posts.due) dueByAccount.set(delivery.accountId, [...(dueByAccount.get(delivery.accountId) ?? []), delivery]);
  const followerDue = new Set(plan.followers.due.map((a) => a.id));
  const accountIds = new Set([...dueByAccount.keys(), ...followerDue]);

  const report: CollectReport = { sampled: 0, followerReadings: 0, failures: [], nextAt: earliest(plan.posts.nextAt, plan.followers.nextAt) };
  const retryLater = () => (report.nextAt = earliest(report.nextAt, startedAt + RETRY_MS));

  await Promise.all(
    [...accountIds].map(async (accountId) => {
      const account = plan.accounts.get(accountId)!;
      try {
        const adapter = adapterFor(account);
        const due = dueByAccount.get(accountId) ?? [];
        const rows: MetricSample[] = [];
        if (due.length) {
          const counts = await adapter.metrics(due.map((d) => d.remote));
          for (const delivery of due) {
            const found = counts.get(delivery.remote.id);
            if (found) rows.push({ v: 1, id: newId('met'), accountId, deliveryId: delivery.id, takenAt: now(), counts: found });
            else retryLater();
          }
        }
        if (followerDue.has(accountId)) {
          const profile = await adapter.profile();
          rows.push({ v: 1, id: newId('met'), accountId, deliveryId: null, takenAt: now(), counts: { followers: profile.followers, following: profile.following, posts: profile.posts } });
        }
        await store.metrics.putMany(rows);
        report.sampled += rows.filter((r) => r.deliveryId !== null).length;
        report.followerReadings += rows.filter((r) => r.deliveryId === null).length;
        if (followerDue.has(accountId)) report.nextAt = earliest(report.nextAt, startedAt + FOLLOWER_INTERVAL_MS);
        for (const delivery of due) report.nextAt = earliest(report.nextAt, nextSampleAt(delivery.publishedAt, startedAt));
      } catch (error) {
        report.failures.push({ accountId, message: error instanceof Error ? error.message : String(error) });
        retryLater();
      }
    }),
  );
  return report;
}
