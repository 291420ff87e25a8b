import createDOMPurify, { type Config, type DOMPurify, type WindowLike } from 'dompurify';
import { AppError } from '../errors';

/**
 * The only module of Cadence that turns untrusted markup into markup we keep (STYLE.md, Capture).
 * Invariants:
 * - output never holds script, event handlers, `javascript:`/`vbscript:` URLs, `data:` URLs other
 *   than raster images, frames, forms, styles, or SVG/MathML;
 * - the purifier is built for the window it is given (the page's, or happy-dom's under vitest), and
 *   refuses to run if a probe shows that window's DOM fools it (fail closed, never pass through);
 * - output is a fixed point: sanitizing it again changes nothing. In browsers one pass gets there;
 *   DOMs whose NodeIterator skips nodes moved during a walk (happy-dom) need a second pass.
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

const purifiers = new WeakMap<object, DOMPurify>();

function purifierFor(win: SanitizerWindow): DOMPurify {
  const cached = purifiers.get(win);
  if (cached) return cached;
  const purify = createDOMPurify(win);
  purify.addHook('afterSanitizeAttributes', (node) => {
    for (const name of URL_ATTRIBUTES) {
      const value = node.getAttribute(name)?.trim();
      if (value && /^data:/i.test(value) && !SAFE_DATA_IMAGE.test(value)) node.removeAttribute(name);
    }
  });
  if (!purify.isSupported || probe(purify) !== PROBE_EXPECTED) {
    throw new AppError('internal', 'The HTML sanitizer cannot run safely in this window.');
  }
  purifiers.set(win, purify);
  return purify;
}

function probe(purify: DOMPurify): string | null {
  try {
    return toFixedPoint(purify, PROBE);
  } catch {
    return null; // A purifier that does not settle on the probe is as unusable as one that lets it through.
  }
}

const MAX_PASSES = 4;

function toFixedPoint(purify: DOMPurify, dirty: string | Node): string {
  let out = purify.sanitize(dirty, CONFIG);
  for (let pass = 1; pass < MAX_PASSES; pass += 1) {
    const again = purify.sanitize(out, CONFIG);
    if (again === out) return out;
    out = again;
  }
  throw new AppError('internal', 'The HTML sanitizer did not settle on this markup.');
}

/** Safe HTML from untrusted markup or a node (a node is copied, never changed). */
export function sanitizeHtml(dirty: string | Node, win: SanitizerWindow): string {
  return toFixedPoint(purifierFor(win), dirty);
}
