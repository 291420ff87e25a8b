import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../lib/errors';
import { normalizeServer } from '../../../../lib/accounts/server-address';
import { authorizeUrl, createPkce, pkceChallenge } from '../../../../lib/networks/mastodon/connect';

describe('normalizeServer', () => {
  it.each([
    ['mastodon.social', 'https://mastodon.social'],
    ['https://mastodon.social/', 'https://mastodon.social'],
    ['  Mastodon.Social  ', 'https://mastodon.social'],
    ['@me@mastodon.social', 'https://mastodon.social'],
    ['me@mastodon.social', 'https://mastodon.social'],
    ['https://mastodon.social/@me', 'https://mastodon.social'],
    ['social.example.org:8443', 'https://social.example.org:8443'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://127.0.0.1:4000/', 'http://127.0.0.1:4000'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeServer(input)).toBe(expected);
  });

  it.each([
    ['', /Enter your Mastodon server/],
    ['http://mastodon.social', /https/],
    ['ftp://mastodon.social', /https/],
    ['javascript:alert(1)', /not a server address|https/],
    ['not a server', /not a server address/],
    ['mastodon', /not a server address/],
    ['https://user:pw@mastodon.social', /user name or password/],
    ['@me@', /not a server address/],
  ])('refuses %j with a sentence', (input, message) => {
    expect(() => normalizeServer(input)).toThrow(ValidationError);
    expect(() => normalizeServer(input)).toThrow(message);
  });
});

describe('PKCE and the authorize URL', () => {
  it('makes an S256 challenge of a 43-character verifier (RFC 7636 appendix B)', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    const { verifier, challenge } = await createPkce();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(challenge).toBe(await pkceChallenge(verifier));
    expect((await createPkce()).verifier).not.toBe(verifier);
  });

  it('asks for read and write with the challenge and state', () => {
    const url = new URL(authorizeUrl({ server: 'https://m.example', clientId: 'cid', redirectUri: 'https://ext.example/cb', challenge: 'ch', state: 's1' }));
    expect(url.origin + url.pathname).toBe('https://m.example/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: 'https://ext.example/cb',
      scope: 'read write',
      state: 's1',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });
});
