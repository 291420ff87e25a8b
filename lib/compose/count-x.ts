import twitterText, { type ParseTweetOptions } from 'twitter-text';

/**
 * twitter-text's `parseTweet` does not merge partial options into its defaults (it uses the
 * object as given), so we start from its own v3 config. `configs` is exported at run time but
 * missing from @types/twitter-text, hence the narrow cast.
 */
const { configs } = twitterText as unknown as { configs: { defaults: Required<ParseTweetOptions> } };

/**
 * X's weighted length: most Latin/Cyrillic code points weigh 1, CJK and emoji 2, every URL
 * (with or without a scheme) the transformed length. Same algorithm as X's own composer
 * (twitter-text v3, developer.x.com/en/docs/counting-characters).
 */
export function xWeightedLength(text: string, charactersPerUrl: number, maxCharacters: number): number {
  return twitterText.parseTweet(text, {
    ...configs.defaults,
    transformedURLLength: charactersPerUrl,
    maxWeightedTweetLength: maxCharacters,
  }).weightedLength;
}
