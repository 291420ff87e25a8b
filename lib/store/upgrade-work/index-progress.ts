import type { IDBPTransaction } from 'idb';
import { UPGRADE_WORK_ID, workOfRow } from './work-state';

/**
 * How far the clip search index is while the upgrade builds it (./index-task.ts): null when it is
 * complete. Search reads it in its own transaction, so it says plainly that results may be missing
 * some clips, and lists the queue from the clips themselves meanwhile (../search/scan-clips.ts).
 */
export async function indexProgress(tx: IDBPTransaction<unknown, string[], 'readonly' | 'readwrite'>): Promise<{ done: number; total: number | null } | null> {
  const work = workOfRow(await tx.objectStore('meta').get(UPGRADE_WORK_ID));
  const state = work?.tasks.find((candidate) => candidate.task === 'clip-search-index');
  return state ? { done: state.done, total: state.total } : null;
}
