import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clip } from '@/lib/model';
import { makeAccount, makeClip } from '../unit/factories';
import { SidePanel } from './pages/side-panel';
import { dbHelperPage, putClipsInPage } from './support/db-in-page';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';
import { openReadingTab } from './support/reading-tab';

/**
 * Read on an article clip, in the built extension's side panel. The clip is written straight into
 * the store (the product's own store code, tests/e2e/support/db-in-page.ts) rather than captured:
 * a capture cleans the page's HTML before storing it, so only a stored html that still carries live
 * payloads tests the sanitizing the reader does itself, right before it renders.
 *
 * The extension page's CSP would refuse inline handlers and `javascript:` URLs even if they reached
 * the DOM, so the markup is checked as well as the flag; and the payloads that CSP does not stop
 * (an id clobbering `window.__pwned`, a <base>, a <style>) must have no effect either.
 */
const PAGE_URL = 'http://127.0.0.1:9/stories/roasting';
const TITLE = 'How a small roastery picks its beans';
const HOSTILE_HTML = [
  '<p>Every morning the roaster tastes three batches.</p>',
  // Relative: resolves against the page on a port where nothing listens, so it fails at once.
  '<img src="x" onerror="window.__pwned=1" alt="beans">',
  '<p id="__pwned">An id that would clobber window.__pwned.</p>',
  '<p><a href="javascript:window.__pwned=1">a javascript link</a> and <a href="/about" id="tab-queue" name="root">about us</a>.</p>',
  '<svg onload="window.__pwned=1"><circle r="4"></circle></svg>',
  '<details open ontoggle="window.__pwned=1"><summary>Harvest notes</summary>Picked in March.</details>',
  '<iframe srcdoc="&lt;script&gt;parent.__pwned=1&lt;/script&gt;"></iframe>',
  '<base href="http://127.0.0.1:9/elsewhere/"><style>body { visibility: hidden }</style>',
  // Long enough to scroll inside the reader.
  ...Array.from({ length: 60 }, (_, i) => `<p>Cupping note ${i + 1}: sweet, bright, a little nutty.</p>`),
  '<p style="position:fixed;inset:0">The last paragraph.</p>',
].join('');

