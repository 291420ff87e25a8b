import twitterText from 'twitter-text';
import type { Network } from '../model';

export interface UtmOptions {
  network: Network;
  /** Defaults to the network's id: bluesky, mastodon, x, linkedin, threads, facebook. */
  source?: string;
  /** Defaults to "social". */
  medium?: string;
  /** Left out when empty. */
  campaign?: string;
}

/**
 * Rules:
 * - only links written with an http:// or https:// scheme are tagged; "example.com/x" without
 *   one, mailto:, ftp: and the like are left alone (not every network links them, and a
 *   query string glued onto bare text would show as clutter);
 * - a utm_* parameter the link already has is kept as it is (the user typed it; capture has
 *   already stripped the tracking parameters of the page it came from), only missing ones
 *   are added, so running this twice changes nothing;
 * - the rest of the URL is kept byte for byte (no `URL` round trip, which would add a trailing
 *   slash and re-encode), parameters go before the #fragment.
 * Cost: X and Mastodon count a URL as 23 whatever its length; Bluesky counts every character.
 */
export function addUtmToUrl(url: string, options: UtmOptions): string {
  if (!/^https?:\/\/[^/?#\s]/i.test(url)) return url;
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : url.slice(hashAt);
  const queryAt = beforeHash.indexOf('?');
  const present = new URLSearchParams(queryAt === -1 ? '' : beforeHash.slice(queryAt + 1));
  const added = Object.entries(utmParams(options))
    .filter(([key, value]) => value !== '' && !present.has(key))
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  if (added.length === 0) return url;
  const joiner = queryAt === -1 ? '?' : /[?&]$/.test(beforeHash) ? '' : '&';
  return `${beforeHash}${joiner}${added.join('&')}${hash}`;
}

/** Tag every http(s) link in a post's text (links found by twitter-text's extractor). */
export function addUtmToText(text: string, options: UtmOptions): string {
  const links = twitterText.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: false });
  let result = '';
  let cursor = 0;
  for (const { url, indices } of links) {
    result += text.slice(cursor, indices[0]) + addUtmToUrl(url, options);
    cursor = indices[1];
  }
  return result + text.slice(cursor);
}

function utmParams({ network, source, medium, campaign }: UtmOptions): Record<string, string> {
  return { utm_source: source ?? network, utm_medium: medium ?? 'social', utm_campaign: campaign ?? '' };
}
