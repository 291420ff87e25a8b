import { resolve } from 'node:path';
import type { CDPSession, Page } from 'puppeteer-core';
import { build } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SanitizerKind } from '@/lib/capture/sanitize';
import { servePages, type PageServer } from '../harness/corpus-server';
import { EXECUTABLE, XSS_PAYLOADS } from '../unit/capture/xss-payloads';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

/**
 * The two sanitizers in real Chromium, which has the HTML Sanitizer API:
 * - lib/capture/clean-article.ts, which cleans the article markup the page read, as the offscreen
 *   document runs it: the shared XSS list and trees only script can build, with what it keeps
 *   checked by both string sanitizers (they must find nothing to remove);
 * - lib/capture/sanitize.ts, the string sanitizer run where captured HTML is rendered: the XSS list
 *   through the browser's own sanitizer and through DOMPurify, and pages that plant their own
 *   `setHTML` / `Document.parseHTML` (it picks DOMPurify there, in the page's world, and does not
 *   even see them in an isolated world).
 * The modules are bundled (tests/e2e/support/sanitize-entry.ts) and evaluated in the page.
 */

const PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plain</title></head><body><p>A page.</p></body></html>';
const hostile = (script: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile</title><script>${script}</script></head><body><p>A page.</p></body></html>`;
// Pass-throughs under the native names: markup goes in as is.
const PASS_THROUGH = hostile(`
  Document.parseHTML = function parseHTML(html) { return new DOMParser().parseFromString(html, 'text/html'); };
  Element.prototype.setHTML = function setHTML(html) { this.innerHTML = html; };`);
// Answers like the browser's own (so it passes any probe) until armed, then passes markup through:
// only the check that setHTML is the browser's function stands between it and the output.
const SLEEPER = hostile(`
  const realSetHTML = Element.prototype.setHTML;
  window.armed = false;
  Element.prototype.setHTML = function setHTML(html, options) { if (window.armed) this.innerHTML = html; else realSetHTML.call(this, html, options); };
  Document.parseHTML = function parseHTML(html) { return new DOMParser().parseFromString(html, 'text/html'); };`);

interface Sanitized {
  out: string;
  again: string;
  /** What an inert parse of the output holds that the invariants forbid. */
  forbidden: string[];
}
interface PayloadRun {
  kind: SanitizerKind;
  results: Sanitized[];
}

type Api = typeof import('./support/sanitize-entry');

/** Runs in the page: every payload through `sanitizeHtml` with `kind` (the window's choice if null), and what the output holds. */
function sanitizeInPage(payloads: string[], kind: SanitizerKind | null, arm: boolean): PayloadRun {
  const api = (globalThis as unknown as { cadenceSanitize: Api }).cadenceSanitize;
  const chosen = api.sanitizerKind(window);
  if (arm) (window as unknown as { armed: boolean }).armed = true;
  const use = kind ?? undefined;
  const results = payloads.map((payload) => {
    const out = api.sanitizeHtml(payload, window, use);
    return { out, again: api.sanitizeHtml(out, window, use), forbidden: api.forbiddenIn(out) };
  });
  return { kind: kind ?? chosen, results };
}

/** Problems with a run, one line per payload that broke an invariant: empty when all is well. */
function problemsOf(run: PayloadRun): string[] {
  return run.results.flatMap(({ out, again, forbidden }, index) => {
    const [payload, text] = XSS_PAYLOADS[index]!;
    const problems = [
      ...forbidden.map((found) => `holds ${found}`),
      ...EXECUTABLE.filter((pattern) => pattern.test(out)).map((pattern) => `matches ${pattern}`),
      ...(out.includes(text) ? [] : [`lost "${text}"`]),
      ...(again === out ? [] : [`not a fixed point: ${again}`]),
    ];
    return problems.map((problem) => `${payload} → ${out}: ${problem}`);
  });
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

/** The bundle and one call of `sanitizeInPage` in a world of the page: its own, or a new isolated one. */
async function runIn(page: Page, world: 'page' | 'isolated', kind: SanitizerKind | null, arm = false): Promise<PayloadRun> {
  const payloads = XSS_PAYLOADS.map(([payload]) => payload);
  if (world === 'page') {
    await page.evaluate(await sanitizeBundle());
    return page.evaluate(sanitizeInPage, payloads, kind, arm);
  }
  const session: CDPSession = await page.createCDPSession();
  try {
    const { frameTree } = await session.send('Page.getFrameTree');
    const { executionContextId: contextId } = await session.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'cadence-sanitize-test',
    });
    const evaluate = async (expression: string) => {
      const { result, exceptionDetails } = await session.send('Runtime.evaluate', { expression, contextId, returnByValue: true });
      if (exceptionDetails) throw new Error(`in the isolated world: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value as unknown;
    };
    await evaluate(await sanitizeBundle());
    // The page's `armed` flag lives in its own world; in this one the page's setHTML is not even visible.
    return (await evaluate(`(${sanitizeInPage.toString()})(${JSON.stringify(payloads)}, ${JSON.stringify(kind)}, false)`)) as PayloadRun;
  } finally {
    await session.detach();
  }
}

