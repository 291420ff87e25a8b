import { segmenter } from '../text/segmenters';

/**
 * The units networks count text in. JavaScript strings are UTF-16, so `text.length` is only one
 * of several possible answers; each helper here names the unit it returns.
 */

const encoder = new TextEncoder();

/** User-perceived characters (UAX #29 extended grapheme clusters): 👩‍👩‍👧 and 🇩🇪 are one each. */
export function graphemes(text: string): string[] {
  return Array.from(segmenter('grapheme').segment(text), (part) => part.segment);
}

export function graphemeCount(text: string): number {
  let count = 0;
  for (const _ of segmenter('grapheme').segment(text)) count += 1;
  return count;
}

export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/** The UTF-8 byte offset of UTF-16 index `index` in `text` (facets count bytes, JS counts units). */
export function utf8Offset(text: string, index: number): number {
  return utf8Length(text.slice(0, index));
}
