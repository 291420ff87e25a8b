import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusExpectation, servePages, type PageServer } from '../harness/corpus-server';
import type { LaunchedFirefox } from '../harness/firefox';
import type { SidePanel } from '../e2e/pages/side-panel';
import { launchFirefoxWithPanel } from './support/launch';

/**
 * Issue 21: the clip shortcut in Firefox, through the real command path. The build users load (no
 * host permissions): the shortcut's own activeTab grant is what lets the capture script in, then
 * the background cleans the article in its own document (no offscreen document in Firefox).
 */
const NAME = 'ars-1';

describe('clipping a served corpus page with the shortcut in Firefox', () => {
  let firefox: LaunchedFirefox;
  let panel: SidePanel;
  let server: PageServer;

  beforeAll(async () => {
    server = await servePages();
    ({ firefox, panel } = await launchFirefoxWithPanel());
    await panel.activeWorkspace();
  });
  afterAll(async () => {
    await firefox?.dispose();
    await server?.close();
  });

  it('Alt+Shift+S on the article stores its title, byline and text, and the panel shows it', async () => {
    const expected = corpusExpectation(NAME);
    const tab = await firefox.browser.newPage();
    await tab.goto(`${server.origin}/corpus/${NAME}/?utm_source=newsletter&keep=1`, { waitUntil: 'load' });
    await tab.bringToFront();
    await firefox.pressShortcut(0); // clip-page
    const clip = await panel.waitForClipRow((row) => row.title === expected.title, `titled "${expected.title}"`, { timeoutMs: 15_000 });
    expect(clip).toMatchObject({ kind: 'article', byline: expected.byline, excerpt: expected.excerpt, warnings: [] });
    expect(clip.url).toBe('https://arstechnica.com/information-technology/2015/04/just-released-minecraft-exploit-makes-it-easy-to-crash-game-servers/');
    expect(clip.text.length).toBeGreaterThan(1000);
    await panel.page.bringToFront();
    await panel.waitForClip(expected.title!);
  });

  it('with no error in the background or the panel', async () => {
    expect(await firefox.extensionErrors()).toEqual([]);
  });
});
