import { afterAll, describe, expect, it } from 'vitest';
import { sanitizeHtml, sanitizerKind } from '@/lib/capture/sanitize';
import { createWindow } from './load-page';
import { EXECUTABLE, XSS_PAYLOADS } from './xss-payloads';

const happy = createWindow('https://example.com/');
const win = happy as unknown as Parameters<typeof sanitizeHtml>[1];
afterAll(() => happy.happyDOM.close());

describe('sanitizeHtml', () => {
  it.each(XSS_PAYLOADS)('neutralises %s', (payload, text) => {
    const out = sanitizeHtml(payload, win);
    for (const pattern of EXECUTABLE) expect(out).not.toMatch(pattern);
    expect(out).toContain(text);
    // One pass, and it is final: the output read back and sanitized again is the same markup.
    expect(sanitizeHtml(out, win)).toBe(out);
  });

  it('keeps ordinary article markup, safe links and raster data images', () => {
    const html = '<h2>T</h2><p>A <a href="https://example.com/">link</a> <em>and</em> <img src="data:image/png;base64,iVBORw0KGgo=" alt="px"></p>';
    expect(sanitizeHtml(html, win)).toBe(html);
  });

  it('refuses a window whose DOM would fool it, instead of passing markup through', () => {
    // A Node whose nodeName getter answers '' for every element, the way unpatched happy-dom does.
    class BlindNode {}
    Object.defineProperty(BlindNode.prototype, 'nodeName', { get: () => '' });
    const broken = Object.create(happy, { Node: { value: BlindNode } }) as typeof win;
    expect(() => sanitizeHtml('<b>x</b>', broken)).toThrow(/cannot run safely/);
  });

  // Firefox's MV2 build and older Chromiums have no Sanitizer API: these run the DOMPurify path, as happy-dom does.
  it('uses DOMPurify where the window has no native sanitizer, and will not pretend to have one', () => {
    expect(sanitizerKind(win)).toBe('dompurify');
    expect(() => sanitizeHtml('<b>x</b>', win, 'native')).toThrow(/cannot run safely/);
  });

  it("takes a page-defined setHTML for what it is: a script, not the browser's sanitizer", () => {
    // A pass-through under the native name, the way a hostile page in the same world could plant it.
    const planted = createWindow('https://example.com/');
    const setHTML = function setHTML(this: Element, html: string) {
      this.innerHTML = html;
    };
    Object.defineProperty(planted.Element.prototype, 'setHTML', { value: setHTML, configurable: true });
    const plantedWin = planted as unknown as typeof win;
    try {
      expect(sanitizerKind(plantedWin)).toBe('dompurify');
      expect(sanitizeHtml('<img src=x onerror="alert(1)"><a href="javascript:alert(2)">a</a>', plantedWin)).toBe('<img src="x"><a>a</a>');
    } finally {
      void planted.happyDOM.close();
    }
  });
});
