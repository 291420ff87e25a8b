import { clipSchema, type Clip } from '../../model';
import { checkRow, type Row } from '../rows';
import type { Store } from '../index';
import { isShown, newestFirst, throwIfAborted, upToCursor, type SearchCursor } from './cursor';

/** Below this many matches, reading and sorting them beats walking the capturedAt index. */
const SORT_MAX = 2000;

interface Options {
  limit: number;
  after?: SearchCursor;
  signal?: AbortSignal;
  /** Checked on the rows read (few ids only): cheaper than reading the whole by-workspace index. */
  workspaceId?: string;
}

/**
 * The newest `limit` of `ids` after the cursor, and how many of `ids` there are (in the workspace,
 * when one is given and `ids` are few). Only the rows returned are parsed.
 */
export async function newestRows(store: Store, ids: Set<string>, { limit, after, signal, workspaceId }: Options): Promise<{ rows: Row<Clip>[]; total: number }> {
  if (ids.size <= SORT_MAX) {
    const tx = store.db.transaction('clips');
    const keys = [...ids];
    const raws = (await Promise.all(keys.map((id) => tx.store.get(id)))) as ({ capturedAt?: unknown; workspaceIds?: unknown } | undefined)[];
    throwIfAborted(signal);
    const inWorkspace = (raw: { workspaceIds?: unknown }) => workspaceId === undefined || (Array.isArray(raw.workspaceIds) && raw.workspaceIds.includes(workspaceId));
    const found = raws.flatMap((raw, i) => (raw && typeof raw.capturedAt === 'number' && inWorkspace(raw) ? [{ id: keys[i]!, capturedAt: raw.capturedAt, raw }] : []));
    const rows = found
      .filter(({ id, capturedAt }) => !isShown(after, capturedAt, id))
      .sort(newestFirst)
      .slice(0, limit)
      .map(({ id, raw }) => checkRow(clipSchema, id, raw));
    return { rows, total: found.length };
  }
  // Keys only, newest first from the cursor on: the page is found without reading other rows.
  // (Many ids: the caller has already narrowed them to the workspace.)
  const tx = store.db.transaction('clips');
  const picked: string[] = [];
  for (let cursor = await tx.store.index('by-capturedAt').openKeyCursor(upToCursor(after), 'prev'); cursor && picked.length < limit; cursor = await cursor.continue()) {
    const id = String(cursor.primaryKey);
    if (ids.has(id) && !isShown(after, cursor.key as number, id)) picked.push(id);
  }
  throwIfAborted(signal);
  const raws: unknown[] = await Promise.all(picked.map((id) => tx.store.get(id)));
  return { rows: raws.flatMap((raw, i) => (raw === undefined ? [] : [checkRow(clipSchema, picked[i]!, raw)])), total: ids.size };
}
