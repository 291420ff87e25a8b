import { describe, expect, it } from 'vitest';
import type { Network } from '@/lib/model';
import { addUtmToText, addUtmToUrl } from '@/lib/compose/utm';

describe('addUtmToUrl', () => {
  it.each<[string, string, string]>([
    ['adds a query', 'https://example.com/post', 'https://example.com/post?utm_source=bluesky&utm_medium=social'],
    ['keeps the URL as written (no trailing slash added)', 'https://Example.com', 'https://Example.com?utm_source=bluesky&utm_medium=social'],
    ['appends to a query', 'https://example.com/?id=1', 'https://example.com/?id=1&utm_source=bluesky&utm_medium=social'],
    ['handles a dangling ?', 'https://example.com/?', 'https://example.com/?utm_source=bluesky&utm_medium=social'],
    ['goes before the fragment', 'http://example.com/a#part', 'http://example.com/a?utm_source=bluesky&utm_medium=social#part'],
    ['keeps existing utm params and adds the missing', 'https://e.com/?utm_source=news', 'https://e.com/?utm_source=news&utm_medium=social'],
    ['changes nothing when all are present', 'https://e.com/?utm_medium=m&utm_source=s', 'https://e.com/?utm_medium=m&utm_source=s'],
    ['leaves mailto alone', 'mailto:a@example.com', 'mailto:a@example.com'],
    ['leaves ftp alone', 'ftp://example.com/file', 'ftp://example.com/file'],
    ['leaves a link without scheme alone', 'example.com/post', 'example.com/post'],
  ])('%s', (_name, url, expected) => {
    expect(addUtmToUrl(url, { network: 'bluesky' })).toBe(expected);
  });

  it.each<[Network, string]>([
    ['bluesky', 'bluesky'],
    ['mastodon', 'mastodon'],
    ['x', 'x'],
    ['linkedin', 'linkedin'],
    ['threads', 'threads'],
    ['facebook', 'facebook'],
  ])('uses utm_source=%s', (network, source) => {
    expect(addUtmToUrl('https://e.com', { network })).toBe(`https://e.com?utm_source=${source}&utm_medium=social`);
  });

  it('takes edited source, medium and campaign, encoded', () => {
    expect(addUtmToUrl('https://e.com', { network: 'x', source: 'x-ads', medium: 'paid social', campaign: 'spring/2025' })).toBe(
      'https://e.com?utm_source=x-ads&utm_medium=paid%20social&utm_campaign=spring%2F2025',
    );
  });

  it('is idempotent', () => {
    const once = addUtmToUrl('https://e.com/a', { network: 'mastodon', campaign: 'launch' });
    expect(addUtmToUrl(once, { network: 'mastodon', campaign: 'launch' })).toBe(once);
  });
});

describe('addUtmToText', () => {
  it('tags every http(s) link and nothing else', () => {
    const text = '👍 Read https://example.com/a, then http://b.example.org/x?y=1. Mail me: bob@example.com, or see example.net';
    expect(addUtmToText(text, { network: 'linkedin', campaign: 'q3' })).toBe(
      '👍 Read https://example.com/a?utm_source=linkedin&utm_medium=social&utm_campaign=q3, then ' +
        'http://b.example.org/x?y=1&utm_source=linkedin&utm_medium=social&utm_campaign=q3. ' +
        'Mail me: bob@example.com, or see example.net',
    );
  });

  it('leaves text without links unchanged', () => {
    expect(addUtmToText('Just words. ftp://example.com', { network: 'x' })).toBe('Just words. ftp://example.com');
  });
});
