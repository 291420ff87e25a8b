import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedSchema, type Clip, type Feed } from '@/lib/model';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';
import { openReadingTab } from './support/reading-tab';

/**
 * Feeds into the queue (issue 22) in the built extension: real feed files of several shapes served
 * on 127.0.0.1 (with ETag / Last-Modified), followed from Settings → Feeds and polled by the real
 * worker; hostile feeds get their error on their row and change nothing else; Clip this page offers
 * the page's feed; Read on a feed item opens its page and clips it through the capture path.
 * The e2e build's loopback host permissions stand in for the grant the Follow click asks for.
 */
const FIXTURES = resolve(__dirname, '../fixtures/feeds');
const FEEDS: Record<string, { file: string; type: string }> = {
  '/feeds/wordpress.xml': { file: 'wordpress--rss2-content-encoded.xml', type: 'application/rss+xml; charset=UTF-8' },
  '/feeds/atom.xml': { file: 'github--atom.xml', type: 'application/atom+xml; charset=utf-8' },
  '/feeds/feed.json': { file: 'jsonfeed--v1-1.json', type: 'application/feed+json' },
  '/feeds/podcast.xml': { file: 'podcast--itunes-rss.xml', type: 'application/rss+xml' },
  '/feeds/invalid.xml': { file: 'hostile--invalid.xml', type: 'application/rss+xml' },
  '/feeds/laughs.xml': { file: 'hostile--billion-laughs.xml', type: 'application/rss+xml' },
  '/feeds/sneaky.xml': { file: 'hostile--script-in-titles.xml', type: 'application/rss+xml' },
};
const paragraph = (n: number) =>
  `<p>Paragraph ${n}: cold air changes how a drum holds heat, so this winter the roastery shortens development time and tastes every batch against last year's, noting acidity, sweetness and body on the same cupping form.</p>`;
