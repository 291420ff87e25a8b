import type { Stream } from '../model';
import { matchesTerms, readText, streamTerms, type StreamTerms } from './stream-match';

/**
 * What the site script needs to highlight the posts of a page being read: each stream's name
 * (the label says which stream matched) and its terms. Nothing else leaves the background: no
 * ids, accounts, cursors or results.
 */
export interface HighlightRule extends StreamTerms {
  name: string;
}

/** The rules of a workspace's streams, in the order given; a stream whose query has no terms is left out. */
export function highlightRules(streams: readonly Pick<Stream, 'name' | 'kind' | 'query'>[]): HighlightRule[] {
  return streams
    .map((stream) => ({ name: stream.name, ...streamTerms(stream.kind, stream.query) }))
    .filter((rule) => rule.words.length + rule.hashtags.length + rule.phrases.length > 0);
}

/** The names of the streams whose rules `text` matches, each once. */
export function streamsMatching(rules: readonly HighlightRule[], text: string): string[] {
  const read = readText(text);
  return [...new Set(rules.filter((rule) => matchesTerms(rule, read)).map((rule) => rule.name))];
}
