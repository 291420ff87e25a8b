import { describe, expect, it } from 'vitest';
import { creditFromProfileUrl } from '@/lib/capture/credits';
import { stripTracking } from '@/lib/capture/canonical-url';
import { readPageHead } from '@/lib/capture/page-head';
import { pageCanonicalUrl } from '@/lib/capture/page-url';
import { mastodonIdTime, parseCount, tidTime, xIdTime } from '@/lib/capture/social/numbers';
import { countWords, readingMinutes } from '@/lib/capture/reading-time';
import { mulberry32 } from '@/bench/generate';
import { loadPage } from './load-page';

describe('creditFromProfileUrl', () => {
  it.each([
    ['https://hachyderm.io/@ada', { network: 'mastodon', handle: '@ada@hachyderm.io', url: 'https://hachyderm.io/@ada' }],
    ['https://bsky.app/profile/Ada.Example.org', { network: 'bluesky', handle: '@ada.example.org', url: 'https://bsky.app/profile/ada.example.org' }],
    ['https://twitter.com/ada_l/', { network: 'x', handle: '@ada_l', url: 'https://x.com/ada_l' }],
    ['https://www.threads.net/@ada', { network: 'threads', handle: '@ada', url: 'https://www.threads.com/@ada' }],
  ])('%s', (url, credit) => expect(creditFromProfileUrl(url, 'https://a.example/')).toEqual(credit));

  it.each([
    'https://medium.com/@ada',
    'https://www.youtube.com/@ada',
    'https://bsky.app/profile/did:plc:abc',
    'https://x.com/intent',
    'javascript:alert(1)',
    'https://hachyderm.io/@ada/123',
  ])('is not a profile credit: %s', (url) => expect(creditFromProfileUrl(url, 'https://a.example/')).toBeNull());
});

describe('pageCanonicalUrl', () => {
  const url = (head: string) => {
    const page = loadPage(`<html><head>${head}</head><body></body></html>`, 'https://a.example/p?id=1&utm_source=x#top');
    const pageUrl = 'https://a.example/p?id=1&utm_source=x#top';
    const result = pageCanonicalUrl(readPageHead(page.doc, pageUrl), pageUrl);
    void page.close();
    return result;
  };
  it('prefers rel=canonical, then og:url, then the address, without tracking', () => {
    expect(url('<link rel="canonical" href="/canon?fbclid=1"><meta property="og:url" content="https://a.example/og">')).toBe('https://a.example/canon');
    expect(url('<meta property="og:url" content="https://a.example/og?trk=feed">')).toBe('https://a.example/og');
    expect(url('<link rel="canonical" href="javascript:alert(1)">')).toBe('https://a.example/p?id=1');
  });
  it('keeps stripTracking working as before', () => expect(stripTracking('https://a.example/?gclid=1&q=2')).toBe('https://a.example/?q=2'));
});

describe('numbers', () => {
  it.each([
    ['1,234', 1234],
    ['1.2K', 1200],
    ['3,4 k', 3400],
    ['2M', 2_000_000],
    ['12 replies', 12],
    ['none', null],
  ])('parseCount(%s)', (raw, value) => expect(parseCount(raw)).toBe(value));
  it('reads times out of ids', () => {
    expect(new Date(tidTime('3kvwfzfrq3c2u') ?? 0).toISOString()).toBe('2024-06-27T18:06:50.546Z');
    expect(tidTime('not-a-tid')).toBeNull();
    expect(mastodonIdTime('112594876543210987')).toBe(1718061470691);
    expect(new Date(xIdTime('1810380386203435008') ?? 0).getUTCFullYear()).toBe(2024);
  });
  it('counts reading time at 230 words a minute, rounded up to a tenth', () => {
    expect(readingMinutes('word '.repeat(230))).toBe(1);
    expect(readingMinutes('word '.repeat(231))).toBe(1.1);
    expect(readingMinutes('')).toBeNull();
    expect(readingMinutes('日本語の文章です。これは読みやすい。', 'ja')).toBeGreaterThan(0);
  });
  it('counts words in spaced scripts the way Intl.Segmenter does', () => {
    const segmenter = new Intl.Segmenter('en', { granularity: 'word' });
    const bySegmenter = (text: string) => [...segmenter.segment(text)].filter((segment) => segment.isWordLike).length;
    for (const text of [
      "Don't split it: e.g. 3,000.5 people — co-operate, state-of-the-art; l'homme, naïve café",
      'Привет, мир! Это тест. Γειά σου κόσμε. مرحبا بالعالم. שלום עולם',
      'snake_case words, 2024-06-27, 10:30, U.S.A. and the end…',
      '日本語の文章です。これは読みやすい。 Cadence はブラウザで動きます (v2.0)。',
      'ภาษาไทยไม่มีช่องว่างระหว่างคำ and English 中文分词测试 mixed',
    ]) {
      expect(countWords(text)).toBe(bySegmenter(text));
    }
  });
  it('counts Latin-1 text with the spelt-out rule exactly as the Unicode rule does', () => {
    // The rule as reading-time.ts states it with Unicode classes; countWords takes a faster path for text like this.
    const unicodeRule = /[\p{L}\p{N}\p{M}\p{Pc}]+(?:['’.:·\u2024\uFE52\uFF07\uFF0E][\p{L}\p{M}]+|[,;.'’\u066C\uFE50\uFE54\uFF0C\uFF1B]\p{N}+)*/gu;
    const byRule = (text: string) => text.match(unicodeRule)?.length ?? 0;
    // Every Latin-1 character, and the joiners and non-word characters beyond it that such text holds.
    const alphabet = [
      ...Array.from({ length: 256 }, (_, code) => String.fromCharCode(code)),
      '’',
      '“',
      '—',
      '…',
      '\u2024',
      '\uFE52',
      '\uFF0E',
      '\u066C',
      '\uFF0C',
      '😀',
      '€',
    ];
    const random = mulberry32(7);
    for (let sample = 0; sample < 20_000; sample++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(countWords(text), JSON.stringify(text)).toBe(byRule(text));
    }
  });
  it('counts words on a page whose lang attribute Intl rejects, instead of failing the clip', () => {
    expect(readingMinutes('word '.repeat(230), 'en_US')).toBe(1);
    expect(readingMinutes('word '.repeat(230), 'zh_CN')).toBe(1);
  });
});
