import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servePages, type PageServer } from '../harness/corpus-server';
import { ADDON_ID, type LaunchedFirefox } from '../harness/firefox';
import type { SidePanel } from '../e2e/pages/side-panel';
import { launchFirefoxWithPanel } from './support/launch';

/**
 * Issue 21, what Firefox does differently, shown in Firefox ESR with the build users load:
 * - its match patterns take no port: a Mastodon server on a port cannot be granted, so Settings
 *   says so before asking (instead of Firefox's "not declared in the manifest"), registers no site
 *   script, and the way it names instead (the shortcut, on its activeTab grant) clips the page;
 * - identity.getRedirectURL() is https://<SHA-1 of the add-on id>.extensions.allizom.org/: the
 *   same on every install, and the address Mastodon OAuth registers (tests/unit/accounts/connect.test.ts);
 * - Cadence keeps nothing in browser.storage (no storage permission; everything is in IndexedDB),
 *   so storage.session being there or not changes nothing.
 */
const MASTODON = readFileSync(fileURLToPath(new URL('../fixtures/mastodon--detailed-status.html', import.meta.url)), 'utf8');

describe('Firefox’s differences, handled (Firefox)', () => {
  let firefox: LaunchedFirefox;
  let panel: SidePanel;
  let server: PageServer;
  let host: string;
  let tab: Page;

  beforeAll(async () => {
    server = await servePages({ pages: { mastodon: MASTODON } });
    host = new URL(server.origin).host; // 127.0.0.1:<port>
    ({ firefox, panel } = await launchFirefoxWithPanel());
    await panel.activeWorkspace();
    tab = await firefox.browser.newPage();
    await tab.goto(`${server.origin}/page/mastodon`, { waitUntil: 'load' });
  });
  afterAll(async () => {
    await firefox?.dispose();
    await server?.close();
  });

  const registered = () => panel.page.evaluate(() => chrome.scripting.getRegisteredContentScripts());
  const postBars = () =>
    tab.evaluate(() =>
      new Promise((done) => requestIdleCallback(() => setTimeout(done, 500))).then(() => document.querySelectorAll('cadence-post-actions').length),
    );
  const submit = async (form: string, field: string, value: string) => {
    await panel.page.bringToFront();
    await panel.show('Settings');
    const input = await panel.page.waitForSelector(`${form} ${field}`);
    await input!.type(value);
    await panel.page.click(`${form} button[type="submit"]`);
    const alert = await panel.page.waitForSelector(`${form} [role="alert"]`, { timeout: 5000 });
    return alert!.evaluate((element) => element.textContent ?? '');
  };

  it('Settings says plainly that a Mastodon server on a port gets no Clip buttons in Firefox, and what to use instead', async () => {
    await panel.page.bringToFront();
    await panel.show('Settings');
    const shown = await panel.page.waitForSelector('[data-testid="mastodon-servers-firefox"]', { timeout: 5000 });
    const help = await shown!.evaluate((element) => element.textContent ?? '');
    expect(help).toContain('In Firefox, a server whose address has a port (like example.org:8443) cannot get the buttons');
    expect(help).toContain('Alt+Shift+S');
    const said = await submit('form[aria-label="Add a Mastodon server"]', 'input', server.origin);
    expect(said).toBe(
      `Firefox cannot add Clip buttons on ${host}: Firefox’s permissions take no port number. Clip its pages with Alt+Shift+S or the right-click menu’s “Clip page to Cadence” instead.`,
    );
    expect(await registered()).toEqual([]);
    expect(await postBars()).toBe(0);
  });

  it('connecting a Mastodon account on a port says the same, in plain words', async () => {
    const said = await submit('form[aria-labelledby="masto-new-title"]', 'input', server.origin);
    expect(said).toBe(
      `Firefox cannot let Cadence reach ${host}: Firefox’s permissions take no port number, so a server on a port works with Cadence in Chrome only.`,
    );
  });

  it('the way Settings names instead works: Alt+Shift+S clips the Mastodon page on that port', async () => {
    await tab.bringToFront();
    await firefox.pressShortcut(0); // clip-page
    const clip = await panel.waitForClipRow((row) => row.url === 'https://fosstodon.org/@kev/112594876543210987', 'of the Mastodon status', {
      timeoutMs: 15_000,
    });
    // Clipped as the page it is (the post's own extractor is the site script's, which needs the grant).
    expect(clip).toMatchObject({ kind: 'article', title: expect.stringContaining('Kev Quirk') });
  });

  it('identity.getRedirectURL() is the add-on id’s own allizom.org address, and browser.storage is not used at all', async () => {
    const answer = await panel.page.evaluate(() => {
      const api = (globalThis as unknown as { browser: { identity: { getRedirectURL(): string }; storage?: unknown } }).browser;
      return { redirect: api.identity.getRedirectURL(), hasStorage: api.storage !== undefined };
    });
    expect(answer.redirect).toBe(`https://${createHash('sha1').update(ADDON_ID).digest('hex')}.extensions.allizom.org/`);
    expect(answer.hasStorage).toBe(false);
  });

  it('with no error in the background or the panel', async () => {
    expect(await firefox.extensionErrors()).toEqual([]);
  });
});
