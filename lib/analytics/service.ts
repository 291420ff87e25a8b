import { collectMetrics, planMetrics } from './collector';
import { adapterFor } from '../networks';
import type { Store } from '../store';
import { ALARMS } from '../app/names';
import type { BackgroundService, ServiceContext } from '../app/background-service';
import type { INSIGHTS_PROTOCOL } from '../messaging/protocols/insights';

/**
 * Metric samples on their plan (lib/analytics/sample-plan.ts): one `metrics` alarm at the earliest
 * due reading, set again after every run and whenever a delivery changes (a post just published
 * wants its 1 h reading). Start-up catches up on readings that fell due while the browser was shut.
 */
export function createMetricsService({ store, now, ports }: ServiceContext): BackgroundService<keyof typeof INSIGHTS_PROTOCOL> {
  const setAlarm = (nextAt: number | null) => ports.alarms.set(ALARMS.metrics, nextAt === null ? null : Math.max(nextAt, now() + 1000));
  const collect = async () => {
    const opened: Store = await store;
    const report = await collectMetrics({
      store: opened,
      now,
      adapterFor: adapterFor(opened, now),
    });
    for (const failure of report.failures) console.warn(`Cadence: metrics for account ${failure.accountId} failed: ${failure.message}`);
    await setAlarm(report.nextAt);
    return report;
  };
  const replan = async () => {
    const plan = await planMetrics(await store, now());
    const due = plan.posts.due.length + plan.followers.due.length > 0;
    const next = [plan.posts.nextAt, plan.followers.nextAt].filter((t): t is number => t !== null);
    await setAlarm(due ? now() : next.length ? Math.min(...next) : null);
  };

  let pending: ReturnType<typeof setTimeout> | null = null;
  void store.then((opened) =>
    opened.feed.subscribe((change) => {
      if (change.store !== 'deliveries' && change.store !== 'accounts') return;
      if (pending) clearTimeout(pending);
      // Coalesce bursts (a post to five accounts is five writes) into one re-plan.
      pending = setTimeout(() => void replan().catch((error: unknown) => console.error('Cadence: metrics re-plan failed', error)), 2000);
    }),
  );

  return {
    handlers: {
      'insights.collect': async () => {
        const { sampled, followerReadings, failures, nextAt } = await collect();
        return { sampled, followerReadings, failures, nextAt };
      },
    },
    async onAlarm(name) {
      if (name === ALARMS.metrics) await collect();
    },
    async onStart() {
      await collect();
    },
  };
}
