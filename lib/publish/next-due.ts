import type { Delivery } from '../model';
import { validRows, type Store } from '../store';
import { wakeAt } from './claim';
import { isHeldByPause, pausedWorkspaceIds } from './paused';
import { lookupAt, LOOKUP_FOR_MS } from './resolve-hand-off';

/**
 * The earliest moment any delivery needs the publisher: the one `publish` alarm is set to it
 * (docs/architecture.md, decision 6) — a due scheduled post (API, reminder or hand-off), a retry, a lease that
 * will expire, or the next lookup of a published hand-off's real status. Deliveries of a
 * disconnected account wait for the account, not for a time, and those of a paused queue for Resume. Scheduled rows are read in due
 * order through [state, dueAt] and the scan stops at the first one that counts; retrying and
 * publishing rows are few, and only a week of published ones can still need a lookup.
 */
export async function nextDueAt(store: Store, now: number): Promise<number | null> {
  const disconnected = new Set(
    validRows(await store.accounts.list())
      .filter((a) => a.status === 'disconnected')
      .map((a) => a.id),
  );
  const paused = await pausedWorkspaceIds(store);
  const counts = (d: Delivery) => !disconnected.has(d.accountId) && !isHeldByPause(d, paused);
  let earliest: number | null = null;
  const consider = (d: Delivery, at = wakeAt(d)) => {
    if (at !== null && counts(d) && (earliest === null || at < earliest)) earliest = at;
  };
  const range = (state: Delivery['state'], from = 0) => IDBKeyRange.bound([state, from], [state, Number.MAX_SAFE_INTEGER]);
  for (let offset = 0, batch = 50; ; offset += batch) {
    const rows = validRows(await store.deliveries.list({ index: 'by-state-dueAt', query: range('scheduled'), limit: offset + batch })).slice(offset);
    const first = rows.find(counts);
    if (first) {
      consider(first);
      break;
    }
    if (rows.length < batch) break;
  }
  for (const state of ['retrying', 'publishing'] as const) {
    for (const delivery of validRows(await store.deliveries.list({ index: 'by-state-dueAt', query: range(state) }))) consider(delivery);
  }
  for (const delivery of validRows(await store.deliveries.list({ index: 'by-state-dueAt', query: range('published', now - LOOKUP_FOR_MS) }))) {
    consider(delivery, lookupAt(delivery, now));
  }
  return earliest;
}