describe('the reader (Read on an article clip)', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let clip: Clip;
  /** Every file the side panel fetched since its reload, chunks included. */
  const fetched: string[] = [];

  beforeAll(async () => {
    ext = await launchWithExtension();
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    const workspace = await panel.activeWorkspace();
    clip = makeClip({
      workspaceIds: [workspace.id],
      title: TITLE,
      url: PAGE_URL,
      sourceUrl: PAGE_URL,
      byline: 'Ada Author',
      siteName: 'Roast Weekly',
      publishedTime: '2024-03-03T09:00:00Z',
      readingMinutes: 4,
      text: 'Every morning the roaster tastes three batches.',
      html: HOSTILE_HTML,
      capturedAt: Date.now(),
      updatedAt: Date.now(),
    });
    const helper = await dbHelperPage(ext.browser, ext.extensionId);
    await putClipsInPage(helper, [clip]);
    await helper.close();
    // An account to write for, so "Compose from this" opens the composer rather than "connect one first".
    await panel.putRows('accounts', [makeAccount({ id: 'acct_e2e_reader', workspaceId: workspace.id, handle: 'brand.bsky.social', publishMode: 'reminder' })]);
    panel.page.on('request', (request) => void fetched.push(request.url()));
    await panel.page.reload({ waitUntil: 'load' });
    await panel.waitForClip(TITLE);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('loads the reader and its sanitizer only when Read is used', async () => {
    expect(fetched.some((url) => url.includes('/chunks/sidepanel-'))).toBe(true);
    expect(fetched.filter((url) => url.includes('ClipReader'))).toEqual([]);
    const button = await panel.readButton(TITLE);
    await button!.click();
    expect(await panel.reader()).toMatchObject({ title: TITLE, isFocused: true });
    expect(fetched.filter((url) => url.includes('ClipReader')).map((url) => url.replace(/^.*\/|-[\w-]+(?=\.)/g, ''))).toEqual(
      expect.arrayContaining(['ClipReader.js', 'ClipReader.css']),
    );
    await panel.press('Escape');
    await panel.page.waitForSelector('dialog.clip-reader', { hidden: true });
  });

  it('shows the article, with none of the stored payloads running or reaching the panel', async () => {
    await (await panel.readButton(TITLE))!.click();
    const reader = await panel.reader();
    expect(reader.text).toContain('Every morning the roaster tastes three batches.');
    expect(reader.text).toContain('The last paragraph.');
    expect(reader.meta).toMatch(/^Ada Author · Roast Weekly · .*2024 · 4 min read$/);
    // The image has errored (nothing listens on port 9) before the flag is read.
    await panel.page.waitForFunction(
      () => [...document.querySelectorAll('[data-testid="reader-body"] img')].every((image) => (image as HTMLImageElement).complete),
      { timeout: 5000 },
    );
    await new Promise((done) => setTimeout(done, 300));
    const state = await panel.page.evaluate(() => {
      const body = document.querySelector('[data-testid="reader-body"]')!;
      const attributes = [...body.querySelectorAll('*')].flatMap((element) =>
        [...element.attributes].map(({ name, value }) => `${element.localName}[${name}=${value}]`),
      );
      return {
        pwned: (window as { __pwned?: unknown }).__pwned,
        baseURI: document.baseURI,
        bodyVisibility: getComputedStyle(document.body).visibility,
        forbidden: [...body.querySelectorAll('script, iframe, svg, style, base, form')].map((element) => element.localName),
        handlers: attributes.filter((attribute) => /\[on|\[style=|\[id=|\[name=|javascript:/i.test(attribute)),
        links: [...body.querySelectorAll('a')].map((link) => [link.textContent, link.getAttribute('href'), link.target, link.rel]),
        images: [...body.querySelectorAll('img')].map((image) => [image.getAttribute('src'), image.loading, image.referrerPolicy]),
      };
    });
    expect(state).toEqual({
      pwned: undefined,
      baseURI: `chrome-extension://${ext.extensionId}/sidepanel.html`,
      bodyVisibility: 'visible',
      forbidden: [],
      handlers: [],
      links: [
        ['a javascript link', null, '', ''],
        ['about us', 'http://127.0.0.1:9/about', '_blank', 'noopener noreferrer'],
      ],
      images: [['http://127.0.0.1:9/stories/x', 'lazy', 'no-referrer']],
    });
    expect(await panel.page.$('#tab-queue[role="tab"]')).not.toBeNull();
    await panel.press('Escape');
    await panel.page.waitForSelector('dialog.clip-reader', { hidden: true });
  });

  it('works from the keyboard: Tab to Read, Enter opens, Tab stays in the reader, Escape closes, focus is back on Read', async () => {
    await panel.focusClip(TITLE);
    await panel.press('Tab');
    expect(await panel.focusedText()).toBe('Read');
    await panel.press('Enter');
    expect(await panel.reader()).toMatchObject({ title: TITLE, isFocused: true });
    await panel.press('Tab');
    expect(await panel.focusedText()).toBe('Close');
    await panel.press('Tab');
    expect(await panel.focusedText()).toBe('Compose from this');
    await panel.press('Escape');
    await panel.page.waitForSelector('dialog.clip-reader', { hidden: true });
    expect(await panel.focusedText()).toBe('Read');
    expect(await panel.focusedClipTitle()).toBe(TITLE);
  });

  it('follows the dark theme, and scrolls a long article inside itself from the keyboard', async () => {
    await panel.page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await (await panel.readButton(TITLE))!.click();
    await panel.reader();
    const look = await panel.page.$eval('dialog.clip-reader', (dialog) => {
      const style = getComputedStyle(dialog);
      return {
        background: style.backgroundColor,
        color: style.color,
        fitsPanel: dialog.getBoundingClientRect().bottom <= window.innerHeight,
        isLonger: dialog.scrollHeight > dialog.clientHeight,
      };
    });
    expect(look).toEqual({ background: 'rgb(21, 23, 26)', color: 'rgb(232, 234, 238)', fitsPanel: true, isLonger: true });
    await panel.press('PageDown');
    await panel.page.waitForFunction(() => document.querySelector('dialog.clip-reader')!.scrollTop > 0, { timeout: 2000 });
    // The queue behind it has not moved.
    expect(await panel.page.$eval('.clip-scroller', (scroller) => scroller.scrollTop)).toBe(0);
    await panel.page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: '' }]);
    await panel.press('Escape');
    await panel.page.waitForSelector('dialog.clip-reader', { hidden: true });
  });

  it('offers Compose from this, which starts a post from the clip', async () => {
    await (await panel.readButton(TITLE))!.click();
    await panel.reader();
    await panel.readerButton('Compose from this');
    await panel.page.waitForSelector('textarea[aria-label="Shared text"]', { timeout: 5000 });
    expect(await panel.selectedView()).toBe('Compose');
    await panel.page.waitForFunction(
      (url) => document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Shared text"]')?.value.includes(url),
      { timeout: 5000 },
      PAGE_URL,
    );
    expect(await panel.page.$('dialog.clip-reader')).toBeNull();
  });
});

// A 1×1 transparent PNG.
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const PARAGRAPH =
  'The harvest came in late this year, and the roastery spent a week tasting lots from three farms before it chose what to buy, weighing sweetness against body and the price of shipping. ';
const STORY = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Late harvest</title></head><body><article><h1>Late harvest</h1>
${Array.from({ length: 6 }, (_, i) => `<p>${PARAGRAPH.repeat(2)}Part ${i + 1}.</p>`).join('\n')}
<figure><img src="/pixel.png" alt="The drying beds" width="1" height="1"></figure><p>${PARAGRAPH}<a href="/farms">The farms</a>.</p></article></body></html>`;

describe('the reader on an article clipped from a page', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let server: http.Server;
  let origin: string;
  /** The Referer header of every request for the article's image, in order (null: none sent). */
  const imageReferrers: (string | null)[] = [];

  beforeAll(async () => {
    // The page's own server, to see what a request for its image tells it.
    server = http.createServer((request, response) => {
      if (request.url === '/pixel.png') {
        imageReferrers.push(request.headers.referer ?? null);
        return void response.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' }).end(PIXEL);
      }
      if (request.url === '/story') return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(STORY);
      response.writeHead(404).end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ext = await launchWithExtension({ build: 'e2e' });
    panel = await SidePanel.open(ext.browser, ext.extensionId);
  });
  afterAll(async () => {
    await ext?.close();
    await new Promise((done) => server?.close(done));
  });

  it('shows what capture kept, and loads its image without telling the site where it is read', async () => {
    const { page, tab } = await openReadingTab(ext, `${origin}/story`);
    await (await ext.worker()).evaluate((command, target) => chrome.commands.onCommand.dispatch(command, target), 'clip-page', tab);
    await panel.waitForClipRow((clip) => clip.kind === 'article' && clip.title === 'Late harvest', 'of the story', { workerErrors: ext.workerErrors });
    await page.close();
    // The page itself asked for its image, as pages do, naming itself.
    expect(imageReferrers).toEqual([`${origin}/story`]);

    await panel.page.bringToFront();
    await panel.waitForClip('Late harvest');
    await (await panel.readButton('Late harvest'))!.click();
    const reader = await panel.reader();
    expect(reader.text).toContain('Part 6.');
    // Lazy: the image is fetched once scrolled into view.
    await panel.page.$eval('[data-testid="reader-body"] img', (image) => image.scrollIntoView());
    await panel.page.waitForFunction(() => (document.querySelector('[data-testid="reader-body"] img') as HTMLImageElement | null)?.naturalWidth === 1, {
      timeout: 5000,
    });
    // Chromium sends no Referer from an extension page whatever the policy (checked: the same run
    // without referrerpolicy passes too); the attribute, checked above, holds it in browsers that would.
    expect(imageReferrers).toEqual([`${origin}/story`, null]);
    expect(await panel.page.$eval('[data-testid="reader-body"] a', (link) => [link.getAttribute('href'), link.target, link.rel])).toEqual([
      `${origin}/farms`,
      '_blank',
      'noopener noreferrer',
    ]);
  });
});
