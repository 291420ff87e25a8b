import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metaContent } from '@/lib/capture/dom';
import { readPageHead } from '@/lib/capture/page-head';
import { CORPUS, corpusNames } from '../../harness/corpus-server';
import { loadPage } from './load-page';

const PAGE_URL = 'https://news.example/2026/story?id=1';
const STRIDE = Number(process.env.CORPUS_STRIDE ?? 5);

function headOf(html: string) {
  const page = loadPage(html, PAGE_URL);
  return { head: readPageHead(page.doc, PAGE_URL), page };
}

describe('readPageHead', () => {
  it('answers a list of meta keys with the first key that has a non-empty content, whatever the case', () => {
    const { head, page } = headOf(`<head>
      <meta name="description" content="  ">
      <meta property="OG:Title" content="From og">
      <meta name="twitter:title" content="From twitter">
      <meta name="description" content="Second description">
      <meta itemprop="datePublished" content="2026-11-23">
    </head><body><meta itemprop="author" content="In the body"></body>`);
    expect(head.meta('og:title', 'twitter:title')).toBe('From og');
    expect(head.meta('twitter:title', 'og:title')).toBe('From twitter');
    expect(head.meta('description')).toBe('Second description');
    expect(head.meta('datepublished')).toBe('2026-11-23');
    expect(head.meta('author')).toBe('In the body');
    expect(head.meta('og:image')).toBeNull();
    void page.close();
  });

  it('resolves <base href> for relative links, ignores a non-web one, and keeps the first canonical link', () => {
    const { head, page } = headOf('<head><base href="/news/"><link rel="Canonical alternate" href="a?x=1"><link rel="canonical" href="b"></head><body></body>');
    expect(head.base).toBe('https://news.example/news/');
    expect(head.canonicalHref).toBe('a?x=1');
    void page.close();
    const hostile = headOf('<head><base href="javascript:alert(1)"></head><body></body>');
    expect(hostile.head.base).toBe(PAGE_URL);
    void hostile.page.close();
  });

  it('finds JSON-LD blocks by type, not scripts that only look like author boxes', () => {
    const { head, page } = headOf(
      '<head><script type="application/ld+json">{"image":"a.png"}</script><script class="author-widget">x()</script><script type="Application/LD+JSON">{}</script></head><body></body>',
    );
    expect(head.jsonLd.map((script) => script.textContent)).toEqual(['{"image":"a.png"}', '{}']);
    void page.close();
  });

  it('lists rel=me/author links and links in author boxes once each, in document order', () => {
    const { head, page } = headOf(`<head><link rel="me" href="https://social.example/@head"></head><body>
      <div class="post-author"><a href="https://x.com/ada">X</a><span itemprop="author"><a href="https://bsky.app/profile/ada.example">B</a></span></div>
      <a rel="nofollow AUTHOR" href="https://hachyderm.io/@ada">M</a>
      <a rel="me">no href</a>
      <p class="byline">By <a href="https://threads.net/@ada">T</a> and <a rel="me" href="https://threads.net/@ada">T again</a></p>
    </body>`);
    expect(head.profileLinks.map((link) => link.getAttribute('href'))).toEqual([
      'https://social.example/@head',
      'https://x.com/ada',
      'https://bsky.app/profile/ada.example',
      'https://hachyderm.io/@ada',
      'https://threads.net/@ada',
      'https://threads.net/@ada',
    ]);
    void page.close();
  });

  // The walk replaced one query per field: on corpus pages it must answer what those queries did
  // (every fifth page, as tests/unit/capture/corpus.test.ts reads them; CORPUS_STRIDE=1 for all).
  it.each(corpusNames().filter((_, index) => index % STRIDE === 0))('reads %s as the separate queries did', (name) => {
    const page = loadPage(readFileSync(join(CORPUS, name, 'source.html'), 'utf8'), PAGE_URL);
    const { doc } = page;
    const head = readPageHead(doc, PAGE_URL);
    for (const keys of [
      ['og:title', 'twitter:title'],
      ['og:description', 'description', 'twitter:description'],
      ['author'],
      ['og:site_name', 'application-name'],
      ['article:published_time', 'datePublished', 'date'],
      ['og:image:secure_url', 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src'],
      ['og:url'],
      ['twitter:creator'],
      ['twitter:site'],
      ['fediverse:creator'],
    ]) {
      expect(head.meta(...keys), keys.join()).toBe(metaContent(doc, ...keys));
    }
    expect(head.canonicalHref).toBe(doc.querySelector('link[rel~="canonical"][href]')?.getAttribute('href') ?? null);
    expect(head.jsonLd).toEqual([...doc.querySelectorAll('script[type="application/ld+json"]')]);
    const links = new Set(doc.querySelectorAll('a[rel~="me"][href], link[rel~="me"][href], a[rel~="author"][href]'));
    for (const box of doc.querySelectorAll('[class*="author"], [class*="byline"], [itemprop="author"]'))
      for (const link of box.querySelectorAll('a[href]')) links.add(link);
    expect(new Set(head.profileLinks)).toEqual(links);
    void page.close();
  });
});
