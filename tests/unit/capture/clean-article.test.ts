import { afterAll, describe, expect, it } from 'vitest';
import { cleanArticle, KEPT_ATTRIBUTES, KEPT_ELEMENTS } from '@/lib/capture/clean-article';
import { textOf } from '@/lib/capture/dom';
import { sanitizeHtml } from '@/lib/capture/sanitize';
import { createWindow } from './load-page';
import { EXECUTABLE, XSS_PAYLOADS } from './xss-payloads';

const happy = createWindow('https://example.com/');
const doc = happy.document as unknown as Document;
const win = happy as unknown as Parameters<typeof sanitizeHtml>[1];
afterAll(() => happy.happyDOM.close());

/** An article element the way Readability hands it over: a div of a document nobody renders. */
function article(markup = ''): Element {
  const root = doc.implementation.createHTMLDocument('').createElement('div');
  root.innerHTML = markup;
  return root;
}

/** Markup read back by the HTML parser into a body, as any string sanitizer starts. */
function reparsed(html: string): string {
  const host = doc.implementation.createHTMLDocument('').createElement('div');
  host.innerHTML = html;
  return host.innerHTML;
}

function expectSafe(html: string): void {
  for (const pattern of EXECUTABLE) expect(html).not.toMatch(pattern);
  // The stored markup holds nothing DOMPurify would take out (it may only regroup what script built).
  expect(sanitizeHtml(html, win)).toBe(reparsed(html));
}

describe('cleanArticle', () => {
  it.each(XSS_PAYLOADS)('neutralises %s', (payload, text) => {
    const { html, text: words } = cleanArticle(article(payload));
    expectSafe(html);
    expect(html).toContain(text);
    expect(words).toContain(text);
  });

  it('keeps ordinary article markup, safe links and raster data images as they were', () => {
    const markup =
      '<h2>T</h2><p>A <a href="https://example.com/" rel="author">link</a> <em>and</em> <img src="data:image/png;base64,iVBORw0KGgo=" alt="px"></p><table><tbody><tr><td colspan="2">cell</td></tr></tbody></table>';
    expect(cleanArticle(article(markup)).html).toBe(`<div>${markup}</div>`);
  });

  it('reads the text as textOf does, with breaks between blocks and lines, and none of what it dropped', () => {
    const kept = '<h1>Title</h1><p>One<br>two <b>bold</b></p><div><p>Nested</p>tail</div><ul><li>a</li><li>b<div></div></li></ul><my-card>custom</my-card>';
    const { text } = cleanArticle(article(`${kept}<script>var x</script><noscript>no</noscript><svg><text>drawn</text></svg>`));
    expect(text).toBe(textOf(article(kept)));
    expect(text).toBe('Title\n\nOne\ntwo bold\n\nNested\ntail\n\na\n\nb\n\ncustom');
  });

  it("keeps a formula's words as plain text, and none of its MathML (issue 25: an article of equations lost a third of its words)", () => {
    const root = article('<p>When </p>, there are <span>two</span> solutions');
    const owner = root.ownerDocument;
    const math = owner.createElementNS('http://www.w3.org/1998/Math/MathML', 'math');
    for (const [name, word] of [
      ['mi', 'a'],
      ['mo', '≠'],
      ['mn', '0'],
    ] as const) {
      const part = owner.createElementNS('http://www.w3.org/1998/Math/MathML', name);
      part.textContent = word;
      part.setAttribute('onclick', 'alert(1)');
      math.append(part);
    }
    root.firstElementChild!.append(math);
    const { html, text } = cleanArticle(root);
    expect(html).toBe('<div><p>When a≠0</p>, there are <span>two</span> solutions</div>');
    expect(text).toBe('When a≠0\n, there are two solutions');
    expectSafe(html);
  });

  it('keeps none of the text a style or script inside a formula holds (the mglyph/style mutation: Chromium parses the payload into this tree)', () => {
    const root = article('<p>x</p>');
    const owner = root.ownerDocument;
    const math = owner.createElementNS('http://www.w3.org/1998/Math/MathML', 'math');
    const mtext = owner.createElementNS('http://www.w3.org/1998/Math/MathML', 'mtext');
    const style = owner.createElement('style');
    style.textContent = '<img src=x onerror=alert(1)>';
    const script = owner.createElement('script');
    script.textContent = 'alert(2)';
    mtext.append('y', style, script);
    math.append(mtext);
    root.firstElementChild!.append(math);
    const { html, text } = cleanArticle(root);
    expect(html).toBe('<div><p>xy</p></div>');
    expect(text).toBe('xy');
    expectSafe(html);
  });

  it('takes out what a page can only build by script: comments that close early, namespaced attributes, foreign elements', () => {
    const root = article('<p>kept</p>');
    const owner = root.ownerDocument;
    root.append(owner.createComment('--><img src=x onerror=alert(1)>'));
    const link = owner.createElement('a');
    link.setAttributeNS('urn:evil', 'href', 'javascript:alert(1)');
    link.setAttributeNS('urn:evil', 'x:title', 'namespaced');
    link.setAttribute('title', '</noscript><img src=x onerror=alert(1)>');
    link.textContent = 'link';
    root.append(link);
    const foreign = owner.createElementNS('http://www.w3.org/2000/svg', 'a');
    foreign.setAttribute('href', 'https://example.com/');
    foreign.textContent = 'svg text';
    root.append(foreign);
    const upper = owner.createElementNS('http://www.w3.org/1999/xhtml', 'SCRIPT');
    upper.textContent = 'alert(1)';
    root.append(upper);
    const { html, text } = cleanArticle(root);
    expect(html).toBe('<div><p>kept</p><a>link</a>alert(1)</div>');
    expect(text).toBe('kept\nlinkalert(1)');
    expectSafe(html);
  });

  it('drops a data: URL unless it is a raster image in an <img src>, URLs with a script scheme anywhere, and empty addresses', () => {
    const { html } = cleanArticle(
      article(
        '<a href="data:image/png;base64,AA">a</a><img src="data:image/png;base64,AA" srcset="data:image/png;base64,AA 1x"><blockquote cite="java\tscript:alert(1)">q</blockquote><img src=" https://example.com/x.png "><img src="" alt=""><video controls=""></video>',
      ),
    );
    expect(html).toBe(
      '<div><a>a</a><img src="data:image/png;base64,AA"><blockquote>q</blockquote><img src="https://example.com/x.png"><img alt=""><video controls=""></video></div>',
    );
    expectSafe(html);
  });

  it('gives an unknown element way to its content, and an element whose content nobody reads goes whole', () => {
    const { html } = cleanArticle(article('<form><button>press</button></form><select><option>o</option></select><x-widget onclick="a()">w</x-widget>'));
    expect(html).toBe('<div>pressw</div>');
  });

  it('keeps only elements and attributes DOMPurify keeps too', async () => {
    const { default: createDOMPurify } = await import('dompurify');
    const purify = createDOMPurify(happy as unknown as Parameters<typeof createDOMPurify>[0]);
    const allowed = new Set<string>();
    purify.addHook('uponSanitizeElement', (_node, data) => {
      for (const [tag, isAllowed] of Object.entries(data.allowedTags)) if (isAllowed) allowed.add(tag);
    });
    purify.sanitize('<p>x</p>', { USE_PROFILES: { html: true } });
    for (const tag of KEPT_ELEMENTS) expect(allowed, tag).toContain(tag);
    for (const attribute of KEPT_ATTRIBUTES) expect(purify.isValidAttribute('a', attribute, 'x'), attribute).toBe(true);
  });
});
