import type { Network } from '../model';
import { xWeightedLength } from './count-x';
import { mastodonLength } from './count-mastodon';
import { BLUESKY_MAX_BYTES, DEFAULT_LIMITS, type CountLimits } from './network-limits';
import { graphemeCount, graphemes, utf8Length } from './text-units';

export type CountUnit = 'weighted' | 'graphemes' | 'threads-characters' | 'utf16';

export interface TextCount {
  used: number;
  limit: number;
  /** True when the network would refuse the text (for Bluesky: graphemes OR bytes). */
  over: boolean;
  /** `limit - used`; negative when over. */
  remaining: number;
  unit: CountUnit;
  /** Bluesky only: its second, byte limit. */
  bytes?: { used: number; limit: number };
}

/**
 * Count `text` the way `network` counts it, against `limits` (an account's limits; the
 * network's defaults fill what is missing, and a null `charactersPerUrl` counts as missing:
 * X and Mastodon always charge a fixed cost per URL, the others never do). See
 * network-limits.ts for where each number comes from.
 */
export function countFor(network: Network, text: string, limits: Partial<CountLimits> = {}): TextCount {
  const defaults = DEFAULT_LIMITS[network];
  const limit = limits.maxCharacters ?? defaults.maxCharacters;
  const perUrl = limits.charactersPerUrl ?? defaults.charactersPerUrl;
  const [used, unit] = measure(network, text, limit, perUrl);
  const result: TextCount = { used, limit, over: used > limit, remaining: limit - used, unit };
  if (network !== 'bluesky') return result;
  const bytes = { used: utf8Length(text), limit: BLUESKY_MAX_BYTES };
  return { ...result, over: result.over || bytes.used > bytes.limit, bytes };
}

function measure(network: Network, text: string, limit: number, perUrl: number | null): [number, CountUnit] {
  switch (network) {
    case 'x':
      return [xWeightedLength(text, perUrl ?? 23, limit), 'weighted'];
    case 'mastodon':
      return [mastodonLength(text, perUrl ?? 23), 'graphemes'];
    case 'bluesky':
      return [graphemeCount(text), 'graphemes'];
    case 'threads':
      return [threadsLength(text), 'threads-characters'];
    case 'linkedin':
    case 'facebook':
      // Neither documents its unit; UTF-16 code units never undercount (an emoji is 2), which
      // is what Buffer observed on both (developers.buffer.com/guides/character-limits).
      return [text.length, 'utf16'];
  }
}

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

/**
 * Threads: "Text posts are limited to 500 characters. Emojis are counted as the number of
 * UTF-8 bytes." (developers.facebook.com/documentation/threads/posts, Limitations).
 */
function threadsLength(text: string): number {
  let length = 0;
  for (const cluster of graphemes(text)) length += EMOJI.test(cluster) ? utf8Length(cluster) : 1;
  return length;
}
