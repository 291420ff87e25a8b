import type { Store } from '../store';

const WAITING_STATES = ['scheduled', 'retrying'] as const;

/**
 * The earliest moment a delivery needs the publisher: the one `publish` alarm is set to it
 * (DESIGN.md §6). Reads only the first row of each state through the [state, dueAt] index.
 */
export async function nextDueAt(store: Store): Promise<number | null> {
  let earliest: number | null = null;
  for (const state of WAITING_STATES) {
    const [first] = await store.deliveries.list({
      index: 'by-state-dueAt',
      query: IDBKeyRange.bound([state, 0], [state, Number.MAX_SAFE_INTEGER]),
      limit: 1,
    });
    if (!first?.ok) continue;
    const due = first.value.state === 'retrying' ? (first.value.nextAttemptAt ?? first.value.dueAt) : first.value.dueAt;
    if (due !== null && (earliest === null || due < earliest)) earliest = due;
  }
  return earliest;
}
