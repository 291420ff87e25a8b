import twitterText from 'twitter-text';
import { findMentions, findTags, type Match } from './facet-patterns';
import { utf8Offset } from './text-units';

/**
 * Bluesky rich-text facets (lexicon app.bsky.richtext.facet). Invariants:
 * - indices are UTF-8 byte offsets into the post text, byteEnd exclusive;
 * - facets are sorted by byteStart and never overlap (a mention or tag inside a link is part
 *   of the link);
 * - detection is pure: a mention needs a DID, so `detectFacets` hands mentions back with their
 *   handle for the caller to resolve, and `resolveFacets` takes the resolver as a parameter.
 */

export interface ByteSlice {
  byteStart: number;
  byteEnd: number;
}
export type FacetFeature =
  | { $type: 'app.bsky.richtext.facet#link'; uri: string }
  | { $type: 'app.bsky.richtext.facet#mention'; did: string }
  | { $type: 'app.bsky.richtext.facet#tag'; tag: string };
export interface Facet {
  index: ByteSlice;
  features: FacetFeature[];
}
export interface PendingMention extends ByteSlice {
  /** Lower-cased handle without "@", e.g. "alice.bsky.social". */
  handle: string;
}
export interface DetectedFacets {
  /** Links and tags, final. */
  facets: Facet[];
  mentions: PendingMention[];
}

export function detectFacets(text: string): DetectedFacets {
  // twitter-text's extractor knows TLDs, takes "example.com/x" without a scheme, and leaves
  // trailing punctuation and unbalanced ")" out of the link.
  const links: Match[] = twitterText.extractUrlsWithIndices(text).map(({ url, indices }) => ({
    start: indices[0],
    end: indices[1],
    value: /^https?:\/\//i.test(url) ? url : `https://${url}`,
  }));
  const outsideLinks = (m: Match) => !links.some((link) => m.start < link.end && link.start < m.end);
  const bytes = (m: Match): ByteSlice => ({ byteStart: utf8Offset(text, m.start), byteEnd: utf8Offset(text, m.end) });

  const facets: Facet[] = [
    ...links.map((m) => ({ index: bytes(m), features: [{ $type: 'app.bsky.richtext.facet#link', uri: m.value } as const] })),
    ...findTags(text)
      .filter(outsideLinks)
      .map((m) => ({ index: bytes(m), features: [{ $type: 'app.bsky.richtext.facet#tag', tag: m.value } as const] })),
  ];
  const mentions = findMentions(text)
    .filter(outsideLinks)
    .map((m) => ({ ...bytes(m), handle: m.value }));
  return { facets: facets.sort(byStart), mentions };
}

/**
 * All facets, with each mention resolved to a DID by `resolveHandle` (e.g. agent.resolveHandle
 * in the background). A handle that does not resolve stays plain text, as in the Bluesky app.
 */
export async function resolveFacets(text: string, resolveHandle: (handle: string) => Promise<string | null>): Promise<Facet[]> {
  const { facets, mentions } = detectFacets(text);
  const resolved = await Promise.all(
    mentions.map(async ({ handle, byteStart, byteEnd }): Promise<Facet | null> => {
      const did = await resolveHandle(handle);
      if (did === null) return null;
      return { index: { byteStart, byteEnd }, features: [{ $type: 'app.bsky.richtext.facet#mention', did }] };
    }),
  );
  return [...facets, ...resolved.filter((facet) => facet !== null)].sort(byStart);
}

function byStart(a: { index: ByteSlice }, b: { index: ByteSlice }): number {
  return a.index.byteStart - b.index.byteStart;
}
