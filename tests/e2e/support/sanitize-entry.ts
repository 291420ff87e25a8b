// Bundled by tests/e2e/sanitize.e2e.ts (rolldown, IIFE named `cadenceSanitize`) and evaluated in a
// page: the string sanitizer, the article cleaner (lib/platform/article-cleaner.ts runs it in the
// offscreen document), and the check both are held to.
export { sanitizeHtml, sanitizerKind } from '../../../lib/capture/sanitize';
export { cleanArticle, cleanArticleMarkup } from '../../../lib/capture/clean-article';

/** What an inert parse of `html` holds that the sanitizer's invariants forbid (lib/capture/sanitize.ts). */
export function forbiddenIn(html: string): string[] {
  const body = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html').body;
  const found = [
    ...body.querySelectorAll(
      'script, style, iframe, frame, frameset, fencedframe, object, embed, form, input, button, textarea, select, option, base, link, meta, svg, math, noscript',
    ),
  ].map((element) => `<${element.localName}>`);
  for (const element of body.querySelectorAll('*')) {
    for (const { name, value } of element.attributes) {
      const url = value.replace(/[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g, '').toLowerCase();
      if (/^on|^(?:style|srcdoc|formaction|action|ping)$/.test(name)) found.push(`${name}=`);
      else if (/^(?:javascript|vbscript):/.test(url) || (url.startsWith('data:') && !/^data:image\/(?:png|gif|jpe?g|webp|avif);/.test(url)))
        found.push(`${name}=${value}`);
    }
  }
  return found;
}

/** `html` as the HTML parser reads it back into a body: what a string sanitizer starts from. */
export function reparsed(html: string): string {
  const host = document.implementation.createHTMLDocument('').createElement('div');
  host.innerHTML = html;
  return host.innerHTML;
}
