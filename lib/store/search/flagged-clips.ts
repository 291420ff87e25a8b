import { clipSchema, type Clip } from '../../model';
import { checkRow, type Row } from '../rows';
import type { Store } from '../store';

/**
 * Clips that failed their schema have no terms row (migration 002 and the collection skip them),
 * so search never returns them. They are found here, by the difference in keys, to be shown.
 * Whether there are any at all is the tally's `flagged` (one small row): ask it first. Counting the
 * two stores here would walk every row of both before the keys are read anyway.
 */
export async function flaggedClips(store: Store): Promise<Row<Clip>[]> {
  const [keys, indexedKeys] = await Promise.all([store.db.getAllKeys('clips'), store.db.getAllKeys('clipTerms')]);
  const known = new Set(indexedKeys.map(String));
  const missing = keys.map(String).filter((key) => !known.has(key));
  const raws: unknown[] = await Promise.all(missing.map((key) => store.db.get('clips', key)));
  return raws.map((raw, i) => checkRow(clipSchema, missing[i]!, raw)).filter((row) => !row.ok);
}
