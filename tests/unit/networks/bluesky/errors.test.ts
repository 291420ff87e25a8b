import { XRPCError } from '@atproto/api';
import { describe, expect, it } from 'vitest';
import { AuthError, NetworkError, NotFoundError, RateLimitedError, ValidationError } from '../../../../lib/errors';
import { SIGNED_OUT, retryAtFrom, toAppError } from '../../../../lib/networks/bluesky/errors';

const NOW = Date.UTC(2026, 0, 1);

describe('Bluesky error mapping', () => {
  it('401 and token errors are AuthError with a sentence', () => {
    for (const error of [new XRPCError(401, 'AuthenticationRequired'), new XRPCError(400, 'ExpiredToken'), new XRPCError(400, 'InvalidToken')]) {
      const mapped = toAppError(error, NOW);
      expect(mapped).toBeInstanceOf(AuthError);
      expect((mapped as AuthError).message).toBe(SIGNED_OUT);
    }
  });

  it('429 carries retryAt from ratelimit-reset (epoch seconds), Retry-After, or a minute', () => {
    const reset = new XRPCError(429, 'RateLimitExceeded', 'slow', { 'ratelimit-reset': '1767225700' });
    expect(toAppError(reset, NOW)).toEqual(expect.objectContaining({ retryAt: 1_767_225_700_000 }));
    expect(toAppError(reset, NOW)).toBeInstanceOf(RateLimitedError);
    expect(retryAtFrom({ 'retry-after': '30' }, NOW)).toBe(NOW + 30_000);
    expect(retryAtFrom({ 'retry-after': 'Thu, 01 Jan 2026 00:05:00 GMT' }, NOW)).toBe(NOW + 300_000);
    expect(retryAtFrom({}, NOW)).toBe(NOW + 60_000);
  });

  it('no answer, a timeout and 5xx are NetworkError', () => {
    expect(toAppError(new TypeError('fetch failed'), NOW)).toBeInstanceOf(NetworkError);
    expect(toAppError(XRPCError.from(new TypeError('fetch failed')), NOW)).toBeInstanceOf(NetworkError);
    expect(toAppError(XRPCError.from(new DOMException('timed out', 'TimeoutError')), NOW)).toBeInstanceOf(NetworkError);
    const upstream = toAppError(new XRPCError(502, 'UpstreamFailure'), NOW);
    expect(upstream).toBeInstanceOf(NetworkError);
    expect((upstream as NetworkError).status).toBe(502);
  });

  it('other refusals are ValidationError or NotFoundError a person can act on', () => {
    const tooBig = toAppError(new XRPCError(400, 'BlobTooLarge', 'This file is too large'), NOW);
    expect(tooBig).toBeInstanceOf(ValidationError);
    expect((tooBig as Error).message).toMatch(/larger than Bluesky accepts \(1 MB\)/);
    expect(toAppError(new XRPCError(413, 'PayloadTooLarge'), NOW)).toBeInstanceOf(ValidationError);
    const invalid = toAppError(new XRPCError(400, 'InvalidRequest', 'Record/text must not be longer than 300 graphemes'), NOW);
    expect((invalid as Error).message).toBe('Bluesky refused this: Record/text must not be longer than 300 graphemes.');
    expect(toAppError(new XRPCError(400, 'RecordNotFound', 'Could not locate record'), NOW)).toBeInstanceOf(NotFoundError);
  });

  it('leaves programming errors alone', () => {
    const bug = new RangeError('bug');
    expect(toAppError(bug, NOW)).toBe(bug);
  });
});
