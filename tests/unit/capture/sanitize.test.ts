import { afterAll, describe, expect, it } from 'vitest';
import { sanitizeHtml } from '@/lib/capture/sanitize';
import { createWindow } from './load-page';

const happy = createWindow('https://example.com/');
const win = happy as unknown as Parameters<typeof sanitizeHtml>[1];
afterAll(() => happy.happyDOM.close());

/** Each payload with the harmless text that must survive it. */
const PAYLOADS: [string, string][] = [
  ['<p>keep<script>alert(1)</script></p>', 'keep'],
  ['<p onclick="alert(1)" onmouseover="alert(2)">handlers</p>', 'handlers'],
  ['<a href="javascript:alert(1)">js link</a>', 'js link'],
  ['<a href="jAvAsCrIpT:alert(1)">mixed case</a>', 'mixed case'],
  ['<a href=" &#14;javascript:alert(1)">entity prefix</a>', 'entity prefix'],
  ['<a href="java&#x09;script:alert(1)">tab inside</a>', 'tab inside'],
  ['<a href="vbscript:msgbox(1)">vb</a>', 'vb'],
  ['<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">data link</a>', 'data link'],
  ['<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" alt="a">data img', 'data img'],
  ['<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="a">svg data', 'svg data'],
  ['<img src=x onerror="alert(1)">after img', 'after img'],
  ['<svg onload="alert(1)"><text>svg text</text></svg>svg after', 'svg after'],
  ['<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>svg link', 'svg link'],
  ['<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', ''],
  ['<math href="javascript:alert(1)">math</math>after math', 'after math'],
  ['<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>after frame', 'after frame'],
  ['<iframe src="javascript:alert(1)"></iframe>frame src', 'frame src'],
  ['<style>@import "javascript:alert(1)"; body{background:url(javascript:alert(1))}</style>styled', 'styled'],
  ['<p style="background:url(javascript:alert(1))">inline style</p>', 'inline style'],
  ['<form action="javascript:alert(1)"><input value="v"><button formaction="javascript:alert(2)">go</button></form>form text', 'form text'],
  ['<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">objects', 'objects'],
  ['<meta http-equiv="refresh" content="0;url=javascript:alert(1)">meta', 'meta'],
  ['<base href="javascript:alert(1)//"><a href="/x">base</a>', 'base'],
  ['<details open ontoggle="alert(1)"><summary>details</summary></details>', 'details'],
  ['<video poster="javascript:alert(1)"><source onerror="alert(1)"></video>video', 'video'],
  ['<noscript><p title="</noscript><img src=x onerror=alert(1)>">noscript</p></noscript>', ''],
  ['<template><script>alert(1)</script></template>template', 'template'],
  ['<a href="https://example.com/ok" target="_blank">safe</a>', 'safe'],
];

// What must never appear in sanitized output: a way to run script.
const EXECUTABLE = [/<script/i, /\son[a-z]+\s*=/i, /javascript:/i, /vbscript:/i, /data:(?!image\/(?:png|gif|jpe?g|webp|avif);)/i, /<(?:iframe|object|embed|form|style|svg|math|meta|base|input|button)\b/i, /srcdoc/i, /formaction/i, /\sstyle\s*=/i];

describe('sanitizeHtml', () => {
  it.each(PAYLOADS)('neutralises %s', (payload, text) => {
    const out = sanitizeHtml(payload, win);
    for (const pattern of EXECUTABLE) expect(out).not.toMatch(pattern);
    expect(out).toContain(text);
    // One pass, and it is final: the output read back and sanitized again is the same markup.
    expect(sanitizeHtml(out, win)).toBe(out);
  });

  it('reads an element as the markup it serializes to, so a tree the parser would rebuild comes out settled', () => {
    // Readability moves nodes by script: an <h2> inside a <p> serializes to markup the parser reads as siblings.
    const paragraph = happy.document.createElement('p');
    paragraph.append(happy.document.createElement('h2'));
    const out = sanitizeHtml(paragraph as unknown as Element, win);
    expect(sanitizeHtml(out, win)).toBe(out);
  });

  it('keeps ordinary article markup, safe links and raster data images', () => {
    const html = '<h2>T</h2><p>A <a href="https://example.com/">link</a> <em>and</em> <img src="data:image/png;base64,iVBORw0KGgo=" alt="px"></p>';
    expect(sanitizeHtml(html, win)).toBe(html);
  });

  it('reads an element and leaves it as it was', () => {
    const element = happy.document.createElement('p');
    element.setAttribute('onclick', 'alert(1)');
    element.textContent = 'node';
    expect(sanitizeHtml(element as unknown as Element, win)).toBe('<p>node</p>');
    expect(element.getAttribute('onclick')).toBe('alert(1)');
  });

  it('refuses a window whose DOM would fool it, instead of passing markup through', () => {
    // A Node whose nodeName getter answers '' for every element, the way unpatched happy-dom does.
    class BlindNode {}
    Object.defineProperty(BlindNode.prototype, 'nodeName', { get: () => '' });
    const broken = Object.create(happy, { Node: { value: BlindNode } }) as typeof win;
    expect(() => sanitizeHtml('<b>x</b>', broken)).toThrow(/cannot run safely/);
  });
});
