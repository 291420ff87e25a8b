import type { Network } from '../model';
import { countFor } from './count';
import type { CountLimits } from './network-limits';
import { packParts } from './pack-parts';

export interface SplitOptions {
  /** The account's limits; the network's defaults fill what is missing. */
  limits?: Partial<CountLimits>;
  /** Append " 1/3", " 2/3", …; the label is counted as part of each post. */
  numbering?: boolean;
}

/**
 * Split text that is over the network's limit into a thread whose every post fits the
 * network's own counter (see pack-parts.ts for where cuts fall). Text that fits comes back
 * as one post, never labelled "1/1".
 *
 * Numbering: the label " i/n" depends on n, which depends on how long the labels are. We
 * pack with a guess for n, and if the packing needs more posts we repack with that count.
 * A larger n never gives fewer posts (labels only get longer), so the guesses only grow and
 * the loop stops at the first n that labels itself.
 */
export function splitThread(text: string, network: Network, options: SplitOptions = {}): string[] {
  const fitsAlone = (part: string) => !countFor(network, part, options.limits).over;
  if (text.trim() === '') return [];
  if (fitsAlone(text.trim())) return [text.trim()];
  const plain = packParts(text, fitsAlone);
  if (!options.numbering) return plain;

  let total = plain.length;
  for (;;) {
    const n = total;
    const parts = packParts(text, (part, index) => fitsAlone(label(part, index, n)));
    if (parts.length <= n) return parts.map((part, index) => label(part, index, parts.length));
    total = parts.length;
  }
}

function label(part: string, index: number, total: number): string {
  return `${part} ${index + 1}/${total}`;
}
