import type { Fetch } from '../networks/types';

/** A feed document larger than this is refused unread (a 50 MB "feed" is an attack or a mistake). */
export const MAX_FEED_BYTES = 5 * 1024 * 1024;
const TIMEOUT_MS = 20_000;
const ACCEPT = 'application/feed+json, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1';

export type FeedAnswer =
  | { kind: 'not-modified'; retryAt: number | null }
  | { kind: 'ok'; body: string; contentType: string | null; etag: string | null; lastModified: string | null; retryAt: number | null };

/** A failed fetch, in words for the feed's row; `retryAt` when the server said when to come back. */
export class FeedProblem extends Error {
  constructor(
    message: string,
    readonly retryAt: number | null = null,
  ) {
    super(message);
    this.name = 'FeedProblem';
  }
}

/**
 * One conditional GET of a feed (RFC 9110 §13: If-None-Match with the last ETag, If-Modified-Since
 * with the last Last-Modified), without cookies, read at most MAX_FEED_BYTES.
 */
export async function fetchFeed(fetch: Fetch, feed: { url: string; etag: string | null; lastModified: string | null }, now: number): Promise<FeedAnswer> {
  const headers: Record<string, string> = { accept: ACCEPT };
  if (feed.etag) headers['if-none-match'] = feed.etag;
  if (feed.lastModified) headers['if-modified-since'] = feed.lastModified;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  try {
    let response: Response;
    try {
      response = await fetch(feed.url, { headers, credentials: 'omit', redirect: 'follow', signal: abort.signal });
    } catch {
      throw new FeedProblem(
        abort.signal.aborted ? 'The feed did not answer within 20 seconds.' : 'The feed could not be reached (no connection, or the server refused).',
      );
    }
    const retryAt = retryAfter(response.headers.get('retry-after'), now);
    if (response.status === 304) return { kind: 'not-modified', retryAt };
    if (response.status === 429 || response.status === 503)
      throw new FeedProblem(`The feed's server asked Cadence to wait (HTTP ${response.status}).`, retryAt);
    if (!response.ok)
      throw new FeedProblem(
        `The feed's server answered HTTP ${response.status}${response.status === 404 ? ' (not found)' : response.status === 410 ? ' (gone)' : ''}.`,
        retryAt,
      );
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > MAX_FEED_BYTES) {
      await response.body?.cancel().catch(() => undefined);
      throw new FeedProblem(tooLarge(declared));
    }
    const body = await readCapped(response);
    return {
      kind: 'ok',
      body,
      contentType: response.headers.get('content-type'),
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
      retryAt,
    };
  } finally {
    clearTimeout(timer);
  }
}

const tooLarge = (bytes: number | null) =>
  `The feed is larger than ${MAX_FEED_BYTES / 1024 / 1024} MB${bytes ? ` (${Math.round(bytes / 1024 / 1024)} MB)` : ''}: Cadence does not read it.`;

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_FEED_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new FeedProblem(tooLarge(null));
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder('utf-8').decode(all);
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3), as epoch ms; null when absent or unreadable. */
export function retryAfter(header: string | null, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return now + seconds * 1000;
  const date = Date.parse(header);
  return Number.isFinite(date) ? date : null;
}
