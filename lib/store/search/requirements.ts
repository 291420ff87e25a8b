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

/** One condition on a clip's terms: at least one of them passes `test`. */
export interface Requirement {
  /**
   * A query word must prefix some term: its terms are looked up in the index (./plan.ts). A facet
   * (a filter, or the workspace) is one of a few exact terms.
   */
  kind: 'word' | 'facet';
  /** The word (kind 'word') or the exact terms (kind 'facet'). */
  word?: string;
  terms?: string[];
  test(term: string): boolean;
}

const MAX_QUERY_WORDS = 8;

const exactly = (terms: string[]): Requirement => ({ kind: 'facet', terms, test: (term) => terms.includes(term) });

/** Each query word must prefix some term; filters and the workspace must match a facet term exactly. */
export function requirementsOf(query: string, filters: ClipFilters = {}, workspaceId?: string): Requirement[] {
  const words = [...new Set(wordsOf(query))].slice(0, MAX_QUERY_WORDS);
  const facets: Requirement[] = [];
  if (filters.kind) facets.push(exactly([facetTerm('kind', filters.kind)]));
  if (filters.statuses?.length) facets.push(exactly(filters.statuses.map((status) => facetTerm('status', status))));
  if (filters.tag) facets.push(exactly([facetTerm('tag', filters.tag)]));
  if (filters.site) facets.push(exactly([facetTerm('site', filters.site)]));
  if (workspaceId !== undefined) facets.push(exactly([facetTerm('workspace', workspaceId)]));
  return [...words.map((word): Requirement => ({ kind: 'word', word, test: (term: string) => term.startsWith(word) })), ...facets];
}
