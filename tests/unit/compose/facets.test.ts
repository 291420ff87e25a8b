import { RichText, type AppBskyRichtextFacet } from '@atproto/api';
import { describe, expect, it } from 'vitest';
import { detectFacets, resolveFacets, type Facet } from '@/lib/compose/facets';

const link = (byteStart: number, byteEnd: number, uri: string): Facet => ({
  index: { byteStart, byteEnd },
  features: [{ $type: 'app.bsky.richtext.facet#link', uri }],
});
const tag = (byteStart: number, byteEnd: number, value: string): Facet => ({
  index: { byteStart, byteEnd },
  features: [{ $type: 'app.bsky.richtext.facet#tag', tag: value }],
});

describe('detectFacets', () => {
  it.each<[string, string, Facet[]]>([
    ['link after a ZWJ emoji (18 bytes)', '👩‍👩‍👧 see https://example.com', [link(23, 42, 'https://example.com')]],
    ['tag after CJK (3 bytes each)', '日本語 #タグ', [tag(10, 17, 'タグ')]],
    ['full-width ＃ after a flag', '🇩🇪 ＃tag', [tag(9, 15, 'tag')]],
    ['link without scheme, trailing dot left out', 'Read example.com/post.', [link(5, 21, 'https://example.com/post')]],
    ['closing parenthesis left out', '(see https://example.com/a)', [link(5, 26, 'https://example.com/a')]],
    ['trailing punctuation left out of a tag', 'Go #team!', [tag(3, 8, 'team')]],
    ['digits-only tag is a number', 'Top #1 and #2024', []],
    ['tag with digits', '#2024elections', [tag(0, 14, '2024elections')]],
    ['keycap emoji is no tag', '#️⃣ key', []],
    ['a #fragment inside a URL is part of the link', 'https://example.com/#tag', [link(0, 24, 'https://example.com/#tag')]],
    ['an email is neither a link nor a mention', 'mail bob@example.com', []],
    ['a tag needs a word start', 'C#sharp', []],
  ])('%s', (_name, text, facets) => {
    expect(detectFacets(text).facets).toEqual(facets);
  });

  it.each<[string, string, { handle: string; byteStart: number; byteEnd: number }[]]>([
    ['after a combining mark', 'e\u0301 @alice.bsky.social', [{ handle: 'alice.bsky.social', byteStart: 4, byteEnd: 22 }]],
    ['lower-cased, sentence dot left out', 'Hi @Alice.Bsky.Social.', [{ handle: 'alice.bsky.social', byteStart: 3, byteEnd: 21 }]],
    ['in parentheses', '(@bob.test)', [{ handle: 'bob.test', byteStart: 1, byteEnd: 10 }]],
    ['no dot, no handle', '@alice hi', []],
    ['a Mastodon address is not a Bluesky handle', '@alice@mastodon.social', []],
    ['TLD may not start with a digit', '@alice.123', []],
  ])('mentions: %s', (_name, text, mentions) => {
    expect(detectFacets(text).mentions).toEqual(mentions);
  });
});

it('is assignable to the lexicon type app.bsky.richtext.facet', () => {
  const facets: AppBskyRichtextFacet.Main[] = detectFacets('#tag https://example.com').facets;
  expect(facets).toHaveLength(2);
});

describe('resolveFacets', () => {
  it('resolves mentions through the given function and sorts facets; unresolved stay text', async () => {
    const dids: Record<string, string> = { 'alice.bsky.social': 'did:plc:alice' };
    const text = '🙂 @alice.bsky.social @ghost.bsky.social #tag https://example.com';
    const facets = await resolveFacets(text, async (handle) => dids[handle] ?? null);
    expect(facets).toEqual([
      { index: { byteStart: 5, byteEnd: 23 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:alice' }] },
      tag(43, 47, 'tag'),
      link(48, 67, 'https://example.com'),
    ]);
  });
});

describe('agreement with @atproto/api RichText.detectFacetsWithoutResolution', () => {
  /** Our output in the oracle's shape: a mention's `did` holds the handle until resolved. */
  function ours(text: string) {
    const { facets, mentions } = detectFacets(text);
    const pending = mentions.map(({ handle, byteStart, byteEnd }) => ({
      index: { byteStart, byteEnd },
      features: [{ $type: 'app.bsky.richtext.facet#mention', did: handle }],
    }));
    return [...facets, ...pending].sort((a, b) => a.index.byteStart - b.index.byteStart);
  }
  function oracle(text: string) {
    const rt = new RichText({ text });
    rt.detectFacetsWithoutResolution();
    return (rt.facets ?? []).map(({ index, features }) => ({ index, features }));
  }

  it.each([
    '👩‍👩‍👧‍👦 hello @alice.bsky.social and https://example.com/path?q=1 #tag',
    '👍🏽🇯🇵 日本語のテキスト #日本語 https://example.jp',
    'Cafe\u0301 ＃café @bob.test (https://example.com/x)',
    'नमस्ते #हिन्दी https://example.in/a',
    'see example.com/post, then #launch2025!',
  ])('%s', (text) => {
    expect(ours(text)).toEqual(oracle(text));
  });
});
