// @vitest-environment happy-dom
// @vitest-environment-options {"happyDOM":{"settings":{"disableJavaScriptEvaluation":true,"disableJavaScriptFileLoading":true,"disableCSSFileLoading":true,"disableIframePageLoading":true}}}
import type { Window as HappyWindow } from 'happy-dom';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ServicesProvider, type AppServices } from '@/components/data/store-context';
import { ClipList } from '@/components/queue/ClipList';
import { isReadable } from '@/components/queue/is-readable';
import { ClipReader } from '@/components/queue/reader/ClipReader';
import { ReaderBody } from '@/components/queue/reader/ReaderBody';
import { readerMetaLine } from '@/components/queue/reader/reader-meta';
import type { Clip } from '@/lib/model';
import { applyStandardDomShims } from '../capture/happy-dom-shims';
import { EXECUTABLE, XSS_PAYLOADS } from '../capture/xss-payloads';
import { makeClip } from '../factories';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const PAGE = 'https://news.example/2024/story?id=7';
const article = (html: string, overrides: Partial<Clip> = {}) =>
  makeClip({ title: 'A story', html, text: 'First paragraph.\n\nSecond paragraph.', sourceUrl: PAGE, url: 'https://news.example/2024/story', ...overrides });

// The panel's own window runs the sanitizer here; happy-dom needs the DOM fixes DOMPurify relies on.
beforeAll(() => applyStandardDomShims(window as unknown as HappyWindow));

describe('the reader', () => {
  let root: Root;
  const body = () => document.querySelector<HTMLElement>('[data-testid="reader-body"]')!;
  const read = (clip: Clip) => act(() => root.render(<ClipReader clip={clip} onClose={() => undefined} />));

  beforeEach(() => {
    root = createRoot(document.body.appendChild(document.createElement('div')));
  });
  afterEach(() => {
    act(() => root.unmount());
    document.body.innerHTML = '';
  });

  it.each(XSS_PAYLOADS)('shows a hostile stored html inert: %s', async (payload, text) => {
    await read(article(`<p>Lead.</p>${payload}`));
    const markup = body().innerHTML;
    for (const pattern of EXECUTABLE) expect(markup).not.toMatch(pattern);
    expect(body().querySelectorAll('script, iframe, frame, svg, math, object, embed, style, form')).toHaveLength(0);
    for (const element of body().querySelectorAll('*')) {
      for (const { name, value } of element.attributes) {
        expect(name.startsWith('on'), `${element.localName}[${name}]`).toBe(false);
        expect(name).not.toBe('style');
        expect(value).not.toMatch(/^\s*(?:javascript|vbscript):/i);
      }
    }
    expect(body().textContent).toContain(text);
  });

  it('is a labelled dialog with the title, the byline line and the actions', async () => {
    await read(article('<p>Body.</p>', { byline: 'Ada Author', siteName: 'News', publishedTime: '2024-03-03T10:00:00Z', readingMinutes: 6.4 }));
    const dialog = document.querySelector('dialog')!;
    expect(dialog.open).toBe(true);
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('A story');
    expect(document.activeElement).toBe(dialog);
    expect(dialog.querySelector('.clip-reader__meta')?.textContent).toMatch(/^Ada Author · News · .*2024 · 6 min read$/);
    const source = [...dialog.querySelectorAll('a')].find((link) => link.textContent === 'Open source')!;
    expect([source.getAttribute('href'), source.getAttribute('target'), source.getAttribute('rel')]).toEqual([
      'https://news.example/2024/story',
      '_blank',
      'noopener noreferrer',
    ]);
  });

  it('opens links in a new tab without opener or referrer, resolved against the page, web and mail only', async () => {
    await read(
      article(
        '<p><a href="/about">rel</a> <a href="https://other.example/x" target="_self" rel="opener">abs</a> <a href="mailto:desk@news.example">mail</a> <a href="tel:+1">tel</a> <a href="#notes">frag</a></p>',
      ),
    );
    const links = Object.fromEntries(
      [...body().querySelectorAll('a')].map((link) => [link.textContent, [link.getAttribute('href'), link.getAttribute('target'), link.getAttribute('rel')]]),
    );
    expect(links).toEqual({
      rel: ['https://news.example/about', '_blank', 'noopener noreferrer'],
      abs: ['https://other.example/x', '_blank', 'noopener noreferrer'],
      mail: ['mailto:desk@news.example', '_blank', 'noopener noreferrer'],
      tel: [null, null, null],
      frag: ['https://news.example/2024/story?id=7#notes', '_blank', 'noopener noreferrer'],
    });
  });

  it('loads images lazily and without a referrer, from the page they came from', async () => {
    await read(
      article(
        '<figure><img src="/img/a.jpg" srcset="/img/a-2x.jpg 2x, https://cdn.example/a-3x.jpg 3x" alt="a"><figcaption>cap</figcaption></figure><img src="data:image/png;base64,iVBORw0KGgo=" alt="px">',
      ),
    );
    const images = [...body().querySelectorAll('img')];
    expect(images.map((image) => [image.getAttribute('src'), image.getAttribute('loading'), image.getAttribute('referrerpolicy')])).toEqual([
      ['https://news.example/img/a.jpg', 'lazy', 'no-referrer'],
      ['data:image/png;base64,iVBORw0KGgo=', 'lazy', 'no-referrer'],
    ]);
    expect(images[0]!.getAttribute('srcset')).toBe('https://news.example/img/a-2x.jpg 2x, https://cdn.example/a-3x.jpg 3x');
  });

  it('strips ids, names, classes and focus attributes the article brings, so nothing can clobber the panel', async () => {
    await read(
      article(
        '<h2 id="root" class="clip-card visually-hidden">Head</h2><a name="top" id="tab-queue" tabindex="1" accesskey="q" href="https://x.example/">a</a><img name="getElementById" src="https://x.example/i.png" alt="">',
      ),
    );
    expect(body().querySelectorAll('[id], [name], [class], [tabindex], [accesskey]')).toHaveLength(0);
    expect(document.querySelectorAll('#root, #tab-queue')).toHaveLength(0);
    expect(body().textContent).toContain('Head');
  });

  it('shows the text with a plain word when the clip has no html', async () => {
    await read(article(''));
    expect(body().querySelector('[role="note"]')?.textContent).toBe('This clip was saved without the article’s layout, so here is its plain text.');
    expect([...body().querySelectorAll('.clip-reader__text')].map((paragraph) => paragraph.textContent)).toEqual(['First paragraph.', 'Second paragraph.']);
  });

  it('shows the text when nothing of the html survives sanitizing, and says so when there is no text either', async () => {
    await read(article('<script>alert(1)</script><iframe src="https://x.example/"></iframe>'));
    expect(body().querySelector('[role="note"]')?.textContent).toBe('Nothing of the article’s layout was safe to show, so here is its plain text.');
    expect(body().textContent).toContain('Second paragraph.');
    await read(article('', { text: '' }));
    expect(body().textContent).toBe('No text of this article was saved with the clip. Open the source to read it on its site.');
  });

  it('shows the text when the sanitizer refuses to run in the window', async () => {
    // A window whose Node.nodeName getter answers '' for every element: the sanitizer's probe fails and it throws.
    class BlindNode {}
    Object.defineProperty(BlindNode.prototype, 'nodeName', { get: () => '' });
    const blind = Object.create(window, { Node: { value: BlindNode } }) as Window & typeof globalThis;
    await act(() => root.render(<ReaderBody clip={article('<p>Body.</p>')} win={blind} />));
    expect(body().querySelector('[role="note"]')?.textContent).toBe('The article’s layout could not be shown safely here, so here is its plain text.');
    expect(body().textContent).toContain('First paragraph.');
  });
});

