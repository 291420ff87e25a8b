import { ValidationError } from '../errors';

/**
 * A Mastodon server as the user types it, made an origin. Here, not in lib/networks, because the
 * side panel checks the address before it asks for the host permission (components/settings/
 * ask-for-server.ts), and views never import the network clients.
 */

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/** 'mastodon.social', 'https://mastodon.social/', '@me@mastodon.social' → 'https://mastodon.social'. */
export function normalizeServer(input: string): string {
  let text = input.trim();
  if (text === '') throw new ValidationError('Enter your Mastodon server, like mastodon.social.');
  // An address '@me@mastodon.social' or 'me@mastodon.social': the server is after the last '@'.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && text.includes('@')) text = text.slice(text.lastIndexOf('@') + 1);
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ValidationError(`“${input.trim()}” is not a server address; enter one like mastodon.social.`);
  }
  if (url.username || url.password) throw new ValidationError('A server address cannot contain a user name or password.');
  const host = url.hostname;
  const isLocal = LOCAL_HOSTS.has(host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLocal)) {
    throw new ValidationError(`Mastodon servers are reached over https; “${input.trim()}” is not.`);
  }
  if (!isLocal && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(host)) {
    throw new ValidationError(`“${input.trim()}” is not a server address; enter one like mastodon.social.`);
  }
  return url.origin;
}
