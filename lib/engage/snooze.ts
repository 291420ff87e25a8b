import { validRows, type Store } from '../store';

/** Snoozed items whose time has come are open again (run by the poll and maintenance alarms). Returns how many woke. */
export async function wakeSnoozed(store: Store, now: number): Promise<number> {
  const snoozed = validRows(
    await store.inbox.list({ index: 'by-state-createdAt', query: IDBKeyRange.bound(['snoozed', 0], ['snoozed', Number.MAX_SAFE_INTEGER]) }),
  );
  let woken = 0;
  for (const item of snoozed) {
    if (item.snoozedUntil !== null && item.snoozedUntil > now) continue;
    const written = await store.inbox.update(item.id, (current) =>
      current?.state === 'snoozed' && (current.snoozedUntil === null || current.snoozedUntil <= now)
        ? { ...current, state: 'open', snoozedUntil: null, isRead: false }
        : undefined,
    );
    if (written) woken++;
  }
  return woken;
}
