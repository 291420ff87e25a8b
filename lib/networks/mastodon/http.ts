import { AuthError, NetworkError, RateLimitedError, ValidationError } from '../../errors';
import type { Fetch } from '../types';

/**
 * The one door to a Mastodon server. Invariants:
 * - every failure leaves as one of lib/errors.ts' classes, with a sentence naming the server;
 * - the bearer token is only ever sent to `server` itself — a Link header pointing elsewhere is
 *   refused, so a hostile server cannot make us hand the token to a third party;
 * - every request has a deadline, so a server that hangs costs a NetworkError, not a stuck worker.
 */

export interface MastodonHttp {
  server: string;
  fetch: Fetch;
  now: () => number;
  token?: string;
  timeoutMs?: number;
  /** Runs before each request (the publisher renews its lease there); a throw sends nothing. */
  beforeRequest?: () => Promise<void>;
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A path on the server ('/api/v1/…') or an absolute URL on the same origin (Link headers). */
  path: string;
  query?: Record<string, string | string[] | undefined>;
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  body: unknown;
  headers: Headers;
}

/** The longest one request may take; the publisher's lease is derived from it (lib/publish/claim.ts). */
export const DEFAULT_TIMEOUT_MS = 30_000;

export function hostOf(server: string): string {
  return new URL(server).host;
}

export function buildUrl(server: string, path: string, query: CallOptions['query'] = {}): URL {
  const url = new URL(path, server);
  if (url.origin !== new URL(server).origin) {
    throw new ValidationError(`${hostOf(server)} pointed us at another server (${url.host}); Cadence does not follow it.`);
  }
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, item);
    else url.searchParams.set(key, value);
  }
  return url;
}

export async function call(http: MastodonHttp, options: CallOptions): Promise<CallResult> {
  const url = buildUrl(http.server, options.path, options.query);
  const host = url.host;
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (http.token) headers.Authorization = `Bearer ${http.token}`;
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form;
  }
  await http.beforeRequest?.();
  const timeoutMs = http.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await http.fetch(url, { method: options.method ?? 'GET', headers, body, signal: controller.signal });
    text = await response.text();
  } catch (error) {
    if (controller.signal.aborted) throw new NetworkError(`${host} did not answer within ${Math.round(timeoutMs / 1000)} s.`);
    throw new NetworkError(`Could not reach ${host} (${error instanceof Error ? error.message : String(error)}). Are you offline?`);
  } finally {
    clearTimeout(timer);
  }
  const parsed = parseBody(text);
  if (response.status >= 200 && response.status < 300) return { status: response.status, body: parsed, headers: response.headers };
  throw errorFor(response.status, response.headers, parsed, host, http.now());
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Mastodon's Error entity: `{ error, error_description? }` (docs.joinmastodon.org/entities/Error). */
function serverMessage(body: unknown): string {
  if (body && typeof body === 'object') {
    const { error, error_description: description } = body as Record<string, unknown>;
    const parts = [error, description].filter((part): part is string => typeof part === 'string' && part !== '');
    if (parts.length > 0) return parts.join(': ').slice(0, 300);
  }
  if (typeof body === 'string' && body.trim() !== '' && !body.trimStart().startsWith('<')) return body.trim().slice(0, 300);
  return 'no reason given';
}

export function errorFor(status: number, headers: Headers, body: unknown, host: string, now: number): Error {
  const message = serverMessage(body);
  if (status === 401) return new AuthError(`Mastodon signed this account out of ${host} (${message}). Reconnect it in Settings.`);
  if (status === 403) {
    // 403 also answers actions on posts we may not touch; only token and scope refusals sign us out.
    if (/token|scope|authori[sz]|suspended|disabled|confirm|login/i.test(message)) {
      return new AuthError(`Mastodon signed this account out of ${host} (${message}). Reconnect it in Settings.`);
    }
    return new ValidationError(`${host} refused this: ${message}`, { status, reason: message });
  }
  if (status === 429) return new RateLimitedError(`${host} asks us to slow down.`, retryAt(headers, now));
  if (status === 413) return new ValidationError(`The image is too large for ${host}.`, { status });
  if (status === 422) return new ValidationError(`${host} refused the post: ${message}`, { status, reason: message });
  if (status === 404) return new ValidationError(`${host} could not find it (it may have been deleted).`, { status });
  if (status >= 500) return new NetworkError(`${host} had a problem (${status}); we will try again.`, status);
  return new ValidationError(`${host} refused the request (${status}): ${message}`, { status, reason: message });
}

/** The server answered 404: the thing (or, on an older server, the endpoint) does not exist. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ValidationError && error.details?.status === 404;
}

/**
 * Mastodon sends X-RateLimit-Reset as an ISO 8601 time (docs.joinmastodon.org/api/rate-limits);
 * proxies may send Retry-After in seconds or as an HTTP date. Without either we wait a minute.
 */
export function retryAt(headers: Headers, now: number): number {
  const reset = headers.get('x-ratelimit-reset');
  if (reset) {
    const at = Date.parse(reset);
    if (Number.isFinite(at)) return Math.max(at, now);
  }
  const after = headers.get('retry-after');
  if (after) {
    const seconds = Number(after);
    if (after.trim() !== '' && Number.isFinite(seconds)) return now + Math.max(0, seconds) * 1000;
    const at = Date.parse(after);
    if (Number.isFinite(at)) return Math.max(at, now);
  }
  return now + 60_000;
}

/** The URL of a `rel` in a Link header (RFC 8288), as Mastodon paginates with them. */
export function linkRel(headers: Headers, rel: string): string | null {
  const link = headers.get('link');
  if (!link) return null;
  for (const part of link.split(',')) {
    const match = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (match && new RegExp(`rel="?${rel}"?(;|\\s|$)`).test(match[2] ?? '')) return match[1] ?? null;
  }
  return null;
}

/** Mastodon ids are decimal strings of growing length (Snowflake-like): compare as numbers. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
