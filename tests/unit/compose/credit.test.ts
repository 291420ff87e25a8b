import { describe, expect, it } from 'vitest';
import type { Credit, Network } from '@/lib/model';
import { creditLine } from '@/lib/compose/credit';

const credit = (network: Network, handle: string, url: string | null = null): Credit => ({ network, handle, url });

describe('creditLine', () => {
  const credits = [
    credit('bluesky', '@Alice.bsky.social'),
    credit('mastodon', 'alice', 'https://mastodon.social/@alice'),
    credit('x', '@alice_x'),
    credit('threads', 'alice.threads'),
    credit('linkedin', 'alice-li'),
  ];

  it.each<[Network, string | null]>([
    ['bluesky', 'via @alice.bsky.social'],
    ['mastodon', 'via @alice@mastodon.social'],
    ['x', 'via @alice_x'],
    ['threads', 'via @alice.threads'],
    ['linkedin', 'via Example Times'],
    ['facebook', 'via Example Times'],
  ])('%s: %s', (network, expected) => {
    expect(creditLine({ credits, siteName: 'Example Times' }, network)).toBe(expected);
  });

  it.each<[string, Credit, string | null]>([
    ['mastodon address in the handle', credit('mastodon', '@bob@Fosstodon.org'), 'via @bob@fosstodon.org'],
    ['mastodon without a host falls back', credit('mastodon', 'bob'), 'via Site'],
    ['mastodon with a broken URL falls back', credit('mastodon', 'bob', 'not a url'), 'via Site'],
    ['bluesky handle that is not a domain falls back', credit('bluesky', 'bob'), 'via Site'],
    ['x handle too long falls back', credit('x', 'a_very_long_handle_indeed'), 'via Site'],
  ])('%s', (_name, only, expected) => {
    expect(creditLine({ credits: [only], siteName: 'Site' }, only.network)).toBe(expected);
  });

  it('uses the first usable credit for the network', () => {
    const clip = { credits: [credit('x', 'not valid!'), credit('x', 'second')], siteName: null };
    expect(creditLine(clip, 'x')).toBe('via @second');
  });

  it('says nothing without a credit or a site name', () => {
    expect(creditLine({ credits: [credit('x', 'alice')], siteName: null }, 'bluesky')).toBeNull();
    expect(creditLine({ credits: [], siteName: '  ' }, 'x')).toBeNull();
  });
});
