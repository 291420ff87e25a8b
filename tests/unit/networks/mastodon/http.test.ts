import { describe, expect, it } from 'vitest';
import { AuthError, NetworkError, RateLimitedError, ValidationError } from '../../../../lib/errors';
import { buildUrl, compareIds, errorFor, linkRel, retryAt } from '../../../../lib/networks/mastodon/http';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

describe('the Mastodon HTTP edge', () => {
  it('reads rel="next" and rel="prev" from a Link header', () => {
    const headers = new Headers({
      Link: '<https://m.example/api/v1/notifications?max_id=7>; rel="next", <https://m.example/api/v1/notifications?min_id=9>; rel="prev"',
    });
    expect(linkRel(headers, 'next')).toBe('https://m.example/api/v1/notifications?max_id=7');
    expect(linkRel(headers, 'prev')).toBe('https://m.example/api/v1/notifications?min_id=9');
    expect(linkRel(new Headers(), 'prev')).toBeNull();
  });

  it('never sends the token to another origin a Link header points at', () => {
    expect(buildUrl('https://m.example', 'https://m.example/api/v1/x?min_id=1').toString()).toBe('https://m.example/api/v1/x?min_id=1');
    expect(() => buildUrl('https://m.example', 'https://evil.example/api/v1/x')).toThrow(ValidationError);
    expect(() => buildUrl('https://m.example', '//evil.example/steal')).toThrow(/another server/);
  });

  it('takes the retry time from X-RateLimit-Reset, else Retry-After (seconds or a date), else a minute', () => {
    expect(retryAt(new Headers({ 'X-RateLimit-Reset': '2026-11-23T12:05:00.000Z' }), NOW)).toBe(NOW + 300_000);
    expect(retryAt(new Headers({ 'Retry-After': '30' }), NOW)).toBe(NOW + 30_000);
    expect(retryAt(new Headers({ 'Retry-After': 'Mon, 23 Nov 2026 12:02:00 GMT' }), NOW)).toBe(NOW + 120_000);
    expect(retryAt(new Headers({ 'X-RateLimit-Reset': 'garbage' }), NOW)).toBe(NOW + 60_000);
    expect(retryAt(new Headers({ 'X-RateLimit-Reset': '2020-01-01T00:00:00Z' }), NOW)).toBe(NOW);
  });

  it('maps statuses to the error classes with sentences naming the server', () => {
    const none = new Headers();
    expect(errorFor(401, none, { error: 'The access token is invalid' }, 'm.example', NOW)).toBeInstanceOf(AuthError);
    expect(errorFor(403, none, { error: 'This action is outside the authorized scopes' }, 'm.example', NOW)).toBeInstanceOf(AuthError);
    expect(errorFor(403, none, { error: 'This action is not allowed' }, 'm.example', NOW)).toBeInstanceOf(ValidationError);
    expect(errorFor(429, none, null, 'm.example', NOW)).toBeInstanceOf(RateLimitedError);
    expect(errorFor(502, none, '<html>Bad gateway</html>', 'm.example', NOW)).toBeInstanceOf(NetworkError);
    expect(errorFor(422, none, { error: 'Validation failed: Text can’t be blank' }, 'm.example', NOW).message).toBe(
      'm.example refused the post: Validation failed: Text can’t be blank',
    );
    expect(errorFor(413, none, '<html>413</html>', 'm.example', NOW).message).toBe('The image is too large for m.example.');
  });

  it('orders Snowflake ids as numbers, not as strings', () => {
    expect(compareIds('9', '10')).toBeLessThan(0);
    expect(compareIds('110000000000000002', '110000000000000001')).toBeGreaterThan(0);
    expect(compareIds('5', '5')).toBe(0);
  });
});
