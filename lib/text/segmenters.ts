/**
 * Intl.Segmenters built on first use, one per granularity per context, not when a module loads:
 * the first Segmenter of a context loads ICU's break rules (16–98 ms in Node on the shared 2-core
 * machine, under load), and both the worker's cold start and the side panel's first bundle
 * evaluate modules that segment text long before any text is segmented (issue 20). `segment()`
 * keeps no state between calls, so one Segmenter serves every caller.
 */
type Granularity = 'grapheme' | 'word' | 'sentence';

const built = new Map<Granularity, Intl.Segmenter>();

export function segmenter(granularity: Granularity): Intl.Segmenter {
  let found = built.get(granularity);
  if (!found) built.set(granularity, (found = new Intl.Segmenter(undefined, { granularity })));
  return found;
}
