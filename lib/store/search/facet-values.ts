import type { Store } from '../store';
import { TERM_INDEX, termsStartingWith } from './term-index';
import { facetTerm, type Facet } from './terms';

/** The distinct values of a facet (every tag, every site) in order, read from index keys only. */
export async function listFacetValues(store: Store, facet: 'tag' | 'site', max = 500): Promise<string[]> {
  const prefix = facetTerm(facet satisfies Facet, '');
  const terms = await termsStartingWith(store.db.transaction('clipTerms').store.index(TERM_INDEX), prefix, max);
  return terms.map((term) => term.slice(prefix.length));
}
