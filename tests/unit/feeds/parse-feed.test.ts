import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '@/lib/feeds/parse-feed';
import { plainLine, plainText } from '@/lib/feeds/plain-text';

const ORIGIN = 'http://127.0.0.1:9';
const fixture = (name: string) => readFileSync(resolve(__dirname, '../../fixtures/feeds', name), 'utf8').replaceAll('{{ORIGIN}}', ORIGIN);
const parse = (name: string, contentType: string | null = null) => parseFeed(fixture(name), { feedUrl: `${ORIGIN}/feeds/${name}`, contentType });

describe('parseFeed on real feed shapes', () => {
  it('reads RSS 2.0 with content:encoded (WordPress): title, author, summary, full text, image, ttl', () => {
    const feed = parse('wordpress--rss2-content-encoded.xml');
    expect(feed).toMatchObject({ format: 'rss', title: 'Northwind Roasters Journal', siteUrl: `${ORIGIN}/journal/`, ttlMinutes: 90 });
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]).toMatchObject({
      title: 'Why we roast lighter in winter – and what it does to acidity',
      author: 'Maya Okafor',
      image: `${ORIGIN}/wp-content/uploads/2026/11/drum.jpg`,
      publishedAt: '2026-11-30T09:12:44.000Z',
    });
    expect(feed.items[0]!.text).toContain('What changes in the cup');
    expect(feed.items[0]!.text).not.toContain('alert');
  });

  it('reads Atom: alternate links, html titles as text, authors, thumbnails', () => {
    const feed = parse('github--atom.xml');
    expect(feed).toMatchObject({ format: 'atom', title: 'Release notes from roaster-tools', siteUrl: `${ORIGIN}/releases` });
    expect(feed.items.map((item) => [item.url, item.title, item.author])).toEqual([
      [`${ORIGIN}/releases/tag/v2.4.0`, 'v2.4.0: roast curves you can share', 'ana-dev'],
      [`${ORIGIN}/releases/tag/v2.3.1`, 'v2.3.1 hotfix', 'ben-ops'],
    ]);
    expect(feed.items[0]!.summary).toContain("What's new");
  });

  it('reads JSON Feed 1.1, by content type or by its first character', () => {
    const feed = parse('jsonfeed--v1-1.json', 'application/feed+json');
    expect(feed).toMatchObject({ format: 'json', title: 'The Cupping Table' });
    expect(feed.items[0]).toMatchObject({ author: 'Lena Fischer', image: `${ORIGIN}/img/guji.jpg`, summary: 'We cupped six lots side by side.' });
    expect(parse('jsonfeed--v1-1.json').items).toHaveLength(2);
  });

  it('reads podcast RSS: the episode page from its guid, the episode image, the show cover otherwise', () => {
    const feed = parse('podcast--itunes-rss.xml');
    expect(feed.items.map((item) => [item.url, item.image])).toEqual([
      [`${ORIGIN}/podcast/episodes/48`, `${ORIGIN}/podcast/48.jpg`],
      [`${ORIGIN}/podcast/episodes/47`, `${ORIGIN}/podcast/cover.jpg`],
    ]);
    expect(feed.items[1]!.summary).toBe('Why decaf got good, and how the Swiss Water process works.');
  });
});

describe('parseFeed on broken and hostile feeds', () => {
  it('refuses invalid XML with the line it broke on', () => {
    expect(() => parse('hostile--invalid.xml')).toThrow(/not valid XML \(line 3/);
  });

  it('refuses a billion-laughs document before expanding anything', () => {
    const started = Date.now();
    expect(() => parse('hostile--billion-laughs.xml')).toThrow(/declares its own XML entities/);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('keeps no markup or script from titles and summaries, and drops items whose link is not http(s)', () => {
    const feed = parse('hostile--script-in-titles.xml');
    expect(feed.title).toBe('Sneaky feed');
    expect(feed.items).toEqual([expect.objectContaining({ url: `${ORIGIN}/sneaky`, title: 'Second headline', summary: 'Hover me', image: null })]);
  });

  it('refuses an HTML page, and JSON that is not a JSON Feed, with a sentence', () => {
    expect(() => parseFeed('<!DOCTYPE html><html><head></head></html>', { feedUrl: ORIGIN, contentType: 'text/html' })).toThrow(/web page, not a feed/);
    expect(() => parseFeed('{"items": []}', { feedUrl: ORIGIN, contentType: null })).toThrow(/not a JSON Feed/);
    expect(() => parseFeed('<html/>', { feedUrl: ORIGIN, contentType: 'application/xml' })).toThrow();
  });
});

describe('plainText', () => {
  it('drops tags and what scripts hold, decodes entities, strips control and direction characters', () => {
    expect(plainText('<p>A &amp; B</p><script>x()</script><p>C&#8217;s &#x1F600;</p>')).toBe('A & B\n\nC’s 😀');
    expect(plainLine('Safe\u202Etxt.exe\u0000 <b>bold</b>')).toBe('Safetxt.exe bold');
    expect(plainText('2 < 3 and 5 > 4')).toBe('2 < 3 and 5 > 4');
  });
});
