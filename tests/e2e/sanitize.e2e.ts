import { resolve } from 'node:path';
import type { CDPSession, Page } from 'puppeteer-core';
import { build } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SanitizerKind } from '@/lib/capture/sanitize';
import { servePages, type PageServer } from '../harness/corpus-server';
import { EXECUTABLE, XSS_PAYLOADS } from '../unit/capture/xss-payloads';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

/**
 * lib/capture/sanitize.ts in real Chromium, which has the HTML Sanitizer API: the shared XSS list
 * through the browser's own sanitizer and through DOMPurify, and pages that plant their own
 * `setHTML` / `Document.parseHTML`. The module is bundled on its own and evaluated either in the
 * page's world (where a page's script reaches it) or in an isolated world, as /capture.js runs.
 */

const PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plain</title></head><body><p>A page.</p></body></html>';
const hostile = (script: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile</title><script>${script}</script></head><body><p>A page.</p></body></html>`;
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

/** Runs in the page: every payload through `sanitizeHtml` with `kind` (the window's choice if null), and what the output holds. */
function sanitizeInPage(payloads: string[], kind: SanitizerKind | null, arm: boolean): PayloadRun {
  type Api = { sanitizeHtml(dirty: string, win: Window, kind?: SanitizerKind): string; sanitizerKind(win: Window): SanitizerKind };
  const api = (globalThis as unknown as { cadenceSanitize: Api }).cadenceSanitize;
  const chosen = api.sanitizerKind(window);
  if (arm) (window as unknown as { armed: boolean }).armed = true;
  const use = kind ?? undefined;
  const forbiddenIn = (html: string): string[] => {
    const body = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html').body;
    const found = [...body.querySelectorAll('script, style, iframe, frame, frameset, fencedframe, object, embed, form, input, button, textarea, select, option, base, link, meta, svg, math, noscript')].map((element) => `<${element.localName}>`);
    for (const element of body.querySelectorAll('*')) {
      for (const { name, value } of element.attributes) {
        const url = value.replace(/[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g, '').toLowerCase();
        if (/^on|^(?:style|srcdoc|formaction|action|ping)$/.test(name)) found.push(`${name}=`);
        else if (/^(?:javascript|vbscript):/.test(url) || (url.startsWith('data:') && !/^data:image\/(?:png|gif|jpe?g|webp|avif);/.test(url))) found.push(`${name}=${value}`);
      }
    }
    return found;
  };
  const results = payloads.map((payload) => {
    const out = api.sanitizeHtml(payload, window, use);
    return { out, again: api.sanitizeHtml(out, window, use), forbidden: forbiddenIn(out) };
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
/** lib/capture/sanitize.ts alone as a script that sets `cadenceSanitize` (rolldown, IIFE). */
function sanitizeBundle(): Promise<string> {
  bundled ??= build({ input: resolve('lib/capture/sanitize.ts'), write: false, logLevel: 'silent', output: { format: 'iife', name: 'cadenceSanitize' } }).then((result) => {
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
    const { executionContextId: contextId } = await session.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'cadence-sanitize-test' });
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

describe('the capture sanitizer in Chromium', () => {
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
    expect(await page.evaluate(() => (Document as unknown as { parseHTML(html: string): Document }).parseHTML('<img src=x onerror=alert(1)>').body.innerHTML)).toBe('<img src="x" onerror="alert(1)">');
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

  it('in an isolated world, where /capture.js runs, the page’s overrides do not reach the sanitizer at all', async () => {
    for (const name of ['pass-through', 'sleeper']) {
      const page = await open(name);
      const run = await runIn(page, 'isolated', null);
      expect(run.kind, name).toBe('native');
      expect(problemsOf(run), name).toEqual([]);
      await page.close();
    }
  });
});
