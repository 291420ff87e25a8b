import { sanitizeHtml, type SanitizerWindow } from '@/lib/capture/sanitize';
import { parseSrcset, SAFE_DATA_IMAGE } from '@/lib/capture/url-rules';
import { safeArticleHref } from '../safe-href';

/**
 * What the reader shows of a clip: its article, made safe for the side panel, or why it falls back
 * to the clip's plain text. Invariants:
 * - the stored HTML is sanitized again here, every time a reader opens, though capture cleaned it
 *   (the project's rule: captured HTML is sanitized right before it is rendered);
 * - every change below is made in a document DOMParser makes, which has no browsing context:
 *   nothing in it loads or runs, so an image gets `loading="lazy"` and `referrerpolicy` before it
 *   could ever fetch, and no attribute from the article touches the panel's own document;
 * - the result is a tree to clone into the panel (`cloneInto`), never markup to assign.
 */
export type ReaderContent = { kind: 'article'; body: HTMLElement } | { kind: 'text'; reason: FallbackReason };
export type FallbackReason = 'no-html' | 'unsafe' | 'emptied';

// Attributes no article keeps in the panel: ids and names could clobber the panel's globals and
// lookups (`window.foo`, `document.forms`, getElementById); classes would pick up the panel's own
// styles; focus and editing attributes would take over the reader's keyboard order; the rest fetch
// or act without the checks below. `style` and `on*` are the sanitizer's job, dropped here again.
const STRIPPED = new Set([
  'id',
  'name',
  'class',
  'style',
  'tabindex',
  'accesskey',
  'autofocus',
  'contenteditable',
  'popover',
  'popovertarget',
  'popovertargetaction',
  'download',
  'background',
  'autoplay',
  'ping',
]);

export function readerContent(html: string, { win, base }: { win: Window & typeof globalThis; base: string }): ReaderContent {
  if (!html.trim()) return { kind: 'text', reason: 'no-html' };
  let safe: string;
  try {
    safe = sanitizeHtml(html, win as unknown as SanitizerWindow);
  } catch {
    return { kind: 'text', reason: 'unsafe' }; // the sanitizer refused this window: show the text instead
  }
  const body = new win.DOMParser().parseFromString(safe, 'text/html').body;
  for (const element of body.querySelectorAll('*')) makeInert(element, base);
  return hasContent(body) ? { kind: 'article', body } : { kind: 'text', reason: 'emptied' };
}

/** A copy of the article in `container`'s document, replacing what it held (safe to repeat). */
export function cloneInto(container: HTMLElement, body: HTMLElement): void {
  const copy = container.ownerDocument.importNode(body, true);
  container.replaceChildren(...copy.childNodes);
}

function makeInert(element: Element, base: string): void {
  for (const { name } of [...element.attributes]) if (STRIPPED.has(name) || name.startsWith('on')) element.removeAttribute(name);
  const tag = element.localName;
  if (tag === 'a' || tag === 'area') {
    const href = element.getAttribute('href');
    const safe = href === null ? undefined : safeArticleHref(href, base);
    if (safe === undefined) element.removeAttribute('href');
    else {
      element.setAttribute('href', safe);
      element.setAttribute('target', '_blank');
      element.setAttribute('rel', 'noopener noreferrer');
    }
  }
  if (tag === 'img') {
    element.setAttribute('loading', 'lazy');
    element.setAttribute('decoding', 'async');
    element.setAttribute('referrerpolicy', 'no-referrer');
  }
  if (tag === 'video' || tag === 'audio') element.setAttribute('preload', 'none');
  for (const name of ['src', 'poster']) {
    const value = element.getAttribute(name);
    if (value === null) continue;
    const resolved = mediaUrl(value, base);
    if (resolved === undefined) element.removeAttribute(name);
    else element.setAttribute(name, resolved);
  }
  const srcset = element.getAttribute('srcset');
  if (srcset !== null) {
    const resolved = resolveSrcset(srcset, base);
    if (resolved === undefined) element.removeAttribute('srcset');
    else element.setAttribute('srcset', resolved);
  }
}

/** An image or media address resolved against the article's page: http(s), or a raster data URL. */
function mediaUrl(value: string, base: string): string | undefined {
  const trimmed = value.trim();
  if (SAFE_DATA_IMAGE.test(trimmed)) return trimmed;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Every candidate resolved, or none kept: a srcset with one address we cannot vouch for goes whole (src remains). */
function resolveSrcset(srcset: string, base: string): string | undefined {
  const resolved: string[] = [];
  // Split as the browser splits it: a candidate after a bare comma ("a.png 1x,data:…") is a candidate too.
  for (const { url, descriptors } of parseSrcset(srcset)) {
    const absolute = mediaUrl(url, base);
    if (absolute === undefined) return undefined;
    resolved.push(descriptors ? `${absolute} ${descriptors}` : absolute);
  }
  return resolved.length > 0 ? resolved.join(', ') : undefined;
}

/** Text or a picture: a sanitized article that lost everything it had is no article to show. */
function hasContent(body: HTMLElement): boolean {
  return (body.textContent ?? '').trim() !== '' || body.querySelector('img[src]') !== null;
}
