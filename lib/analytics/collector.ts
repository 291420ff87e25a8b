import { API_NETWORKS, METRICS_MISSES_ID, metricsMissesSchema, newId, type Account, type Delivery, type MetricSample, type MetricsMisses } from '../model';
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
 * - A post the network does not return (deleted there) is asked for again after RETRY_MS, then
 *   after twice as long at each further miss; after GIVE_UP_AFTER_MISSES in a row it is no longer
 *   asked for (a deleted post would otherwise wake the worker every hour for the rest of its plan).
 *   Misses are kept in `meta` (METRICS_MISSES_ID); a reading clears them; an unreadable record is
 *   read as no misses (it only costs requests) and is replaced on the next write.
 * - A post handed to the server's scheduler is measured once the publisher has found the status
 *   it became (lib/publish/resolve-hand-off.ts); until then its ref is the scheduled status
 *   (no URL), which has no counts to read.
 */
export const RETRY_MS = 3_600_000;
/** 1 + 2 + 4 + 8 h of retries: a post missing for more than half a day is taken for deleted. */
export const GIVE_UP_AFTER_MISSES = 5;

type Misses = MetricsMisses['misses'];

async function readMisses(store: Store): Promise<Misses> {
  const row = metricsMissesSchema.safeParse(await store.db.get('meta', METRICS_MISSES_ID));
  return row.success ? row.data.misses : {};
}

/** When a post that was missed may be asked for again; null once it has been missed too often. */
export function afterMisses(miss: Misses[string] | undefined): number | null | undefined {
  if (!miss) return undefined;
  if (miss.count >= GIVE_UP_AFTER_MISSES) return null;
  return miss.lastAt + RETRY_MS * 2 ** (miss.count - 1);
}

/** Records this run's misses and readings in one transaction (other runs may have written meanwhile); returns the record. */
async function writeMisses(store: Store, missed: string[], read: string[], at: number): Promise<Misses> {
  if (missed.length === 0 && read.length === 0) return {};
  const tx = store.db.transaction('meta', 'readwrite');
  const row = metricsMissesSchema.safeParse(await tx.store.get(METRICS_MISSES_ID));
  const misses: Misses = row.success ? { ...row.data.misses } : {};
  const before = JSON.stringify(misses);
  for (const id of read) delete misses[id];
  for (const id of missed) misses[id] = { count: (misses[id]?.count ?? 0) + 1, lastAt: at };
  if (JSON.stringify(misses) !== before || !row.success) await tx.store.put(metricsMissesSchema.parse({ v: 1, id: METRICS_MISSES_ID, misses }));
  await tx.done;
  return misses;
}

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
  const [last] = await store.metrics.list({
    index: 'by-delivery-takenAt',
    query: IDBKeyRange.bound([deliveryId, -Infinity], [deliveryId, Infinity]),
    direction: 'prev',
    limit: 1,
  });
  return last?.ok ? last.value.takenAt : null;
}

async function lastFollowerSampleAt(store: Store, accountId: string, now: number): Promise<number | null> {
  // Account rows are not in by-delivery-takenAt (a null key is not indexed): look back two intervals.
  const recent = validRows(
    await store.metrics.list({ index: 'by-account-takenAt', query: IDBKeyRange.bound([accountId, now - 2 * FOLLOWER_INTERVAL_MS], [accountId, Infinity]) }),
  );
  const readings = recent.filter((s) => s.deliveryId === null).map((s) => s.takenAt);
  return readings.length ? Math.max(...readings) : null;
}

export interface MetricsPlan {
  posts: { due: Published[]; nextAt: number | null };
  followers: { due: Account[]; nextAt: number | null };
  accounts: Map<string, Account>;
}

