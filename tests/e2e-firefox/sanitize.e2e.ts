import { resolve } from 'node:path';
import { build } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clip } from '@/lib/model';
import type { SanitizerKind } from '@/lib/capture/sanitize';
import { servePages, type PageServer } from '../harness/corpus-server';
import type { LaunchedFirefox } from '../harness/firefox';
import { EXECUTABLE, XSS_PAYLOADS } from '../unit/capture/xss-payloads';
import { SidePanel } from '../e2e/pages/side-panel';
import { launchFirefoxWithPanel } from './support/launch';

/**
 * Issue 21: the sanitizers in Firefox's own engine (Gecko parses and serialises markup its own way).
 * - A hostile page clipped with the shortcut is stored clean: the background cleans the article in
 *   its own document (no offscreen document in Firefox).
 * - Markup is sanitized again right before the reader renders it: a clip whose stored HTML is
 *   hostile (written behind the product's back) opens in the reader with nothing of it live.
 * - lib/capture/sanitize.ts in a Firefox page: DOMPurify, which is what Firefox gets where the HTML
 *   Sanitizer API is absent (ESR 140, the oldest Firefox the build accepts, has none), and the
 *   browser's own where this Firefox has it; a page without `setHTML` gets DOMPurify.
 */
const paragraph = (n: number) =>
  `<p>Paragraph ${n} of a long report on the harbour council's budget, with enough words in it that a reader view would offer to show it, and then some more words so Readability counts it as content worth keeping for the article body.</p>`;
const TITLE = 'Harbour council budget, hostile edition';
// The page's first script counts its own alerts (so its payloads cannot block it) and swaps the
// browser's sanitizer for pass-throughs: nothing in the page may clean the article for Cadence.
const HOSTILE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${TITLE}</title>
<script>window.alert = () => { document.documentElement.dataset.alerts = String(Number(document.documentElement.dataset.alerts ?? 0) + 1); };
Element.prototype.setHTML = function setHTML(html) { this.innerHTML = html; };
Document.parseHTML = function parseHTML(html) { return new DOMParser().parseFromString(html, 'text/html'); };</script>
</head><body><article>
<h1>Harbour council budget</h1>
${paragraph(1)}<script>window.__pageScriptRan = true</script>
<p>Read <a href="javascript:alert(4)">the bad link</a> and see <img src="x" onerror="alert(5)"> and
<iframe src="javascript:alert(6)"></iframe><svg onload="alert(7)"><circle r="1"/></svg>
<a href="http://127.0.0.1:9/ok" onclick="alert(8)">a fine link</a>.</p>
${[2, 3, 4, 5, 6, 7, 8].map(paragraph).join('\n')}
<form action="javascript:alert(9)"><button formaction="javascript:alert(10)">Go</button></form>
</article></body></html>`;
const PLAIN = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plain</title></head><body><p>A page.</p></body></html>';
// Firefox before the HTML Sanitizer API: no setHTML, no Document.parseHTML.
const NO_SANITIZER_API = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Older</title><script>
delete Element.prototype.setHTML; delete ShadowRoot.prototype.setHTML; delete Document.parseHTML;</script></head><body><p>A page.</p></body></html>`;
// Stored as is (behind the product's back) to prove the reader's own pass.
const RAW_HOSTILE = [
  '<p>The stored article.</p>',
  '<img src="x" onerror="window.__pwned=1" alt="beans">',
  '<p><a href="javascript:window.__pwned=1">a javascript link</a></p>',
  '<svg onload="window.__pwned=1"><circle r="4"></circle></svg>',
  '<details open ontoggle="window.__pwned=1"><summary>Harvest notes</summary>Picked in March.</details>',
  '<iframe srcdoc="&lt;script&gt;parent.__pwned=1&lt;/script&gt;"></iframe>',
  '<form action="javascript:1"><button>Go</button></form><script>window.__pwned=1</script>',
].join('');

/** What the rendered or stored markup holds that must never be there. */
const LIVE = /<(?:script|iframe|svg|form|button|object|embed|style|base|meta|link)\b|\son[a-z]+\s*=|javascript:/i;

type Api = typeof import('../e2e/support/sanitize-entry');
interface PayloadRun {
  kind: SanitizerKind;
  results: { out: string; again: string; forbidden: string[] }[];
}

let bundled: Promise<string> | undefined;
/** tests/e2e/support/sanitize-entry.ts as a script that sets `cadenceSanitize` (rolldown, IIFE). */
function sanitizeBundle(): Promise<string> {
  bundled ??= build({
    input: resolve('tests/e2e/support/sanitize-entry.ts'),
    write: false,
    logLevel: 'silent',
    output: { format: 'iife', name: 'cadenceSanitize' },
  }).then((result) => {
    const chunk = result.output.find((file) => file.type === 'chunk');
    if (!chunk || chunk.type !== 'chunk') throw new Error('rolldown produced no bundle for the sanitizer');
    return chunk.code;
  });
  return bundled;
}

/** Runs in the page: every payload through `sanitizeHtml` with `kind` (the window's choice if null). */
function sanitizeInPage(payloads: string[], kind: SanitizerKind | null): PayloadRun {
  const api = (globalThis as unknown as { cadenceSanitize: Api }).cadenceSanitize;
  const use = kind ?? undefined;
  const results = payloads.map((payload) => {
    const out = api.sanitizeHtml(payload, window, use);
    return { out, again: api.sanitizeHtml(out, window, use), forbidden: api.forbiddenIn(out) };
  });
  return { kind: kind ?? api.sanitizerKind(window), results };
}

