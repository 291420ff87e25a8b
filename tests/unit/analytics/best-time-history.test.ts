import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { bestTimesOf, loadBestTimes } from '@/lib/analytics/best-time-history';
import { buildInsights } from '@/lib/analytics/insights';
import { rangeOfDates } from '@/lib/analytics/range';
import type { MetricSample } from '@/lib/model';
import { openStore } from '@/lib/store';
import { makeAccount, makeDelivery, makeWorkspace } from '../factories';

const zone = 'Europe/Berlin';
const workspace = makeWorkspace({ id: 'ws_bt', timeZone: zone });
const api = makeAccount({ id: 'acct_api', workspaceId: workspace.id });
const reminder = makeAccount({ id: 'acct_rem', workspaceId: workspace.id, network: 'linkedin', publishMode: 'reminder' });

/** 24 measured posts in 2024: Tue 09:00, Thu 13:00 and Sat 10:00 (Berlin), eight weeks each. */
function history() {
  const rows = Array.from({ length: 24 }, (_, i) => {
    const [weekday, hour, likes] = [
      [2, 9, 30],
      [4, 13, 10],
      [6, 10, 5],
    ][i % 3]!;
    const at = DateTime.fromObject({ year: 2024, month: 1, day: 7 + weekday!, hour }, { zone })
      .plus({ weeks: Math.floor(i / 3) })
      .toMillis();
    const delivery = makeDelivery({
      id: `dlv_bt_${i}`,
      workspaceId: workspace.id,
      accountId: api.id,
      state: 'published',
      dueAt: at,
      publishedAt: at,
      remote: { id: `at://bt/${i}`, url: 'https://bsky.app/x', cid: 'c' },
    });
    const sample: MetricSample = { v: 1, id: `met_bt_${i}`, accountId: api.id, deliveryId: delivery.id, takenAt: at + 3_600_000, counts: { likes: likes! } };
    return { delivery, sample };
  });
  return { deliveries: rows.map((r) => r.delivery), samples: rows.map((r) => r.sample) };
}

describe('best times from the whole history', () => {
  it('ranks API accounts only; a reminder account has no numbers to learn from', () => {
    const { deliveries, samples } = history();
    const result = bestTimesOf([api, reminder], deliveries, samples, zone);
    expect(result.map((r) => r.accountId)).toEqual(['acct_api']);
    expect(result[0]!.result.status === 'ok' && result[0]!.result.slots[0]).toEqual({ weekday: 2, time: '09:00' });
  });

  it('Insights uses the history before the range on screen, not only the range', () => {
    const { deliveries, samples } = history();
    const range = rangeOfDates('2024-06-01', '2024-06-30', zone); // nothing published in June
    const insights = buildInsights({ workspace, accounts: [api], deliveries: [], history: deliveries, posts: [], samples, inbox: [] }, range, null);
    expect(insights.totals.posts).toBe(0);
    expect(insights.bestTimes[0]!.result.status).toBe('ok');
  });

  it('reads the rows from IndexedDB for the schedule editor and the calendar', async () => {
    const store = await openStore();
    const { deliveries, samples } = history();
    await store.workspaces.put(workspace);
    await store.accounts.putMany([api, reminder]);
    await store.deliveries.putMany([...deliveries, makeDelivery({ workspaceId: workspace.id, accountId: api.id, state: 'scheduled' })]);
    await store.metrics.putMany(samples);
    const loaded = await loadBestTimes(store, workspace, [api, reminder]);
    expect(loaded).toEqual(bestTimesOf([api], deliveries, samples, zone));
    store.close();
  });
});
