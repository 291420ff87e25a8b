import type { Clip, ClipKind } from '../../model';
import { facetTerm } from './terms';
import { wordsOf } from './words';

export interface ClipFilters {
  kind?: ClipKind;
  /** Any of these; empty or missing means every status. */
  statuses?: Clip['status'][];
  tag?: string;
  site?: string;
}

/** One condition on a clip's terms: at least one term falls in one of `ranges`. */
export interface Requirement {
  /**
   * A query word (prefix of a term) or a filter (a facet term, exactly). Status is apart: it splits
   * clips into a few large groups ("new or used" is nearly all), so it is never worth probing.
   */
  kind: 'word' | 'facet' | 'status';
  ranges: IDBKeyRange[];
  test(term: string): boolean;
}

const MAX_QUERY_WORDS = 8;

/** Each query word must prefix some term; filters must match a facet term exactly. */
export function requirementsOf(query: string, filters: ClipFilters = {}): Requirement[] {
  const words = [...new Set(wordsOf(query))].slice(0, MAX_QUERY_WORDS);
  const exact = (terms: string[], kind: Requirement['kind'] = 'facet'): Requirement => ({
    kind,
    ranges: terms.map((term) => IDBKeyRange.only(term)),
    test: (term) => terms.includes(term),
  });
  const facets: Requirement[] = [];
  if (filters.kind) facets.push(exact([facetTerm('kind', filters.kind)]));
  if (filters.statuses?.length) facets.push(exact(filters.statuses.map((status) => facetTerm('status', status)), 'status'));
  if (filters.tag) facets.push(exact([facetTerm('tag', filters.tag)]));
  if (filters.site) facets.push(exact([facetTerm('site', filters.site)]));
  return [
    ...words.map((word): Requirement => ({ kind: 'word', ranges: [IDBKeyRange.bound(word, `${word}\uffff`)], test: (term: string) => term.startsWith(word) })),
    ...facets,
  ];
}
