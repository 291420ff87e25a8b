import type { Network } from '../model';

/** What a counter needs from an account's limits (lib/model/account.ts `AccountLimits`). */
export interface CountLimits {
  maxCharacters: number;
  /** How many characters a URL costs, whatever its length; null when URLs count as typed. */
  charactersPerUrl: number | null;
}

/**
 * Defaults when the account has not told us better. Sources:
 * - X: 280 weighted characters, URLs 23 (twitter-text v3 config; developer.x.com "Counting characters").
 * - Bluesky: 300 graphemes and 3000 bytes (lexicon app.bsky.feed.post, `text` maxGraphemes/maxLength).
 *   URLs count as typed: there is no URL shortener, links live in facets.
 * - Mastodon: 500, URLs 23 (docs.joinmastodon.org/user/posting/#text; the instance's own
 *   `configuration.statuses.max_characters` / `characters_reserved_per_url` override these).
 * - LinkedIn: 3000 (share commentary limit, LinkedIn help "character limits").
 * - Threads: 500 (developers.facebook.com/documentation/threads/posts, "Limitations").
 * - Facebook: 63206 (the historic post limit of the Facebook composer).
 */
export const DEFAULT_LIMITS: Readonly<Record<Network, CountLimits>> = {
  x: { maxCharacters: 280, charactersPerUrl: 23 },
  bluesky: { maxCharacters: 300, charactersPerUrl: null },
  mastodon: { maxCharacters: 500, charactersPerUrl: 23 },
  linkedin: { maxCharacters: 3000, charactersPerUrl: null },
  threads: { maxCharacters: 500, charactersPerUrl: null },
  facebook: { maxCharacters: 63206, charactersPerUrl: null },
};

/** Bluesky's second limit: the record's `text` field is at most 3000 UTF-8 bytes. */
export const BLUESKY_MAX_BYTES = 3000;
