import type { Store } from '../index';
import { facetTerm, type Facet } from './terms';

/** The distinct values of a facet (every tag, every site) in order, read from index keys only. */
export async function listFacetValues(store: Store, facet: 'tag' | 'site', max = 500): Promise<string[]> {
  const prefix = facetTerm(facet satisfies Facet, '');
  const index = store.db.transaction('clipTerms').store.index('by-term');
  const values: string[] = [];
  const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
  for (let cursor = await index.openKeyCursor(range, 'nextunique'); cursor && values.length < max; cursor = await cursor.continue()) {
    values.push(String(cursor.key).slice(prefix.length));
  }
  return values;
}
