import twitterText from 'twitter-text';
import { graphemeCount } from './text-units';

/**
 * Remote mentions count as their local part only: Mastodon rewrites `@user@domain` to `@user`
 * before counting (StatusLengthValidator#countable_text in mastodon/mastodon, and the web
 * composer's `countableText` in app/javascript/mastodon/features/compose/util/counter.js,
 * which uses this same pattern).
 */
const REMOTE_MENTION = /(^|[^/\w])@([a-z0-9_]+)@[a-z0-9.-]+[a-z0-9]/gi;

/**
 * Mastodon's countable length: every URL costs `charactersPerUrl` whatever its length, remote
 * mentions drop their domain, and the rest counts in graphemes (`mb_chars.grapheme_length` in
 * app/validators/status_length_validator.rb). The server extracts URLs with twitter-text's
 * extractor and `extract_url_without_protocol: false`, so "example.com" without a scheme counts
 * as typed; we do the same.
 */
export function mastodonLength(text: string, charactersPerUrl: number): number {
  const urls = twitterText.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: false });
  // Substitute a placeholder of the URL's cost, as the server does, so the mention pattern
  // sees the same neighbours it sees there.
  const placeholder = 'x'.repeat(charactersPerUrl);
  let countable = '';
  let cursor = 0;
  for (const { indices } of urls) {
    countable += text.slice(cursor, indices[0]) + placeholder;
    cursor = indices[1];
  }
  countable += text.slice(cursor);
  return graphemeCount(countable.replace(REMOTE_MENTION, '$1@$2'));
}