describe('Read on a clip card', () => {
  let root: Root;
  const settle = () => act(() => new Promise((done) => setTimeout(done, 50)));
  const readButton = () => [...document.querySelectorAll('button')].find((button) => button.textContent === 'Read');
  const body = () => document.querySelector<HTMLElement>('[data-testid="reader-body"]')!;
  const show = (clips: Clip[]) =>
    act(() =>
      root.render(
        // Reading a card needs no service; a feed item's Read would ask the background (never here).
        <ServicesProvider services={{ store: null, request: () => Promise.reject(new Error('no background in this test')) } as unknown as AppServices}>
          <ClipList
            clips={clips}
            setSize={clips.length}
            hasMore={false}
            onEndReached={() => undefined}
            selected={new Set()}
            onToggle={() => undefined}
            onTag={() => undefined}
          />
        </ServicesProvider>,
      ),
    );

  beforeEach(() => {
    // happy-dom lays nothing out: a viewport for the virtual list, so its rows are rendered.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(400);
    root = createRoot(document.body.appendChild(document.createElement('div')));
  });
  afterEach(() => {
    act(() => root.unmount());
    document.body.innerHTML = '';
    vi.restoreAllMocks();
  });

  it('is offered for articles only, the clips that keep html', () => {
    expect(isReadable(makeClip({ kind: 'article' }))).toBe(true);
    expect(isReadable(makeClip({ kind: 'article', html: '', text: 'Words.' }))).toBe(true);
    for (const kind of ['selection', 'link', 'image', 'social-post'] as const) expect(isReadable(makeClip({ kind, html: '', text: '' }))).toBe(false);
  });

  it('opens the reader, which Escape closes, giving focus back to the Read button', async () => {
    await show([article('<p>Body of the story.</p>')]);
    const button = readButton()!;
    // In the card's tab order, with Tags & note and Compose.
    expect(button.tabIndex).toBe(0);
    button.focus();
    await act(async () => button.click());
    await settle();
    const dialog = document.querySelector('dialog')!;
    expect(document.activeElement).toBe(dialog);
    expect(body()).toBeTruthy();
    expect(body().textContent).toBe('Body of the story.');
    await act(async () => dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(document.querySelector('dialog')).toBeNull();
    expect(document.activeElement).toBe(readButton());
  });

  it('is not offered on a link clip', async () => {
    await show([makeClip({ kind: 'link', html: '', text: '' })]);
    expect(document.querySelectorAll('.clip-card')).toHaveLength(1);
    expect(readButton()).toBeUndefined();
  });
});

describe('the reader’s byline line', () => {
  it('leaves out what the clip does not know, and dates Date cannot read', () => {
    expect(readerMetaLine({ byline: null, siteName: 'News', publishedTime: 'Tuesday morning', readingMinutes: 0.2 })).toBe('News · 1 min read');
    expect(readerMetaLine({ byline: ' ', siteName: null, publishedTime: null, readingMinutes: null })).toBe('');
    expect(readerMetaLine({ byline: 'Ada', siteName: null, publishedTime: '2024-03-03', readingMinutes: 3 }, 'en-GB')).toBe('Ada · 3 Mar 2024 · 3 min read');
  });
});
