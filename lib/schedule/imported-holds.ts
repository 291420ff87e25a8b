import { isImportedHold } from '../backup/hold-pending';
import type { Delivery } from '../model';
import { validRows, type Store } from '../store';

/**
 * The imported deliveries held until the user confirms them (./imported.ts says what happens to
 * them). Apart from the actions so the side panel's first bundle can read them without the
 * scheduling code the actions need (issue 20).
 */
export async function importedHolds(store: Store): Promise<Delivery[]> {
  const rows = validRows(await store.deliveries.list({ index: 'by-state-dueAt', query: IDBKeyRange.bound(['held', -Infinity], ['held', Infinity]) }));
  return rows.filter(isImportedHold);
}
