import type { TermIndex } from './term-index';

/** A requirement with at most this many clips is rare: its clips are the only candidates (./plan.ts). */
export const RARE_MAX = 300;

/**
 * Ranges of the index seen holding more than RARE_MAX entries, per database: a filter the queue
 * keeps ("new or used" once some clip is archived) and the words typed before the last one are
 * probed once, not on every keystroke. A verdict only ever skips a probe. Gone stale (clips deleted
 * since), it sends a requirement that became rare to the span-by-span read, which is exact too.
 */
const MAX_KNOWN = 1000;
const knownMany = new WeakMap<object, Set<string>>();

/**
 * The clips with an entry in any of `ranges`, if at most RARE_MAX; null when more, or when the
 * requirement turns out to be met by every clip (the default "new or used" and the one workspace).
 * Rarity is probed by jumping a cursor RARE_MAX entries into each range, which reads no keys (a
 * count would walk every entry: 38 ms for 10,000 in Chromium) but which the database still steps
 * through one by one (~1.5 ms in Chromium, and one origin's requests queue behind each other): a
 * facet every clip meets is not jumped, its cursor opened beside the check and dropped.
 */
export async function clipsIfRare(index: TermIndex, ranges: { name: string; range: IDBKeyRange }[], isEveryClip: Promise<boolean>): Promise<string[] | null> {
  const db = index.objectStore.transaction.db;
  const known = knownMany.get(db) ?? new Set<string>();
  knownMany.set(db, known);
  if (ranges.some(({ name }) => known.has(name))) return null;
  const [cursors, isSkipped] = await Promise.all([Promise.all(ranges.map(({ range }) => index.openKeyCursor(range))), isEveryClip]);
  if (isSkipped) return null;
  const isMany = await Promise.all(cursors.map(async (cursor) => !!(await cursor?.advance(RARE_MAX))));
  if (known.size >= MAX_KNOWN) known.clear();
  ranges.forEach(({ name }, i) => isMany[i] && known.add(name));
  if (isMany.some(Boolean)) return null;
  const perRange = await Promise.all(ranges.map(({ range }) => index.getAllKeys(range)));
  const ids = [...new Set(perRange.flat().map(String))];
  return ids.length <= RARE_MAX ? ids : null;
}
