import createDOMPurify, { type Config, type WindowLike } from 'dompurify';
import { compactUrl, isAllowedScheme, isSrcsetAllowed, SAFE_DATA_IMAGE } from './url-rules';

/**
 * The string sanitizer: untrusted markup in, markup safe to render out (STYLE.md, Capture). It runs
 * where captured HTML is shown, on the stored markup, every time. (In the page, Readability's article
 * is cleaned before it is stored by lib/capture/clean-article.ts, a walk over the tree Readability
 * built, to the tags and attributes this sanitizer keeps: it finds nothing left to remove there.)
 * Invariants, whichever sanitizer runs:
 * - output never holds script, event handlers, `javascript:`/`vbscript:` URLs, `data:` URLs other
 *   than raster images, frames, forms, styles, or SVG/MathML;
 * - a sanitizer is used in a window only after a probe shows that window's DOM does not fool it
 *   (fail closed, never pass through): the browser's own (the HTML Sanitizer API's safe
 *   `setHTML`) where it passes, else DOMPurify; a DOMPurify that fails too is an error;
 * - output is a fixed point: sanitizing it again changes nothing. One pass gets there because what
 *   is cleaned is always markup, a node being serialized first: the tree checked is the one the
 *   HTML parser makes of the markup, which is what a reader of the output gets too. A node given
 *   as is would not hold it: Readability builds trees by script (an <h2> moved into a <p>) that the
 *   parser restructures when it reads them back (tests/unit, tests/e2e/sanitize.e2e.ts and
 *   bench/capture-speed.ts check the fixed point);
 * - nothing here imports zod or lib/errors, so it can run in any context; a caller shows the
 *   clip's text when it throws.
 *
 * Why the browser's own first: it parses and filters in one native pass, 2–4× faster than DOMPurify
 * walking the parsed tree in script on short articles and 6–7× on long ones (bench/README.md,
 * Capture), and its configuration cannot switch its floor off: the safe methods always drop
 * script, event handlers and `javascript:` navigation. Our configuration adds the tags and
 * attributes DOMPurify is told to forbid.
 *
 * What a hostile page could do about it, were this run in a page: content scripts run in the extension's
 * isolated world (scripting.executeScript's default; Firefox's content-script Xrays), whose
 * prototypes and globals the page's scripts cannot reach, so a page redefining
 * `Element.prototype.setHTML` or `DOMParser` changes nothing we call. The probe and the check that
 * `setHTML` is a native function matter where that isolation is missing (a bundle evaluated in the
 * page's own world, as the bench and tests/e2e/sanitize.e2e.ts do): a pass-through, or a function
 * that answers the probe right and passes the rest, fails one of them and DOMPurify is used. A page
 * that also fakes `Function.prototype.toString` and the DOM's getters fools both paths there, as it
 * could fool DOMPurify alone before (DOMPurify reads the same window's DOM): no more is claimed.
 */
export type SanitizerWindow = WindowLike;
export type SanitizerKind = 'native' | 'dompurify';

// The tags and attributes Cadence never keeps, for both sanitizers.
const FORBID_TAGS = [
  'style',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'option',
  'iframe',
  'frame',
  'object',
  'embed',
  'base',
  'link',
  'meta',
  'svg',
  'math',
];
const FORBID_ATTR = ['style', 'srcdoc', 'formaction', 'action', 'ping'];

const CONFIG: Config = { USE_PROFILES: { html: true }, FORBID_TAGS, FORBID_ATTR };

// DOMPurify keeps the text of a forbidden element unless the element is one whose content it
// drops (its FORBID_CONTENTS); the native configuration does the same for the forbidden tags whose
// text a reader might want (a page wrapped in a <form>), and drops the rest whole.
const KEEP_CONTENT_OF = ['form', 'button', 'textarea', 'select', 'option'];
// Elements DOMPurify's allow-list drops with their content (or, being frames, that must go) and the
// native safe baseline does not: raw-text and fallback containers, and frames newer than DOMPurify.
const ALSO_DROPPED = ['noscript', 'noembed', 'noframes', 'xmp', 'plaintext', 'title', 'fencedframe', 'portal'];
const NAMESPACED: Record<string, string> = { svg: 'http://www.w3.org/2000/svg', math: 'http://www.w3.org/1998/Math/MathML' };
const NATIVE_CONFIG: SanitizerConfig = {
  // svg and math live in their own namespaces: a bare name would mean an HTML <svg> nobody parses.
  removeElements: [...FORBID_TAGS.filter((tag) => !KEEP_CONTENT_OF.includes(tag)), ...ALSO_DROPPED].map((name) =>
    NAMESPACED[name] ? { name, namespace: NAMESPACED[name] } : name,
  ),
  replaceWithChildrenElements: KEEP_CONTENT_OF,
  removeAttributes: FORBID_ATTR,
  comments: false,
};

const URL_ATTRIBUTES = ['href', 'src', 'xlink:href', 'poster', 'cite', 'background', 'longdesc', 'srcset'];
const URL_ATTRIBUTE_SELECTOR = URL_ATTRIBUTES.map((name) => `[${name.replace(':', '\\:')}]`).join(',');
const URL_ATTRIBUTE_NAMES = new Set(URL_ATTRIBUTES);

const PROBE =
  '<a href="javascript:alert(1)" onclick="x"><b>ok</b></a><form><button formaction="javascript:z">b</button></form><img src="x" onerror="y"><a href="vbscript:v">v</a><img src="data:text/html,d"><svg><a><text>s</text></a></svg><style>p{}</style><p style="c">p</p>';