const ARTICLE = (origin: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Why we roast lighter in winter</title>
<meta name="author" content="Maya Okafor"><link rel="alternate" type="application/rss+xml" title="Northwind Roasters Journal" href="${origin}/feeds/wordpress.xml">
<link rel="alternate" type="application/feed+json" title="Cupping notes" href="/feeds/cupping.json"></head>
<body><article><h1>Why we roast lighter in winter</h1>${[1, 2, 3, 4, 5, 6].map(paragraph).join('\n')}</article></body></html>`;
const CUPPING = (origin: string) =>
  JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Cupping notes',
    items: [{ id: 'c1', url: `${origin}/cupping/kenya-aa`, title: 'Kenya AA: blackcurrant, always' }],
  });

interface Seen {
  path: string;
  ifNoneMatch: string | undefined;
  status: number;
}

describe('feeds into the queue', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let server: http.Server;
  let origin = '';
  const requests: Seen[] = [];

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const ifNoneMatch = request.headers['if-none-match'];
      const reply = (status: number, headers: Record<string, string> = {}, body?: string | Buffer) => {
        requests.push({ path, ifNoneMatch, status });
        response.writeHead(status, headers).end(body);
      };
      const feed = FEEDS[path];
      if (feed) {
        const etag = `"${feed.file}-v1"`;
        if (ifNoneMatch === etag) return reply(304, { etag });
        return reply(
          200,
          { 'content-type': feed.type, etag, 'last-modified': 'Mon, 30 Nov 2026 09:12:44 GMT' },
          readFileSync(resolve(FIXTURES, feed.file), 'utf8').replaceAll('{{ORIGIN}}', origin),
        );
      }
      if (path === '/feeds/huge.xml') {
        // 50 MB, streamed without a length: the worker must stop reading at its limit.
        requests.push({ path, ifNoneMatch, status: 200 });
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        const chunk = Buffer.alloc(1024 * 1024, 'a');
        let sent = 0;
        const more = () => {
          while (sent < 50) {
            sent++;
            if (!response.write(chunk)) return void response.once('drain', more);
          }
          response.end();
        };
        response.on('error', () => undefined);
        return more();
      }
      if (path === '/feeds/cupping.json') return reply(200, { 'content-type': 'application/feed+json' }, CUPPING(origin));
      if (path === '/journal/roast-lighter-in-winter/' || path === '/journal/finca-la-esperanza/')
        return reply(200, { 'content-type': 'text/html; charset=utf-8' }, ARTICLE(origin));
      reply(404);
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

  const feedClips = async () => (await panel.clipRows()).filter((clip) => clip.kind === 'feed-item');
  const feeds = async (): Promise<Feed[]> => (await panel.readAll('feeds')).map((row) => feedSchema.parse(row));
  const follow = async (path: string): Promise<string> => {
    await panel.page.bringToFront();
    await panel.show('Settings');
    const input = await panel.page.waitForSelector('#feeds-heading ~ form input[type="url"]');
    await input!.click({ count: 3 });
    await input!.type(`${origin}${path}`);
    const before = await panel.page.$eval('[data-testid="settings-status"]', (element) => element.textContent ?? '');
    await panel.clickButton('Follow feed');
    const status = await panel.page.waitForFunction(
      (previous) => {
        const text = document.querySelector('[data-testid="settings-status"]')?.textContent ?? '';
        return text && text !== previous ? text : null;
      },
      { timeout: 15_000 },
      before,
    );
    return String(await status.jsonValue());
  };
  const rowError = (url: string) =>
    panel.page.$eval(`[data-testid="feed-row"][data-feed-url="${url}"]`, (row) => row.querySelector('[data-testid="feed-error"]')?.textContent ?? '');

  it('follows RSS 2.0, Atom, JSON Feed and podcast RSS: their items come into the Queue as feed items with the feed’s facts', async () => {
    expect(await follow('/feeds/wordpress.xml')).toBe('Following “Northwind Roasters Journal”: 2 items added to the Queue.');
    expect(await follow('/feeds/atom.xml')).toBe('Following “Release notes from roaster-tools”: 2 items added to the Queue.');
    expect(await follow('/feeds/feed.json')).toBe('Following “The Cupping Table”: 2 items added to the Queue.');
    expect(await follow('/feeds/podcast.xml')).toBe('Following “Brew Talk”: 2 items added to the Queue.');
    const clips = await feedClips();
    expect(clips).toHaveLength(8);
    const workspace = await panel.activeWorkspace();
    expect(clips.every((clip) => clip.workspaceIds.join() === workspace.id)).toBe(true);
    expect(clips.find((clip) => clip.url === `${origin}/journal/roast-lighter-in-winter/`)).toMatchObject({
      title: 'Why we roast lighter in winter – and what it does to acidity',
      byline: 'Maya Okafor',
      siteName: 'Northwind Roasters Journal',
      leadImage: `${origin}/wp-content/uploads/2026/11/drum.jpg`,
    });
    // Tracking parameters go from the canonical address (the JSON Feed's item carried an fbclid).
    expect(clips.find((clip) => clip.title.startsWith('Ethiopia Guji'))).toMatchObject({
      url: `${origin}/cupping/ethiopia-guji`,
      image: null,
      leadImage: `${origin}/img/guji.jpg`,
    });
    expect(clips.find((clip) => clip.title.startsWith('Episode 48'))).toMatchObject({
      url: `${origin}/podcast/episodes/48`,
      leadImage: `${origin}/podcast/48.jpg`,
    });
    await panel.show('Queue');
    await panel.waitForClip('v2.3.1 hotfix');
    expect(await panel.page.$$eval('.clip-card__kind', (kinds) => kinds.filter((kind) => kind.textContent === 'Feed item').length)).toBeGreaterThan(0);
    // The alarm is set at the earliest next poll: an hour away, or the feed's ttl (90 minutes).
    const alarm = await (await ext.worker()).evaluate(() => chrome.alarms.get('feeds'));
    expect(alarm?.scheduledTime).toBeGreaterThan(Date.now() + 50 * 60_000);
  });

  it('polls again with If-None-Match, and a 304 adds nothing; the feeds alarm polls what is due', async () => {
    const before = (await feedClips()).length;
    requests.length = 0;
    await panel.show('Settings');
    const row = await panel.page.waitForSelector(`[data-testid="feed-row"][data-feed-url="${origin}/feeds/wordpress.xml"]`);
    const [check] = await row!.$$('xpath/.//button[normalize-space(.)="Check now"]');
    await check!.click();
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="settings-status"]')?.textContent?.startsWith('Checked'), { timeout: 10_000 });
    expect(requests).toEqual([{ path: '/feeds/wordpress.xml', ifNoneMatch: '"wordpress--rss2-content-encoded.xml-v1"', status: 304 }]);
    // Make the Atom feed due, then fire the alarm as Chrome would: only it is polled.
    const atom = (await feeds()).find((feed) => feed.url.endsWith('/atom.xml'))!;
    await panel.putRows('feeds', [{ ...atom, nextPollAt: Date.now() - 1000 }]);
    requests.length = 0;
    const worker = await ext.worker();
    await worker.evaluate(() => chrome.alarms.onAlarm.dispatch({ name: 'feeds', scheduledTime: Date.now() }));
    const end = Date.now() + 10_000;
    while (!(await feeds()).find((feed) => feed.id === atom.id && feed.lastPolledAt !== atom.lastPolledAt) && Date.now() < end)
      await new Promise((done) => setTimeout(done, 100));
    expect(requests).toEqual([{ path: '/feeds/atom.xml', ifNoneMatch: '"github--atom.xml-v1"', status: 304 }]);
    expect((await feedClips()).length).toBe(before);
  });

  it('a broken or hostile feed gets a clear error on its row and changes nothing else', async () => {
    const before = await panel.clipRows();
    const feedsBefore = (await feeds()).map(({ id, error, itemsAdded }) => ({ id, error, itemsAdded }));
    expect(await follow('/feeds/invalid.xml')).toMatch(/could not be read: This feed is not valid XML \(line 3/);
    expect(await follow('/feeds/laughs.xml')).toMatch(/declares its own XML entities/);
    expect(await follow('/feeds/huge.xml')).toMatch(/larger than 5 MB/);
    expect(await rowError(`${origin}/feeds/invalid.xml`)).toMatch(/not valid XML/);
    expect(await rowError(`${origin}/feeds/laughs.xml`)).toMatch(/<!ENTITY>/);
    expect(await rowError(`${origin}/feeds/huge.xml`)).toMatch(/larger than 5 MB/);
    expect(await panel.clipRows()).toEqual(before);
    expect(
      (await feeds()).filter((feed) => feedsBefore.some((old) => old.id === feed.id)).map(({ id, error, itemsAdded }) => ({ id, error, itemsAdded })),
    ).toEqual(feedsBefore);
    // Script in titles: only text is kept, and the item whose link is javascript: is not filed.
    expect(await follow('/feeds/sneaky.xml')).toBe('Following “Sneaky feed”: 1 item added to the Queue.');
    const sneaky = (await feedClips()).filter((clip) => clip.url.startsWith(`${origin}/sneaky`));
    expect(sneaky).toEqual([expect.objectContaining({ title: 'Second headline', excerpt: 'Hover me', html: '', leadImage: null })]);
    expect((await panel.clipRows()).some((clip) => clip.url.startsWith('javascript:'))).toBe(false);
  });

  it('Clip this page offers the feeds the page names; Follow this site’s feed follows one', async () => {
    const { page } = await openReadingTab(ext, `${origin}/journal/roast-lighter-in-winter/`);
    const popup = await openPanelWindow();
    await popup.bringToFront();
    const [clip] = await popup.$$('xpath/.//button[normalize-space(.)="Clip this page"]');
    await clip!.click();
    await popup.waitForSelector('.follow-feed button', { timeout: 10_000 });
    const offers = await popup.$$eval('.follow-feed button', (buttons) => buttons.map((button) => button.textContent));
    expect(offers).toEqual(['Follow this site’s feed: Northwind Roasters Journal', 'Follow this site’s feed: Cupping notes']);
    const [cupping] = await popup.$$('xpath/.//button[contains(., "Cupping notes")]');
    await cupping!.click();
    const said = await popup.waitForFunction(
      () => [...document.querySelectorAll('[data-testid="follow-feed-status"]')].map((s) => s.textContent).find(Boolean) || null,
      { timeout: 10_000 },
    );
    expect(await said.jsonValue()).toBe('Following “Cupping notes”: 1 item added.');
    expect((await feedClips()).some((item) => item.url === `${origin}/cupping/kenya-aa`)).toBe(true);
    // The page itself was clipped as an article already: its feed item is that clip, not a second one.
    expect((await panel.clipRows()).filter((row) => row.url === `${origin}/journal/roast-lighter-in-winter/`)).toHaveLength(1);
    await popup.close();
    await page.close();
  });

  it('Read on a feed item opens its page in a tab and clips the whole article into the same clip', async () => {
    const item = (await feedClips()).find((clip) => clip.url === `${origin}/journal/finca-la-esperanza/`)!;
    expect(item).toMatchObject({ kind: 'feed-item', html: '' });
    await panel.page.bringToFront();
    await panel.show('Queue');
    await panel.waitForClip(item.title);
    const card = await panel.page.waitForSelector(`xpath/.//li[@data-clip-id="${item.id}"]`);
    const [read] = await card!.$$('xpath/.//button[normalize-space(.)="Read"]');
    const opened = ext.browser.waitForTarget((target) => target.url() === item.sourceUrl && target.type() === 'page', { timeout: 10_000 });
    await read!.click();
    await opened;
    const clipped: Clip = await panel.waitForClipRow((clip) => clip.id === item.id && clip.kind === 'article', 'read as an article', {
      workerErrors: ext.workerErrors,
      timeoutMs: 20_000,
    });
    expect(clipped.html).toContain('Paragraph 6');
    expect(clipped.readingMinutes).toBeGreaterThan(0);
    // The feed's facts stay where the page has none better; one clip for the address.
    expect(clipped.byline).toBe('Maya Okafor');
    expect((await panel.clipRows()).filter((clip) => clip.url === item.url)).toHaveLength(1);
    const status = await panel.page.waitForFunction(
      () => {
        const text = document.querySelector('[data-testid="feed-read-status"]')?.textContent ?? '';
        return text.startsWith('Clipped') ? text : null;
      },
      { timeout: 10_000 },
    );
    expect(await status.jsonValue()).toMatch(/^Clipped “.+”: Read opens it here\.$/);
  });

  async function openPanelWindow(): Promise<Page> {
    const worker = await ext.worker();
    await worker.evaluate(() => chrome.windows.create({ url: chrome.runtime.getURL('sidepanel.html'), type: 'popup' }));
    const target = await ext.browser.waitForTarget((t) => t.type() === 'page' && t.url().endsWith('/sidepanel.html') && t !== panel.page.target());
    const page = (await target.page())!;
    await page.waitForSelector('#tab-queue');
    await page.click('#tab-queue');
    return page;
  }
});
