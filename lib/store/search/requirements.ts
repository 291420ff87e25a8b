import type { Clip, ClipKind } from '../../model';
import { facetTerm, type Facet } from './terms';
import { wordsOf } from '../../text/words';

export interface ClipFilters {
  kind?: ClipKind;
  /** Any of these; empty or missing means every status. */
  statuses?: Clip['status'][];
  tag?: string;
  site?: string;
}

/** One condition on a clip's terms: at least one of them passes `test`. */
export interface Requirement {
  /**
   * A query word must prefix some term: its terms are looked up in the index (./plan.ts). A facet
   * (a filter, or the workspace) is one of a few exact terms.
   */
  kind: 'word' | 'facet';
  /** The word (kind 'word'), or the facet and its exact terms (kind 'facet'). */
  word?: string;
  facet?: Facet;
  terms?: string[];
  test(term: string): boolean;
}

const MAX_QUERY_WORDS = 8;

const exactly = (facet: Facet, values: string[]): Requirement => {
  const terms = values.map((value) => facetTerm(facet, value));
  return { kind: 'facet', facet, terms, test: (term) => terms.includes(term) };
};

/** Each query word must prefix some term; filters and the workspace must match a facet term exactly. */
export function requirementsOf(query: string, filters: ClipFilters = {}, workspaceId?: string): Requirement[] {
  const words = [...new Set(wordsOf(query))].slice(0, MAX_QUERY_WORDS);
  const facets: Requirement[] = [];
  if (filters.kind) facets.push(exactly('kind', [filters.kind]));
  if (filters.statuses?.length) facets.push(exactly('status', filters.statuses));
  if (filters.tag) facets.push(exactly('tag', [filters.tag]));
  if (filters.site) facets.push(exactly('site', [filters.site]));
  if (workspaceId !== undefined) facets.push(exactly('workspace', [workspaceId]));
  return [...words.map((word): Requirement => ({ kind: 'word', word, test: (term: string) => term.startsWith(word) })), ...facets];
}