const PROBE_EXPECTED = '<a><b>ok</b></a>b<img src="x"><a>v</a><img><p>p</p>';

/** The window's DOM would let markup through unchecked: nothing is sanitized with it. */
export class UnsafeSanitizerError extends Error {
  constructor() {
    super('The HTML sanitizer cannot run safely in this window.');
    this.name = 'UnsafeSanitizerError';
  }
}

type Sanitize = (markup: string) => string;
const chosen = new WeakMap<object, { kind: SanitizerKind; sanitize: Sanitize }>();

/** Safe HTML from untrusted markup. */
export function sanitizeHtml(dirty: string, win: SanitizerWindow, kind?: SanitizerKind): string {
  const sanitize = kind ? sanitizerOfKind(win, kind) : chosenSanitizer(win).sanitize;
  return sanitize(dirty);
}

/** Which sanitizer `sanitizeHtml` uses in `win`: the browser's own if it passes the probe, else DOMPurify. */
export function sanitizerKind(win: SanitizerWindow): SanitizerKind {
  return chosenSanitizer(win).kind;
}

function chosenSanitizer(win: SanitizerWindow): { kind: SanitizerKind; sanitize: Sanitize } {
  let found = chosen.get(win);
  if (!found) {
    const native = nativeSanitizer(win);
    found = native ? { kind: 'native', sanitize: native } : { kind: 'dompurify', sanitize: purifierFor(win) };
    chosen.set(win, found);
  }
  return found;
}

/** One path on demand, for tests and the bench comparing them; a path that fails its probe throws. */
function sanitizerOfKind(win: SanitizerWindow, kind: SanitizerKind): Sanitize {
  if (kind === 'dompurify') return purifierFor(win);
  const native = nativeSanitizer(win);
  if (!native) throw new UnsafeSanitizerError();
  return native;
}

function passesProbe(sanitize: Sanitize): boolean {
  try {
    const out = sanitize(PROBE);
    return out === PROBE_EXPECTED && sanitize(out) === out;
  } catch {
    return false; // A sanitizer that throws on the probe is as unusable as one that lets it through.
  }
}

type SetHtml = (this: Element, html: string, options: { sanitizer: SanitizerConfig }) => void;
const natives = new WeakMap<object, Sanitize | null>();

/**
 * The browser's own sanitizer in `win`, or null where it is missing, is not the browser's own
 * function, or fails the probe. Markup is parsed into an element of an inert document (no
 * browsing context: nothing loads, nothing runs), a new one per call so no article outlives it.
 */
function nativeSanitizer(win: SanitizerWindow): Sanitize | null {
  if (natives.has(win)) return natives.get(win) ?? null;
  let sanitize: Sanitize | null = null;
  // Read once: what is called later is this function, whatever the page puts on the prototype since.
  const setHtml = (win.Element.prototype as { setHTML?: unknown }).setHTML;
  const inert = isNativeFunction(setHtml, 'setHTML') ? win.document?.implementation.createHTMLDocument('') : undefined;
  if (inert) {
    const options = { sanitizer: NATIVE_CONFIG };
    const candidate: Sanitize = (markup) => {
      const host = inert.createElement('div');
      (setHtml as SetHtml).call(host, markup, options);
      dropUnsafeUrls(host);
      return host.innerHTML;
    };
    if (passesProbe(candidate)) sanitize = candidate;
  }
  natives.set(win, sanitize);
  return sanitize;
}

// Read with this module's own Function.prototype.toString, which a page cannot replace in the isolated world.
const toSource = Function.prototype.toString;

/** A function the browser implements, not a script's stand-in (a bound function or a Proxy has no name here). */
function isNativeFunction(fn: unknown, name: string): boolean {
  if (typeof fn !== 'function') return false;
  return new RegExp(`^function ${name}\\(\\) \\{\\s*\\[native code\\]\\s*\\}$`).test(toSource.call(fn));
}

/** The URL rule DOMPurify applies, for the native path: the safe baseline only clears navigation URLs. */
function dropUnsafeUrls(root: Element): void {
  for (const element of root.querySelectorAll(URL_ATTRIBUTE_SELECTOR)) {
    // An element's own few attributes, rather than asking each for all eight names (thousands of links on a long article).
    const unsafe = [...element.attributes].filter((attribute) => URL_ATTRIBUTE_NAMES.has(attribute.name) && !isAllowedAddress(attribute.name, attribute.value));
    for (const attribute of unsafe) element.removeAttributeNode(attribute);
  }
}

/** A srcset holds many URLs: each one is checked (./url-rules.ts). */
function isAllowedAddress(name: string, value: string): boolean {
  return name === 'srcset' ? isSrcsetAllowed(value, isAllowedUrl) : isAllowedUrl(value);
}

function isAllowedUrl(value: string): boolean {
  const url = compactUrl(value);
  return SAFE_DATA_IMAGE.test(url) || isAllowedScheme(url);
}

const purifiers = new WeakMap<object, Sanitize>();

function purifierFor(win: SanitizerWindow): Sanitize {
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
      if (!value) continue;
      // DOMPurify reads a srcset as one URL: its later candidates are checked here.
      if (name === 'srcset' ? !isSrcsetAllowed(value, isAllowedUrl) : /^data:/i.test(value) && !SAFE_DATA_IMAGE.test(value)) node.removeAttribute(name);
    }
  });
  const sanitize: Sanitize = (markup) => purify.sanitize(markup);
  if (!purify.isSupported || !passesProbe(sanitize)) throw new UnsafeSanitizerError();
  purifiers.set(win, sanitize);
  return sanitize;
}
