import twitterText from 'twitter-text';
import { ValidationError } from '../errors';
import { segmenter } from '../text/segmenters';
import { graphemes } from './text-units';

/** Does `part` (trimmed) fit as the `index`-th post (0-based)? */
export type Fits = (part: string, index: number) => boolean;

/**
 * Ever finer ways to cut a piece that does not fit in a post of its own: sentences (UAX #29),
 * then whitespace-separated tokens (so a URL is never cut in the middle), then words as
 * Intl.Segmenter sees them (CJK has no spaces), then graphemes (never a code point: a ZWJ
 * emoji or a flag stays whole).
 */
const LEVELS: ReadonlyArray<(text: string) => string[]> = [
  sentences,
  (text) => text.split(/(?<=\s)(?=\S)/),
  (text) => Array.from(segmenter('word').segment(text), (s) => s.segment),
  graphemes,
];

/**
 * UAX #29 sentences, except that a boundary inside a URL is no boundary: the segmenter ends a
 * sentence after the "?" of "https://example.com/a?b=c".
 */
function sentences(text: string): string[] {
  const urls = twitterText.extractUrlsWithIndices(text).map((url) => url.indices);
  const pieces: string[] = [];
  let start = 0;
  for (const { index } of segmenter('sentence').segment(text)) {
    if (index === 0 || urls.some(([from, to]) => index > from && index < to)) continue;
    pieces.push(text.slice(start, index));
    start = index;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/**
 * Greedy packing: each piece joins the current part if the result fits, else it starts the
 * next part; a piece too long for a part of its own is cut at the next finer level. A long
 * sentence starts a fresh part rather than topping up the previous one, so parts end at
 * sentence boundaries whenever a sentence fits at all.
 */
export function packParts(text: string, fits: Fits): string[] {
  const parts: string[] = [];
  let current = '';
  const place = (piece: string, level: number): void => {
    if (piece.trim() === '') {
      if (current !== '') current += piece;
      return;
    }
    if (fits((current + piece).trim(), parts.length)) {
      current += current === '' ? piece.trimStart() : piece;
      return;
    }
    if (current.trim() !== '') parts.push(current.trim());
    current = '';
    if (fits(piece.trim(), parts.length)) {
      current = piece.trimStart();
      return;
    }
    const cut = LEVELS[level + 1];
    if (!cut) throw new ValidationError('the limit is too small for a single character', { piece });
    for (const smaller of cut(piece)) place(smaller, level + 1);
  };
  for (const piece of LEVELS[0]?.(text) ?? []) place(piece, 0);
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}
