import { fold, wordsOf } from '../text/words';

/**
 * What a listening stream asks of a post's text, and whether a text has it. The background turns
 * each stream into terms (`streamTerms`); the site script tests the posts on the page it shows
 * (`matchesTerms`), so a page being read is highlighted without a network call (issue
 * "Respond/listen"). Words go through the clip search's `wordsOf`, so case and accents never
 * matter ("Café" is "cafe") and every language is cut into words the same way on both sides.
 *
 * A post matches when it has every term: each word (a whole word, "rust" is not in "trust"),
 * each #hashtag (written as a hashtag in the post), and each "quoted phrase" (its words in a row).
 */
export interface StreamTerms {
  words: string[];
  hashtags: string[];
  phrases: string[][];
}

export type StreamKind = 'keyword' | 'hashtag' | 'phrase';

const TAG = /^#+/;
// A keyword query's parts: "a quoted phrase", a #hashtag, or a run of anything else.
const QUERY_PART = /"([^"]*)"?|(#[\p{L}\p{N}_]+)|([^\s"#]+|#)/gu;
// A hashtag in a post: '#' not glued to a word or a URL ("page#part" is no hashtag).
const POST_TAG = /(?<![\p{L}\p{N}_/&])#([\p{L}\p{N}_]+)/gu;

/** The terms of a stream's query, read the way its kind says (lib/model/stream.ts). */
export function streamTerms(kind: StreamKind, query: string): StreamTerms {
  if (kind === 'hashtag') {
    const tag = fold(query.trim().replace(TAG, ''));
    return { words: [], hashtags: tag ? [tag] : [], phrases: [] };
  }
  if (kind === 'phrase') {
    const words = wordsOf(query.replace(/"/g, ' '));
    return { words: [], hashtags: [], phrases: words.length ? [words] : [] };
  }
  const terms: StreamTerms = { words: [], hashtags: [], phrases: [] };
  for (const [, phrase, tag, rest] of query.matchAll(QUERY_PART)) {
    if (phrase !== undefined) {
      const words = wordsOf(phrase);
      if (words.length) terms.phrases.push(words);
    } else if (tag) terms.hashtags.push(fold(tag.replace(TAG, '')));
    else if (rest) terms.words.push(...wordsOf(rest));
  }
  return terms;
}

/** A post's text cut into what terms are tested against; read once per post, then tested for every stream. */
export interface ReadText {
  words: string[];
  present: ReadonlySet<string>;
  tags: ReadonlySet<string>;
}

export function readText(text: string): ReadText {
  const words = wordsOf(text);
  return { words, present: new Set(words), tags: new Set([...fold(text).matchAll(POST_TAG)].map((match) => match[1]!)) };
}

/** Whether `text` has every term. No terms at all (a query of punctuation) matches nothing. */
export function matchesTerms(terms: StreamTerms, text: string | ReadText): boolean {
  if (!terms.words.length && !terms.hashtags.length && !terms.phrases.length) return false;
  const read = typeof text === 'string' ? readText(text) : text;
  return (
    terms.words.every((word) => read.present.has(word)) &&
    terms.hashtags.every((tag) => read.tags.has(tag)) &&
    terms.phrases.every((phrase) => hasRun(read.words, phrase))
  );
}

function hasRun(words: string[], run: string[]): boolean {
  for (let start = 0; start + run.length <= words.length; start += 1) {
    if (run.every((word, offset) => words[start + offset] === word)) return true;
  }
  return false;
}
