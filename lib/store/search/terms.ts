import type { Clip, ClipTerms } from '../../model';
import { indexWordsOf } from '../../text/words';

/** A clip's searchable words stop here; the most telling fields come first, so body text is cut first. */
export const MAX_TERMS = 600;
/** Long articles are indexed by their opening, which is what a curator remembers. */
const MAX_TEXT_CHARS = 20_000;

/**
 * Facet terms share the `by-term` index with words. They start with U+0001, which the word
 * segmenter never yields, so a prefix query for "kind" cannot match "\u0001kind:article".
 */
export const FACET = '\u0001';
export type Facet = 'kind' | 'status' | 'tag' | 'site' | 'workspace';
export const facetTerm = (facet: Facet, value: string) => `${FACET}${facet}:${value}`;

/** The site a clip came from, as the filter shows it: the URL's host without `www.`. */
export function siteOf(clip: Pick<Clip, 'url'>): string | null {
  try {
    const host = new URL(clip.url).hostname;
    return host ? host.replace(/^www\./, '') : null;
  } catch {
    return null;
  }
}

/** Deduplicated, capped words of everything a curator searches: title, tags, site, note, excerpt, text. */
export function termsOf(clip: Clip): string[] {
  const site = siteOf(clip);
  const fields = [
    clip.title,
    clip.tags.join(' '),
    clip.siteName ?? '',
    site ?? '',
    clip.byline ?? '',
    clip.note,
    clip.quote?.text ?? '',
    clip.excerpt,
    clip.post?.text ?? '',
    clip.text.slice(0, MAX_TEXT_CHARS),
  ];
  const terms = new Set<string>();
  for (const field of fields) {
    for (const word of indexWordsOf(field)) {
      if (terms.size >= MAX_TERMS) return [...terms];
      terms.add(word);
    }
  }
  return [...terms];
}

/**
 * Exact-match terms the filters use: kind, status, each tag, site, and each workspace the clip is
 * filed in (so the queue's workspace is one more index range, not a check on rows). A clip filed
 * nowhere gets the empty workspace term: every clip has at least one workspace term, as it has
 * one kind and one status, which lets a search skip a facet every clip meets (./plan.ts).
 */
export function facetTermsOf(clip: Clip): string[] {
  const site = siteOf(clip);
  return [
    facetTerm('kind', clip.kind),
    facetTerm('status', clip.status),
    ...new Set(clip.tags.map((tag) => facetTerm('tag', tag))),
    ...(site ? [facetTerm('site', site)] : []),
    ...new Set((clip.workspaceIds.length > 0 ? clip.workspaceIds : ['']).map((id) => facetTerm('workspace', id))),
  ];
}

/** Each term paired with the clip's capturedAt: the index key (./term-index.ts). */
export function clipTermsOf(clip: Clip): ClipTerms {
  return { id: clip.id, capturedAt: clip.capturedAt, termsAt: [...termsOf(clip), ...facetTermsOf(clip)].map((term) => [term, clip.capturedAt]) };
}

export const termsOfRow = (row: Pick<ClipTerms, 'termsAt'>) => row.termsAt.map(([term]) => term);
