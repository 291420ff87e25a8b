import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { extractClip } from '@/lib/capture/extract-clip';
import { WARNINGS } from '@/lib/capture/warnings';
import { clipCaptureSchema } from '@/lib/model';
import { captureIn, loadPage, type LoadedPage } from './load-page';

const ARTICLE = readFileSync(fileURLToPath(new URL('../../fixtures/article--blog-with-credits.html', import.meta.url)), 'utf8');
const PAGE_URL = 'https://blog.example.org/2024/06/local-first-tools.html?utm_source=mastodon';
let page: LoadedPage;
const open = (html: string, url = PAGE_URL) => (page = loadPage(html, url));
afterEach(() => page.close());

describe('extractClip', () => {
  it('never changes the live document', () => {
    open(ARTICLE);
    const before = page.doc.documentElement.outerHTML;
    extractClip(page.doc, { kind: 'page', pageUrl: PAGE_URL });
    expect(page.doc.documentElement.outerHTML).toBe(before);
  });

  it('quotes a selection with a text-fragment link and the page credits', () => {
    open(ARTICLE);
    const text = 'It is also more private. Your drafts, your client lists and your notes';
    const clip = clipCaptureSchema.parse(captureIn(page.doc, { kind: 'selection', selectionText: `  ${text}\n`, pageUrl: PAGE_URL }));
    expect(clip.kind).toBe('selection');
    expect(clip.quote).toEqual({
      text,
      fragmentUrl: 'https://blog.example.org/2024/06/local-first-tools.html#:~:text=It%20is%20also%20more,lists%20and%20your%20notes',
    });
    expect(clip.url).toBe('https://blog.example.org/2024/06/local-first-tools.html');
    expect(clip.credits.map((credit) => credit.handle)).toContain('@ada@hachyderm.io');
  });

  it('saves the page with a warning when a selection request comes without text', () => {
    open(ARTICLE);
    const clip = captureIn(page.doc, { kind: 'selection', pageUrl: PAGE_URL });
    expect(clip.kind).toBe('link');
    expect(clip.warnings).toEqual([WARNINGS.noSelection]);
  });

  it('clips an image with its absolute URL, alt, size and source page', () => {
    open(
      '<html><head><title>Gallery</title></head><body><img src="/img/a.png" alt=" A heron " width="640" height="480"></body></html>',
      'https://photos.example/gallery',
    );
    const clip = clipCaptureSchema.parse(
      captureIn(page.doc, { kind: 'image', srcUrl: 'https://photos.example/img/a.png', pageUrl: 'https://photos.example/gallery' }),
    );
    expect(clip.image).toEqual({ src: 'https://photos.example/img/a.png', alt: 'A heron', width: 640, height: 480 });
    expect(clip).toMatchObject({ kind: 'image', title: 'A heron', sourceUrl: 'https://photos.example/gallery', warnings: [] });
  });

  it('clips a right-clicked link by its address and words, without tracking', () => {
    open('<html><body><a href="/post?utm_campaign=x&id=3">  Read the post </a></body></html>', 'https://news.example/');
    const clip = clipCaptureSchema.parse(
      captureIn(page.doc, { kind: 'link', linkUrl: 'https://news.example/post?utm_campaign=x&id=3', pageUrl: 'https://news.example/' }),
    );
    expect(clip).toMatchObject({ kind: 'link', url: 'https://news.example/post?id=3', title: 'Read the post', credits: [] });
  });

  it('saves a page that is not an article as a link, saying so', () => {
    open(
      '<html><head><title>Sign in</title><meta name="twitter:site" content="@acme"></head><body><form><input name="user"></form></body></html>',
      'https://app.example/login',
    );
    const clip = clipCaptureSchema.parse(captureIn(page.doc, { kind: 'page', pageUrl: 'https://app.example/login' }));
    expect(clip).toMatchObject({ kind: 'link', title: 'Sign in', warnings: [WARNINGS.notReaderable] });
    expect(clip.credits).toEqual([{ network: 'x', handle: '@acme', url: 'https://x.com/acme' }]);
  });

  it('keeps a short article the reader-view pre-check doubts, when Readability reads it whole (issue 25)', () => {
    // Mostly an ordered list: no paragraph long enough for isProbablyReaderable, and an aria-hidden region.
    const steps = [
      'Weigh eighteen grams of beans and grind them a little finer than for a pour over.',
      'Warm the cup and the portafilter with water just off the boil for half a minute.',
      'Level the grounds, tamp them firmly once, and lock the portafilter into the group head.',
      'Pull the shot for twenty-eight seconds and stop when it turns pale and thin at the spout.',
      'Taste it before adding milk, and write down the grind and the time for tomorrow.',
    ];
    open(
      `<html><head><title>Espresso in five steps</title></head><body><nav aria-hidden="true"><a href="/">Home</a></nav><main><h1>Espresso in five steps</h1><ol>${steps.map((step) => `<li>${step}</li>`).join('')}</ol></main></body></html>`,
      'https://coffee.example/espresso',
    );
    const clip = clipCaptureSchema.parse(captureIn(page.doc, { kind: 'page', pageUrl: 'https://coffee.example/espresso' }));
    expect(clip).toMatchObject({ kind: 'article', title: 'Espresso in five steps', warnings: [] });
    for (const step of steps) expect(clip.text).toContain(step);
  });

  it('clips an article whose lang attribute is not a language tag Intl accepts', () => {
    open(ARTICLE.replace('<html lang="en-GB">', '<html lang="en_GB">'));
    const clip = clipCaptureSchema.parse(captureIn(page.doc, { kind: 'page', pageUrl: PAGE_URL }));
    expect(clip).toMatchObject({ kind: 'article', lang: 'en_GB', warnings: [] });
    expect(clip.readingMinutes).toBeGreaterThan(0);
  });

  it('recognises Mastodon by its markup on any host, and not by the host name alone', () => {
    const status =
      '<div class="detailed-status"><a href="/@zoe"><span class="display-name"><strong class="display-name__html">Zoë</strong><span class="display-name__account">@zoe</span></span></a><div class="status__content__text"><p>Hello</p></div></div>';
    open(`<html><body>${status}</body></html>`, 'https://social.example.net/@zoe/112594876543210987');
    const clip = captureIn(page.doc, { kind: 'page', pageUrl: 'https://social.example.net/@zoe/112594876543210987' });
    expect(clip.post).toMatchObject({
      network: 'mastodon',
      authorHandle: '@zoe@social.example.net',
      text: 'Hello',
      postedAt: 1718061470691 /* the id is ms << 16 */,
    });
    void page.close();
    open('<html><head><title>Not a status</title></head><body><p>plain</p></body></html>', 'https://mastodon.social/@zoe/112594876543210987');
    expect(captureIn(page.doc, { kind: 'page', pageUrl: 'https://mastodon.social/@zoe/112594876543210987' }).post).toBeNull();
  });

  it('credits a local Mastodon author on the server their profile link names, not on the host a saved copy is served from', () => {
    const status =
      '<div class="detailed-status"><a class="detailed-status__display-name" href="https://social.example.net/@zoe"><span class="display-name"><strong class="display-name__html">Zoë</strong><span class="display-name__account">@zoe</span></span></a><div class="status__content__text"><p>Hello</p></div></div>';
    open(`<html><body>${status}</body></html>`, 'http://127.0.0.1:8080/@zoe/112594876543210987');
    const clip = captureIn(page.doc, { kind: 'page', pageUrl: 'http://127.0.0.1:8080/@zoe/112594876543210987' });
    expect(clip.post?.authorHandle).toBe('@zoe@social.example.net');
    expect(clip.credits).toEqual([{ network: 'mastodon', handle: '@zoe@social.example.net', url: 'https://social.example.net/@zoe' }]);
  });
});