/** One line per payload that broke an invariant: empty when all is well. */
function problemsOf(run: PayloadRun): string[] {
  return run.results.flatMap(({ out, again, forbidden }, index) => {
    const [payload, text] = XSS_PAYLOADS[index]!;
    return [
      ...forbidden.map((found) => `holds ${found}`),
      ...EXECUTABLE.filter((pattern) => pattern.test(out)).map((pattern) => `matches ${pattern}`),
      ...(out.includes(text) ? [] : [`lost "${text}"`]),
      ...(again === out ? [] : [`not a fixed point: ${again}`]),
    ].map((problem) => `${payload} → ${out}: ${problem}`);
  });
}

describe('sanitizing captured markup in Firefox', () => {
  let firefox: LaunchedFirefox;
  let panel: SidePanel;
  let server: PageServer;

  beforeAll(async () => {
    server = await servePages({ pages: { hostile: HOSTILE_PAGE, plain: PLAIN, older: NO_SANITIZER_API } });
    ({ firefox, panel } = await launchFirefoxWithPanel());
    await panel.activeWorkspace();
  });
  afterAll(async () => {
    await firefox?.dispose();
    await server?.close();
  });

  it('a hostile page clipped with the shortcut is stored without anything that could run', async () => {
    const url = `${server.origin}/page/hostile`;
    const tab = await firefox.browser.newPage();
    // The iframe's javascript: URL runs in its own window, whose alert is Firefox's real prompt: dismissed.
    tab.on('dialog', (dialog) => void dialog.dismiss().catch(() => undefined));
    await tab.goto(url, { waitUntil: 'domcontentloaded' });
    await tab.waitForFunction(() => document.readyState === 'complete', { timeout: 10_000 });
    // The payloads are live: in the page itself they ran.
    expect(await tab.evaluate(() => Number(document.documentElement.dataset.alerts ?? 0))).toBeGreaterThan(0);
    await tab.bringToFront();
    await firefox.pressShortcut(0); // clip-page
    const clip = await panel.waitForClipRow((row) => row.sourceUrl === url, 'of the hostile page', { timeoutMs: 15_000 });
    expect(clip.kind).toBe('article');
    expect(clip.html).toContain('Paragraph 8');
    expect(clip.html).toContain('a fine link');
    expect(clip.html).not.toMatch(LIVE);
    await tab.close();
  });

  it('the reader sanitizes stored markup again before it renders it', async () => {
    const [clip] = ((await panel.readAll('clips')) as Clip[]).filter((row) => row.title === TITLE);
    // As if an older version or a restored backup had stored the markup raw.
    await panel.putRows('clips', [{ ...clip!, html: RAW_HOSTILE }]);
    // A fresh panel page reads it (the open one was not told of a write made behind its back).
    const fresh = await SidePanel.attach(await firefox.openExtensionPage('/sidepanel.html'));
    await fresh.page.bringToFront();
    await fresh.waitForClip(TITLE);
    await (await fresh.readButton(TITLE))!.click();
    const reader = await fresh.reader();
    expect(reader.text).toContain('The stored article.');
    expect(reader.text).toContain('Picked in March.');
    const rendered = await fresh.page.$eval('[data-testid="reader-body"]', (body) => body.innerHTML);
    expect(rendered).not.toMatch(LIVE);
    expect(rendered).toContain('a javascript link');
    await new Promise((done) => setTimeout(done, 300));
    expect(await fresh.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('in a Firefox page, DOMPurify (and the browser’s own sanitizer where it has one) neutralises every payload', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(`${server.origin}/page/plain`, { waitUntil: 'load' });
    await page.evaluate(await sanitizeBundle());
    const payloads = XSS_PAYLOADS.map(([payload]) => payload);
    const hasSanitizerApi = await page.evaluate(() => typeof (Element.prototype as { setHTML?: unknown }).setHTML === 'function');
    const chosen = await page.evaluate(sanitizeInPage, payloads, null);
    expect(chosen.kind).toBe(hasSanitizerApi ? 'native' : 'dompurify');
    console.log(
      `[e2e-firefox] Firefox ${await firefox.browser.version()}: HTML Sanitizer API ${hasSanitizerApi ? 'present' : 'absent'}, sanitizer chosen: ${chosen.kind}`,
    );
    expect(problemsOf(chosen), chosen.kind).toEqual([]);
    expect(problemsOf(await page.evaluate(sanitizeInPage, payloads, 'dompurify' as SanitizerKind)), 'dompurify').toEqual([]);
    await page.close();
  });

  it('a Firefox page without the HTML Sanitizer API gets DOMPurify, and it holds', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(`${server.origin}/page/older`, { waitUntil: 'load' });
    expect(await page.evaluate(() => typeof (Element.prototype as { setHTML?: unknown }).setHTML)).toBe('undefined');
    await page.evaluate(await sanitizeBundle());
    const run = await page.evaluate(
      sanitizeInPage,
      XSS_PAYLOADS.map(([payload]) => payload),
      null,
    );
    expect(run.kind).toBe('dompurify');
    expect(problemsOf(run)).toEqual([]);
    await page.close();
  });

  it('with no error in the background or the panel', async () => {
    expect(await firefox.extensionErrors()).toEqual([]);
  });
});