interface Cleaned {
  html: string;
  text: string;
  forbidden: string[];
  /** Each string sanitizer gives back exactly what the parser reads from `html`: it finds nothing to remove. */
  isCleanFor: { native: boolean; dompurify: boolean };
}

/** Runs in the page: each payload parsed into an inert document and cleaned, as the offscreen document does; then trees only script builds. */
function cleanInPage(payloads: string[]): Cleaned[] {
  const api = (globalThis as unknown as { cadenceSanitize: Api }).cadenceSanitize;
  const check = (root: Element | string): Cleaned => {
    const { html, text } = typeof root === 'string' ? api.cleanArticleMarkup(root, document) : api.cleanArticle(root);
    const expected = api.reparsed(html);
    const isCleanFor = { native: api.sanitizeHtml(html, window, 'native') === expected, dompurify: api.sanitizeHtml(html, window, 'dompurify') === expected };
    return { html, text, forbidden: api.forbiddenIn(html), isCleanFor };
  };
  const inert = () => document.implementation.createHTMLDocument('').createElement('div');
  // As the product cleans: the markup parsed into an inert document (lib/capture/clean-article.ts cleanArticleMarkup).
  const results = payloads.map((payload) => check(payload));
  // What only script builds: a comment that closes early, a namespaced href, foreign and upper-case
  // elements, a <p> holding an <h2>, and a tree deeper than any call stack.
  const built = inert();
  const owner = built.ownerDocument;
  built.append(owner.createComment('--><img src=x onerror=alert(1)>'));
  const link = built.appendChild(owner.createElement('a'));
  link.setAttributeNS('urn:evil', 'href', 'javascript:alert(1)');
  link.setAttribute('title', '</noscript><img src=x onerror=alert(1)>');
  link.textContent = 'built';
  built.appendChild(owner.createElementNS('http://www.w3.org/2000/svg', 'a')).setAttribute('href', 'javascript:alert(1)');
  built.appendChild(owner.createElementNS('http://www.w3.org/1999/xhtml', 'SCRIPT')).textContent = 'alert(1)';
  built.appendChild(owner.createElement('p')).appendChild(owner.createElement('h2')).textContent = 'heading';
  results.push(check(built));
  return results;
}

/**
 * Runs in the page: a tree deeper than any call stack (the parser stops at 512; script does not),
 * with text at level 100 and at the bottom, cleaned; how long that took.
 */
function cleanDeepTreeInPage(depth: number): { text: string; ms: number } {
  const api = (globalThis as unknown as { cadenceSanitize: Api }).cadenceSanitize;
  const root = document.implementation.createHTMLDocument('').createElement('div');
  let deepest: Element = root;
  for (let level = 1; level <= depth; level++) {
    deepest = deepest.appendChild(root.ownerDocument.createElement(level % 2 ? 'x-wrap' : 'span'));
    if (level === 100) deepest.append('shallow');
  }
  deepest.textContent = 'deep';
  const started = performance.now();
  const { text } = api.cleanArticle(root);
  return { text, ms: performance.now() - started };
}

