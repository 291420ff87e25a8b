/** Average adult silent-reading speed for non-fiction (Brysbaert 2019, "How many words do we read per minute?"). */
export const WORDS_PER_MINUTE = 230;

// One segmenter per language: building one costs about as much as segmenting a short page.
const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(lang: string | null | undefined): Intl.Segmenter {
  const key = lang?.trim() ?? '';
  let segmenter = segmenters.get(key);
  if (!segmenter) {
    try {
      segmenter = new Intl.Segmenter(key || undefined, { granularity: 'word' });
    } catch {
      // Pages write tags Intl rejects (`en_US`, `english`); word breaks do not need the locale to be right.
      segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
    }
    segmenters.set(key, segmenter);
  }
  return segmenter;
}

/**
 * Words in `text`. Intl.Segmenter finds words in scripts written without spaces (Chinese,
 * Japanese, Thai), where splitting on whitespace would count a paragraph as one word.
 */
export function countWords(text: string, lang?: string | null): number {
  let words = 0;
  for (const segment of segmenterFor(lang).segment(text)) if (segment.isWordLike) words += 1;
  return words;
}

/** Minutes to read `text`, rounded up to a tenth; null for no words. */
export function readingMinutes(text: string, lang?: string | null): number | null {
  const words = countWords(text, lang);
  if (words === 0) return null;
  return Math.ceil((words / WORDS_PER_MINUTE) * 10) / 10;
}
