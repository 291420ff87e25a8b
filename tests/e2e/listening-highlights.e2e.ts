import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { settingsSchema, type Stream } from '@/lib/model';
import { servePages, type PageServer } from '../harness/corpus-server';
import { selfSignedCertificate } from '../harness/self-signed';
import { PostButtons } from './pages/post-buttons';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

/**
 * Issue "Respond/listen": a page the user is reading on a supported site highlights the posts
 * that match a stream, with no network call. The saved Bluesky thread (two posts) is served as
 * https://bsky.app from loopback, as in site-buttons.e2e.ts; a stream about "custom feeds"
 * matches only the second post. Every request the page makes is recorded from its first byte.
 */
const THREAD = readFileSync(fileURLToPath(new URL('../fixtures/bluesky--post-with-image.html', import.meta.url)), 'utf8');

describe('listening highlights on a page being read (Chromium)', () => {
  let ext: ExtensionBrowser;
  let server: PageServer;
  let panel: SidePanel;
  let page: Page;
  let buttons: PostButtons;
  let pageUrl: string;
  const requests: HTTPRequest[] = [];

  beforeAll(async () => {
    server = await servePages({ pages: { thread: THREAD }, tls: selfSignedCertificate(['bsky.app']) });
    ext = await launchWithExtension({ siteHosts: ['bsky.app'] });
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    // The first-run workspace is made by the background as it installs: wait for it, do not race it.
    const { activeWorkspaceId } = settingsSchema.parse(
      await vi.waitFor(async () => (await panel.readRow('settings', 'settings')) ?? Promise.reject(new Error('no settings yet')), {
        timeout: 10_000,
        interval: 100,
      }),
    );
    const stream = (id: string, name: string, query: string, workspaceId: string): Stream => ({
      v: 1,
      id,
      workspaceId,
      name,
      kind: 'keyword',
      query,
      accountIds: [],
      cursors: {},
      lastPolledAt: null,
      createdAt: 1,
    });
    await panel.putRows('streams', [
      stream('stream_feeds', 'Feed speed', 'custom FEEDS', activeWorkspaceId!),
      // Another client's stream matches both posts: it must not show here.
      stream('stream_other', 'Other client', 'shipping', 'ws_other_client'),
    ]);
    page = await ext.browser.newPage();
    page.on('request', (request) => requests.push(request));
    pageUrl = `https://bsky.app:${new URL(server.origin).port}/page/thread`;
    await page.goto(pageUrl, { waitUntil: 'load' });
    await page.bringToFront();
    buttons = await PostButtons.on(page);
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  /**
   * What the page's own script can see of the marks: nothing (issue 18, hole 12). Per post of the
   * thread: its attributes and inline style, its outline, and the size of Cadence's bar.
   */
  const whatThePageSees = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('[data-testid^="postThreadItem-by-"]')].map((post) => {
        const bar = post.querySelector('cadence-post-actions');
        const box = bar?.getBoundingClientRect();
        return {
          attributes: [...post.attributes].map((attribute) => attribute.name).filter((name) => name.includes('cadence')),
          style: (post as HTMLElement).getAttribute('style') ?? '',
          outline: getComputedStyle(post).outlineStyle,
          bar: box ? { height: box.height, hostStyle: bar!.getAttribute('style'), open: bar!.shadowRoot === null } : null,
        };
      }),
    );
  let unmarked: Awaited<ReturnType<typeof whatThePageSees>>;

  it('marks exactly the post that matches the active workspace’s stream, with the stream’s name', async () => {
    await expect.poll(() => buttons.matchLabels(), { timeout: 10_000 }).toEqual([null, 'Matches: Feed speed']);
    unmarked = await whatThePageSees();
    // Both bars the same height and nothing on the posts themselves: the match is shown only inside the closed root.
    expect(unmarked.map((post) => [post.attributes, post.outline, post.bar?.open])).toEqual([
      [[], 'none', true],
      [[], 'none', true],
    ]);
    expect(unmarked[1]!.bar!.height).toBe(unmarked[0]!.bar!.height);
  });

  it('the mark goes when the stream is deleted in the Listening view, without the page being reloaded or shown', async () => {
    await panel.page.bringToFront();
    panel.page.once('dialog', (dialog) => void dialog.accept());
    await panel.show('Listening');
    await panel.page.waitForSelector('button[aria-label="Delete Feed speed"]');
    await panel.page.click('button[aria-label="Delete Feed speed"]');
    // The page is in a background tab: only the background's nudge can tell it.
    await expect.poll(() => buttons.matchLabels(), { timeout: 10_000 }).toEqual([null, null]);
    expect(await whatThePageSees()).toEqual(unmarked);
    expect(await page.evaluate(() => document.visibilityState)).toBe('hidden');
    expect(ext.workerErrors).toEqual([]);
  });

  it('made no network request for it: every request of the page is the page’s own', () => {
    const pageHtml = THREAD;
    const fromExtension = requests.filter(
      (request) => request.url().startsWith('chrome-extension:') || JSON.stringify(request.initiator() ?? {}).includes('chrome-extension:'),
    );
    expect(fromExtension.map((request) => request.url())).toEqual([]);
    // The document, what its HTML names (its images, which the resolver rule keeps on loopback),
    // and the favicon Chromium itself asks for: anything else would be someone's request.
    const favicon = new URL('/favicon.ico', pageUrl).href;
    const notThePages = requests.map((request) => request.url()).filter((url) => url !== pageUrl && url !== favicon && !pageHtml.includes(url));
    expect(notThePages).toEqual([]);
    expect(requests.map((request) => request.url())).toContain(pageUrl);
  });
});
