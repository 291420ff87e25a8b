import createDOMPurify, { type Config, type DOMPurify, type WindowLike } from 'dompurify';

/**
 * The only module of Cadence that turns untrusted markup into markup we keep (STYLE.md, Capture).
 * Invariants:
 * - output never holds script, event handlers, `javascript:`/`vbscript:` URLs, `data:` URLs other
 *   than raster images, frames, forms, styles, or SVG/MathML;
 * - the purifier is built for the window it is given (the page's, or happy-dom's under vitest), and
 *   refuses to run if a probe shows that window's DOM fools it (fail closed, never pass through);
 * - output is a fixed point: sanitizing it again changes nothing. One pass gets there because what
 *   DOMPurify cleans is always markup, a node being serialized first: the tree it checks is the one
 *   the HTML parser makes of the markup, which is what a reader of the output gets too. A node given
 *   as is would not hold it: Readability builds trees by script (an <h2> moved into a <p>) that the
 *   parser restructures when it reads them back, so a second pass changed such output (tests/unit
 *   and bench/capture-speed.ts check the fixed point over the corpus).
 * - nothing here imports zod or lib/errors: this module is injected into pages in /capture.js,
 *   where every byte is evaluated on each clip; the caller turns a thrown error into a link clip.
 */
export type SanitizerWindow = WindowLike;

const CONFIG: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'option', 'iframe', 'frame', 'object', 'embed', 'base', 'link', 'meta', 'svg', 'math'],
  FORBID_ATTR: ['style', 'srcdoc', 'formaction', 'action', 'ping'],
};

// Pixels only: an SVG or HTML data URL can carry script when opened on its own.
const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|avif);/i;
const URL_ATTRIBUTES = ['href', 'src', 'xlink:href', 'poster', 'cite', 'background'];

const PROBE = '<a href="javascript:alert(1)" onclick="x"><b>ok</b></a><form><button formaction="javascript:z">b</button></form><img src="x" onerror="y">';
const PROBE_EXPECTED = '<a><b>ok</b></a>b<img src="x">';

/** The window's DOM would let markup through unchecked: nothing is sanitized with it. */
export class UnsafeSanitizerError extends Error {
  constructor() {
    super('The HTML sanitizer cannot run safely in this window.');
    this.name = 'UnsafeSanitizerError';
  }
}

const purifiers = new WeakMap<object, DOMPurify>();

function purifierFor(win: SanitizerWindow): DOMPurify {
  const cached = purifiers.get(win);
  if (cached) return cached;
  const purify = createDOMPurify(win);
  // Parsed once here rather than on every sanitize() call (DOMPurify rebuilds its allow-lists per call otherwise).
  purify.setConfig(CONFIG);
  // After DOMPurify's own checks, on what it kept: an uponSanitizeAttribute hook would make it copy
  // its allow-list for every element.
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (!node.hasAttributes()) return;
    for (const name of URL_ATTRIBUTES) {
      const value = node.getAttribute(name)?.trim();
      if (value && /^data:/i.test(value) && !SAFE_DATA_IMAGE.test(value)) node.removeAttribute(name);
    }
  });
  if (!purify.isSupported || !isSafe(purify)) throw new UnsafeSanitizerError();
  purifiers.set(win, purify);
  return purify;
}

function isSafe(purify: DOMPurify): boolean {
  try {
    const out = purify.sanitize(PROBE);
    return out === PROBE_EXPECTED && purify.sanitize(out) === out;
  } catch {
    return false; // A purifier that throws on the probe is as unusable as one that lets it through.
  }
}

/** Safe HTML from untrusted markup or an element (an element is serialized, never changed). */
export function sanitizeHtml(dirty: string | Element, win: SanitizerWindow): string {
  return purifierFor(win).sanitize(typeof dirty === 'string' ? dirty : dirty.outerHTML);
}