export async function planMetrics(store: Store, now: number): Promise<MetricsPlan> {
  const accounts = new Map(
    validRows(await store.accounts.list())
      .filter(isMeasurable)
      .map((a) => [a.id, a]),
  );
  const deliveries = (await publishedDeliveries(store)).filter((d) => accounts.has(d.accountId));
  const misses = await readMisses(store);
  const postItems: PlanItem<Published>[] = [];
  for (const delivery of deliveries) {
    const planned = nextSampleAt(delivery.publishedAt, await lastPostSampleAt(store, delivery.id));
    const retryAt = afterMisses(misses[delivery.id]);
    if (planned === null || retryAt === null) continue;
    postItems.push({ key: delivery, dueAt: retryAt === undefined ? planned : Math.max(planned, retryAt) });
  }
  const followerItems: PlanItem<Account>[] = [];
  for (const account of accounts.values())
    followerItems.push({ key: account, dueAt: nextFollowerSampleAt(await lastFollowerSampleAt(store, account.id, now), now) });
  return { posts: duePlan(postItems, now), followers: duePlan(followerItems, now), accounts };
}

/** The first comment a delivery published (issue 22): the last part, when the record marks it so. */
export function commentRef(delivery: Delivery): NonNullable<Delivery['remote']> | null {
  const last = delivery.sent?.parts.at(-1);
  return last?.comment && delivery.parts.length === delivery.sent!.parts.length ? delivery.parts.at(-1)! : null;
}

/**
 * A first comment's engagement counts with its post's (issue 22): the two are one piece of work.
 * The comment is itself one of the post's replies, and our own reply is no one's engagement.
 */
export function withComment(post: Record<string, number>, comment: Record<string, number> | undefined): Record<string, number> {
  if (!comment) return post;
  const sum: Record<string, number> = { ...post, ...(post.replies ? { replies: post.replies - 1 } : {}) };
  for (const [key, value] of Object.entries(comment)) sum[key] = (sum[key] ?? 0) + value;
  return sum;
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
  const missed: string[] = [];
  const read: string[] = [];

  await Promise.all(
    [...accountIds].map(async (accountId) => {
      const account = plan.accounts.get(accountId)!;
      try {
        const adapter = adapterFor(account);
        const due = dueByAccount.get(accountId) ?? [];
        const rows: MetricSample[] = [];
        const sampled: Published[] = [];
        const notFound: string[] = [];
        if (due.length) {
          const comments = due.map(commentRef).filter((ref) => ref !== null);
          const counts = await adapter.metrics([...due.map((d) => d.remote), ...comments]);
          for (const delivery of due) {
            const found = counts.get(delivery.remote.id);
            if (found) {
              rows.push({
                v: 1,
                id: newId('met'),
                accountId,
                deliveryId: delivery.id,
                takenAt: now(),
                counts: withComment(found, counts.get(commentRef(delivery)?.id ?? '')),
              });
              sampled.push(delivery);
            } else {
              notFound.push(delivery.id);
            }
          }
        }
        if (followerDue.has(accountId)) {
          const profile = await adapter.profile();
          rows.push({
            v: 1,
            id: newId('met'),
            accountId,
            deliveryId: null,
            takenAt: now(),
            counts: { followers: profile.followers, following: profile.following, posts: profile.posts },
          });
        }
        await store.metrics.putMany(rows);
        // Only once the readings are stored: a failed write leaves every miss as it was.
        read.push(...sampled.map((delivery) => delivery.id));
        missed.push(...notFound);
        report.sampled += rows.filter((r) => r.deliveryId !== null).length;
        report.followerReadings += rows.filter((r) => r.deliveryId === null).length;
        if (followerDue.has(accountId)) report.nextAt = earliest(report.nextAt, startedAt + FOLLOWER_INTERVAL_MS);
        for (const delivery of sampled) report.nextAt = earliest(report.nextAt, nextSampleAt(delivery.publishedAt, startedAt));
      } catch (error) {
        report.failures.push({ accountId, message: error instanceof Error ? error.message : String(error) });
        retryLater();
      }
    }),
  );
  const misses = await writeMisses(store, missed, read, startedAt);
  // The next try of each missed post, on its backed-off plan.
  for (const id of missed) report.nextAt = earliest(report.nextAt, afterMisses(misses[id]) ?? null);
  return report;
}
