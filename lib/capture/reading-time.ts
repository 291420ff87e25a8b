/** Average adult silent-reading speed for non-fiction (Brysbaert 2019, "How many words do we read per minute?"). */
export const WORDS_PER_MINUTE = 230;

/**
 * Words in `text`. Intl.Segmenter finds words in scripts written without spaces (Chinese,
 * Japanese, Thai), where splitting on whitespace would count a paragraph as one word.
 */
export function countWords(text: string, lang?: string | null): number {
  let words = 0;
  const segmenter = new Intl.Segmenter(lang ?? undefined, { granularity: 'word' });
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) words += 1;
  return words;
}

/** Minutes to read `text`, rounded up to a tenth; null for no words. */
export function readingMinutes(text: string, lang?: string | null): number | null {
  const words = countWords(text, lang);
  if (words === 0) return null;
  return Math.ceil((words / WORDS_PER_MINUTE) * 10) / 10;
}
