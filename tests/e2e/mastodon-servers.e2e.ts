import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipSchema } from '@/lib/model';
import { servePages, type PageServer } from '../harness/corpus-server';
import { PostButtons } from './pages/post-buttons';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

/**
 * The site script on a Mastodon server the user reads: a saved Mastodon status page and a page
 * without Mastodon's markup, both on one loopback origin. The e2e build holds the loopback host
 * permission already (wxt.config.ts E2E_HOSTS), so Settings' permissions.request is granted
 * without a prompt; the rest is the real path: the panel's click, the background's
 * scripting.registerContentScripts, Chromium injecting the registered file.
 */
const MASTODON = readFileSync(fileURLToPath(new URL('../fixtures/mastodon--detailed-status.html', import.meta.url)), 'utf8');
// A "status" class and a link shaped like a status, but not Mastodon's markup.
const PLAIN = `<!DOCTYPE html><html lang="en"><head><title>Status page</title></head><body>
<main><div class="status" data-id="112594876543210987"><a class="status__relative-time" href="/@kev/112594876543210987">Service status</a><p>All systems normal.</p></div></main></body></html>`;
const SCRIPT_ID_PREFIX = 'mastodon-site:';

describe('Clip buttons on Mastodon servers you read (Chromium)', () => {
  let ext: ExtensionBrowser;
  let server: PageServer;
  let panel: SidePanel;
  let page: Page;
  let buttons: PostButtons;

  beforeAll(async () => {
    server = await servePages({ pages: { mastodon: MASTODON, plain: PLAIN } });
    ext = await launchWithExtension({ build: 'e2e' });
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    page = await ext.browser.newPage();
    buttons = await PostButtons.on(page);
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  const registered = async () => {
    const worker = await ext.worker();
    return worker.evaluate(async () =>
      (await chrome.scripting.getRegisteredContentScripts()).map(({ id, js, matches, persistAcrossSessions }) => ({ id, js, matches, persistAcrossSessions })),
    );
  };
  const visit = async (name: string) => {
    await page.goto(`${server.origin}/page/${name}`, { waitUntil: 'load' });
    await page.bringToFront();
  };
  /** How many Cadence bars the page has once the site script has had its time (it acts at document idle). */
  const settledCount = async () => {
    await page.evaluate(() => new Promise((done) => requestIdleCallback(() => setTimeout(done, 500))));
    return buttons.count();
  };
  const statusSays = (text: string) =>
    panel.page.waitForFunction((wanted) => document.querySelector('[data-testid="settings-status"]')?.textContent === wanted, { timeout: 10_000 }, text);
  const addServer = async (origin: string) => {
    await panel.page.bringToFront();
    await panel.show('Settings');
    const input = await panel.page.waitForSelector('form[aria-label="Add a Mastodon server"] input');
    await input!.type(origin);
    await panel.page.click('form[aria-label="Add a Mastodon server"] button[type="submit"]');
  };

  it('a Mastodon page gets no buttons before its server is added', async () => {
    await visit('mastodon');
    expect(await settledCount()).toBe(0);
    expect(await registered()).toEqual([]);
  });

  it('adding the server in Settings registers the site script there, and its Mastodon page gets the buttons, open tab included', async () => {
    // The Mastodon page of the test before is still open: it gets the buttons without a reload.
    await addServer(server.origin);
    await statusSays(`Clip buttons added on ${new URL(server.origin).host}, in the tabs open there too.`);
    await expect.poll(() => buttons.count(), { timeout: 10_000 }).toBe(2);
    await panel.page.waitForSelector(`[data-testid="mastodon-servers"] li[data-origin="${server.origin}"]`);
    const manifest = await (await ext.worker()).evaluate(() => chrome.runtime.getManifest());
    expect(await registered()).toEqual([
      { id: `${SCRIPT_ID_PREFIX}${server.origin}`, js: manifest.content_scripts?.[0]?.js, matches: [`${server.origin}/*`], persistAcrossSessions: true },
    ]);

    await visit('mastodon');
    await expect.poll(() => buttons.count(), { timeout: 10_000 }).toBe(2);
    await buttons.click(0, 'Clip');
    expect(await buttons.status(0)).toBe('Clipped to Cadence.');
    const clip = (await panel.readAll('clips')).map((row) => clipSchema.parse(row)).find((row) => row.url === 'https://fosstodon.org/@kev/112594876543210987');
    expect(clip).toMatchObject({ kind: 'social-post', title: 'Kev Quirk on Mastodon', post: { authorHandle: '@kev@fosstodon.org' } });
  });

  it('a page of the same server without Mastodon’s markup gets nothing', async () => {
    await visit('plain');
    expect(await settledCount()).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('[data-cadence-match], cadence-post-actions').length)).toBe(0);
  });

  it('removing the server unregisters the script: the Mastodon page is left alone again', async () => {
    await panel.page.bringToFront();
    const host = new URL(server.origin).host;
    await panel.page.click(`xpath/.//button[normalize-space(.)="Remove ${host}"]`);
    // The e2e build's loopback permission is a required one: the browser keeps it, and says so.
    await statusSays(`Clip buttons removed from ${host}.`);
    expect(await registered()).toEqual([]);
    await visit('mastodon');
    expect(await settledCount()).toBe(0);
    expect(ext.workerErrors).toEqual([]);
  });
});