describe('the article cleaner in Chromium', () => {
  let ext: ExtensionBrowser;
  let server: PageServer;

  beforeAll(async () => {
    server = await servePages({ pages: { plain: PAGE } });
    ext = await launchWithExtension();
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('neutralises every payload and every tree only script builds, leaving the string sanitizers nothing to remove', async () => {
    const page = await ext.browser.newPage();
    await page.goto(`${server.origin}/page/plain`, { waitUntil: 'load' });
    await page.evaluate(await sanitizeBundle());
    const results = await page.evaluate(
      cleanInPage,
      XSS_PAYLOADS.map(([payload]) => payload),
    );
    const problems = results.flatMap(({ html, text, forbidden, isCleanFor }, index) => {
      const [payload, kept] = XSS_PAYLOADS[index] ?? ['(built by script)', 'built'];
      return [
        ...forbidden.map((found) => `holds ${found}`),
        ...EXECUTABLE.filter((pattern) => pattern.test(html)).map((pattern) => `matches ${pattern}`),
        ...(html.includes(kept) && text.includes(kept) ? [] : [`lost "${kept}"`]),
        ...(isCleanFor.native ? [] : ['the browser’s sanitizer removed something']),
        ...(isCleanFor.dompurify ? [] : ['DOMPurify removed something']),
      ].map((problem) => `${payload} → ${html.slice(0, 200)}: ${problem}`);
    });
    expect(problems).toEqual([]);
    expect(results.at(-1)!.text).toContain('heading');
    // What is nested deeper than the parser ever nests goes, with its text, in a walk that does not
    // grow with depth squared (a minute here before; no timing target, only a sanity bound).
    const deep = await page.evaluate(cleanDeepTreeInPage, 20_000);
    expect(deep.text).toBe('shallow');
    expect(deep.ms).toBeLessThan(5_000);
    await page.close();
  });
});

describe('the string sanitizer in Chromium', () => {
  let ext: ExtensionBrowser;
  let server: PageServer;

  beforeAll(async () => {
    server = await servePages({ pages: { plain: PAGE, 'pass-through': PASS_THROUGH, sleeper: SLEEPER } });
    ext = await launchWithExtension();
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  const open = async (name: string) => {
    const page = await ext.browser.newPage();
    await page.goto(`${server.origin}/page/${name}`, { waitUntil: 'load' });
    return page;
  };

  it('chooses the browser’s own sanitizer here, and both it and DOMPurify neutralise every payload to a fixed point', async () => {
    const page = await open('plain');
    const chosen = await runIn(page, 'page', null);
    expect(chosen.kind).toBe('native');
    for (const kind of ['native', 'dompurify'] as const) {
      const run = await runIn(page, 'page', kind);
      expect(problemsOf(run), kind).toEqual([]);
    }
    await page.close();
  });

  it('a page that swaps in pass-through setHTML and Document.parseHTML gets DOMPurify, not its markup back', async () => {
    const page = await open('pass-through');
    // The overrides are live in the page's world: they would pass a script through untouched.
    expect(
      await page.evaluate(() => (Document as unknown as { parseHTML(html: string): Document }).parseHTML('<img src=x onerror=alert(1)>').body.innerHTML),
    ).toBe('<img src="x" onerror="alert(1)">');
    const run = await runIn(page, 'page', null);
    expect(run.kind).toBe('dompurify');
    expect(problemsOf(run)).toEqual([]);
    await page.close();
  });

  it('a page whose setHTML behaves for the probe and then passes markup through is caught by the native-function check', async () => {
    const page = await open('sleeper');
    const run = await runIn(page, 'page', null, true);
    expect(run.kind).toBe('dompurify');
    expect(problemsOf(run)).toEqual([]);
    await page.close();
  });

  it('in an isolated world, as content scripts run, the page’s overrides do not reach the sanitizer at all', async () => {
    for (const name of ['pass-through', 'sleeper']) {
      const page = await open(name);
      const run = await runIn(page, 'isolated', null);
      expect(run.kind, name).toBe('native');
      expect(problemsOf(run), name).toEqual([]);
      await page.close();
    }
  });
});
