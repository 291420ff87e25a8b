import { clipSchema, type Clip } from '../../model';
import { checkRow, type Row } from '../rows';
import type { Store } from '../index';
import { isShown, newestFirst, throwIfAborted, upToCursor, type SearchCursor } from './cursor';

/** Below this many matches, reading and sorting them beats walking the capturedAt index. */
const SORT_MAX = 2000;

/** The newest `limit` of `ids` after the cursor; only the rows returned are parsed. */
export async function newestRows(store: Store, ids: Set<string>, { limit, after, signal }: { limit: number; after?: SearchCursor; signal?: AbortSignal }): Promise<Row<Clip>[]> {
  if (ids.size <= SORT_MAX) {
    const tx = store.db.transaction('clips');
    const keys = [...ids];
    const raws = (await Promise.all(keys.map((id) => tx.store.get(id)))) as ({ capturedAt?: unknown } | undefined)[];
    throwIfAborted(signal);
    const found = raws.flatMap((raw, i) => (raw && typeof raw.capturedAt === 'number' ? [{ id: keys[i]!, capturedAt: raw.capturedAt, raw }] : []));
    return found
      .filter(({ id, capturedAt }) => !isShown(after, capturedAt, id))
      .sort(newestFirst)
      .slice(0, limit)
      .map(({ id, raw }) => checkRow(clipSchema, id, raw));
  }
  // Keys only, newest first from the cursor on: the page is found without reading other rows.
  const tx = store.db.transaction('clips');
  const picked: string[] = [];
  for (let cursor = await tx.store.index('by-capturedAt').openKeyCursor(upToCursor(after), 'prev'); cursor && picked.length < limit; cursor = await cursor.continue()) {
    const id = String(cursor.primaryKey);
    if (ids.has(id) && !isShown(after, cursor.key as number, id)) picked.push(id);
  }
  throwIfAborted(signal);
  const raws: unknown[] = await Promise.all(picked.map((id) => tx.store.get(id)));
  return raws.flatMap((raw, i) => (raw === undefined ? [] : [checkRow(clipSchema, picked[i]!, raw)]));
}
