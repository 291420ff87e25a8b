import type { IDBPIndex } from 'idb';
import { clipSchema } from '../../model';
import { clipTermsOf, facetTerm } from '../search/terms';
import type { MigrationStep } from './step';

/** Terms rows converted per request round. */
const BATCH = 1000;

type Index = IDBPIndex<unknown, string[], string, string, 'versionchange'>;

/**
 * Version 4: queue search reads each term's clips newest first (issue 3, "Curate": search within
 * 30 ms at 100k clips). A `clipTerms` row becomes `{ id, capturedAt, termsAt }`, every term paired
 * with the clip's capturedAt, and the multiEntry `by-term-capturedAt` index over those pairs replaces
 * `by-term`; each row also gains the clip's workspace facet terms. Rows are converted from their
 * own terms and from two index key lists of the clips (capturedAt, workspaces), in batches: no clip
 * row is read and no text segmented again. A row already in the new shape (step 2 writes today's
 * rows) is kept. A terms row whose clip is gone is removed: it is derived and has no source left.
 */
export const step004: MigrationStep = {
  version: 4,
  description: 'pair clip search terms with capturedAt and index them by term and time',
  async upgrade(_db, tx, report) {
    const terms = tx.objectStore('clipTerms');
    const clips = tx.objectStore('clips');
    terms.deleteIndex('by-term');
    // About a second per thousand clips on a busy machine: the panel shows how far it is.
    const total = await terms.count();
    let done = 0;
    report({ task: 'clip-search-index', done, total });
    const capturedAt = await keysByClip(clips.index('by-capturedAt') as Index);
    const workspaces = await keysByClip(clips.index('by-workspace') as Index);
    for (let last: IDBValidKey | undefined; ;) {
      const rows = (await terms.getAll(last === undefined ? null : IDBKeyRange.lowerBound(last, true), BATCH)) as Record<string, unknown>[];
      if (rows.length === 0) break;
      await Promise.all(rows.map((row) => convert(row, tx, capturedAt.get(String(row.id))?.[0] as number | undefined, workspaces.get(String(row.id)) ?? [])));
      last = rows.at(-1)!.id as IDBValidKey;
      done += rows.length;
      report({ task: 'clip-search-index', done, total });
    }
    terms.createIndex('by-term-capturedAt', 'termsAt', { multiEntry: true });
  },
};

/** Every clip's keys in an index of the clips store, read with a key cursor (no row is read). */
async function keysByClip(index: Index): Promise<Map<string, unknown[]>> {
  const keys = new Map<string, unknown[]>();
  for (let cursor = await index.openKeyCursor(); cursor; cursor = await cursor.continue()) {
    const id = String(cursor.primaryKey);
    keys.set(id, [...(keys.get(id) ?? []), cursor.key]);
  }
  return keys;
}

async function convert(
  row: Record<string, unknown>,
  tx: Parameters<MigrationStep['upgrade']>[1],
  capturedAt: number | undefined,
  workspaceIds: unknown[],
): Promise<unknown> {
  const terms = tx.objectStore('clipTerms');
  if (Array.isArray(row.termsAt)) return;
  if (capturedAt === undefined) return terms.delete(row.id as string);
  if (Array.isArray(row.terms) && row.terms.every((term) => typeof term === 'string')) {
    // As clipTermsOf: a clip filed in no workspace gets the empty workspace term.
    const filed = workspaceIds.length > 0 ? workspaceIds.map(String) : [''];
    const all = new Set([...(row.terms as string[]), ...filed.map((id) => facetTerm('workspace', id))]);
    return terms.put({ id: row.id, capturedAt, termsAt: [...all].map((term) => [term, capturedAt]) });
  }
  // A damaged terms row: rebuilt from its clip when that is valid, else removed (a flagged clip has none).
  const clip = clipSchema.safeParse(await tx.objectStore('clips').get(row.id as string));
  return clip.success ? terms.put(clipTermsOf(clip.data)) : terms.delete(row.id as string);
}
