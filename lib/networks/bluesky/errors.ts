import { XRPCError } from '@atproto/api';
import { AppError, AuthError, NetworkError, NotFoundError, RateLimitedError, ValidationError } from '../../errors';

/**
 * Bluesky failures translated into the taxonomy of lib/errors.ts, at the edge, so the publisher
 * and poller never see an XRPCError. Invariants:
 * - 401 and the token errors (ExpiredToken, InvalidToken) are AuthError: the session is gone;
 * - 429 carries `retryAt` in epoch ms, from `ratelimit-reset` (epoch seconds, the PDS's header)
 *   or `Retry-After` (seconds or an HTTP date);
 * - no answer at all (fetch threw, timed out) and 5xx are NetworkError: worth retrying;
 * - other 4xx are ValidationError or NotFoundError with a sentence a person can act on.
 */

export const SIGNED_OUT = 'Bluesky signed this account out. Reconnect it in Settings.';
/** When Bluesky gives no reset time: a minute, the shortest window of its rate limits. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

const TOKEN_ERRORS = new Set(['ExpiredToken', 'InvalidToken', 'AuthMissing', 'AuthenticationRequired', 'AccountTakedown']);

export function isAuthFailure(error: unknown): boolean {
  return error instanceof XRPCError && (error.status === 401 || TOKEN_ERRORS.has(error.error));
}

/** When a 429 lets us try again, in epoch ms. */
export function retryAtFrom(headers: Record<string, string | undefined> | undefined, now: number): number {
  const reset = Number(headers?.['ratelimit-reset']);
  if (Number.isFinite(reset) && reset > 0) return reset * 1000;
  const retryAfter = headers?.['retry-after'];
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return now + seconds * 1000;
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return date;
  }
  return now + DEFAULT_RATE_LIMIT_WAIT_MS;
}

function isNoAnswer(error: unknown): boolean {
  if (error instanceof TypeError) return true; // what fetch throws when the server cannot be reached
  return error instanceof DOMException && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

export function toAppError(error: unknown, now: number): unknown {
  if (error instanceof AppError) return error;
  if (isNoAnswer(error)) return new NetworkError('Bluesky could not be reached. Check the connection; Cadence will try again.');
  if (!(error instanceof XRPCError)) return error;
  if (isNoAnswer(error.cause) || error.status === 1) {
    return new NetworkError('Bluesky could not be reached. Check the connection; Cadence will try again.');
  }
  if (isAuthFailure(error)) return new AuthError(SIGNED_OUT);
  const detail = error.message && error.message !== error.error ? ` (${error.message})` : '';
  if (error.status === 429) {
    const retryAt = retryAtFrom(error.headers, now);
    return new RateLimitedError(`Bluesky asked Cadence to slow down until ${new Date(retryAt).toISOString()}.`, retryAt);
  }
  if (error.status === 2) return new NetworkError(`Bluesky sent an answer Cadence could not read${detail}.`);
  if (error.status >= 500) return new NetworkError(`Bluesky had a server error (${error.status}); Cadence will try again.`, error.status);
  if (error.status === 413 || error.error === 'BlobTooLarge') {
    return new ValidationError('An image is larger than Bluesky accepts (1 MB). Use a smaller image.');
  }
  if (error.status === 404 || /NotFound$/.test(error.error ?? '')) return new NotFoundError(`Bluesky could not find that${detail}.`);
  if (error.status === 403) return new ValidationError(`Bluesky refused this for the account${detail}.`);
  return new ValidationError(`Bluesky refused this: ${error.message || error.error || `error ${error.status}`}.`);
}
