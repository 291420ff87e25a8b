import { segmenter } from './segmenters';

/**
 * Words as the search index and the search box both see them. Both sides go through `wordsOf`,
 * so whatever the segmenter does with a language, the query and the index agree.
 */

/** Longer words are cut: a prefix query of this length still finds them. */
export const MAX_TERM_LENGTH = 32;

// Han, kana and Hangul words are short and often end up split differently in a query (ICU
// segments by dictionary), so their suffixes are indexed too: prefix search then finds infixes.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Lowercase and fold Latin/Greek/Cyrillic accents (U+0300–U+036F): "Café" is found by "cafe". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase();
}

export function wordsOf(text: string): string[] {
  const words: string[] = [];
  for (const { segment, isWordLike } of segmenter('word').segment(fold(text))) {
    if (!isWordLike) continue;
    words.push(segment.slice(0, MAX_TERM_LENGTH));
  }
  return words;
}

/** Words plus, for CJK words, their suffixes. */
export function indexWordsOf(text: string): string[] {
  return wordsOf(text).flatMap((word) => {
    if (!CJK.test(word)) return [word];
    const chars = [...word];
    return chars.map((_, start) => chars.slice(start).join(''));
  });
}
