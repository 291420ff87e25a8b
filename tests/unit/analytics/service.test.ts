import { describe, expect, it } from 'vitest';
import { RETRY_MS } from '@/lib/analytics/collector';
import { createMetricsService } from '@/lib/analytics/service';
import { ALARMS } from '@/lib/app/names';
import { openStore } from '@/lib/store';
import { makeAccount, makeDelivery } from '../factories';
import { createFakePorts } from '../fake-ports';

const H = 3_600_000;

describe('metrics service', () => {
  it('on the metrics alarm, collects and sets the one alarm again: an account without a sign-in is retried in an hour', async () => {
    const store = await openStore();
    const now = Date.now();
    await store.accounts.put(makeAccount({ id: 'acct_1' })); // no credential saved: the adapter throws AuthError
    await store.deliveries.put(
      makeDelivery({
        accountId: 'acct_1',
        state: 'published',
        dueAt: now - 2 * H,
        publishedAt: now - 2 * H,
        remote: { id: 'at://did:plc:a/app.bsky.feed.post/1', url: 'https://bsky.app/x', cid: 'c' },
      }),
    );
    const { ports } = createFakePorts();
    const service = createMetricsService({ store: Promise.resolve(store), now: () => now, ports });
    await service.onAlarm!(ALARMS.metrics);
    expect(await ports.alarms.when(ALARMS.metrics)).toBe(now + RETRY_MS);
    const answer = await service.handlers!['insights.collect']!({}, { from: 'extension', tabId: null });
    expect(answer.failures).toEqual([{ accountId: 'acct_1', message: 'This account has no saved sign-in. Reconnect it in Settings.' }]);
    store.close();
  });

  it('clears the alarm when nothing is planned, and ignores other alarms', async () => {
    const store = await openStore();
    const { ports } = createFakePorts();
    await ports.alarms.set(ALARMS.metrics, 5);
    const service = createMetricsService({ store: Promise.resolve(store), now: () => 1_000, ports });
    await service.onAlarm!(ALARMS.publish);
    expect(await ports.alarms.when(ALARMS.metrics)).toBeDefined();
    await service.onAlarm!(ALARMS.metrics);
    expect(await ports.alarms.when(ALARMS.metrics)).toBeUndefined();
    store.close();
  });
});
