/**
 * Markup that tries to run script, each with the harmless text that must survive it. Shared by the
 * unit test (DOMPurify on happy-dom) and tests/e2e/sanitize.e2e.ts (both sanitizers in Chromium).
 */
export const XSS_PAYLOADS: [payload: string, text: string][] = [
  ['<p>keep<script>alert(1)</script></p>', 'keep'],
  ['<p onclick="alert(1)" onmouseover="alert(2)">handlers</p>', 'handlers'],
  ['<a href="javascript:alert(1)">js link</a>', 'js link'],
  ['<a href="jAvAsCrIpT:alert(1)">mixed case</a>', 'mixed case'],
  ['<a href=" &#14;javascript:alert(1)">entity prefix</a>', 'entity prefix'],
  ['<a href="java&#x09;script:alert(1)">tab inside</a>', 'tab inside'],
  ['<a href="vbscript:msgbox(1)">vb</a>', 'vb'],
  ['<area href="javascript:alert(1)">area', 'area'],
  ['<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">data link</a>', 'data link'],
  ['<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" alt="a">data img', 'data img'],
  ['<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="a">svg data', 'svg data'],
  ['<img srcset="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+ 1x" alt="a">svg srcset', 'svg srcset'],
  // Issue 18: only the first candidate was checked; a comma with no space still starts a candidate.
  ['<img srcset="https://example.com/a.png 1x,data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+ 2x" alt="a">later svg', 'later svg'],
  ['<img srcset="https://example.com/a.png 1x, data:image/svg+xml,%3Csvg%20onload=alert(1)%3E 2x" alt="a">spaced svg', 'spaced svg'],
  ['<picture><source srcset="/a.webp 1x,javascript:alert(1) 2x"><img src="/a.png" alt="a"></picture>source srcset', 'source srcset'],
  ['<img src=x onerror="alert(1)">after img', 'after img'],
  ['<svg onload="alert(1)"><text>svg text</text></svg>svg after', 'svg after'],
  ['<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>svg link', 'svg link'],
  ['<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', ''],
  ['<math href="javascript:alert(1)">math</math>after math', 'after math'],
  ['<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>after frame', 'after frame'],
  ['<iframe src="javascript:alert(1)"></iframe>frame src', 'frame src'],
  ['<fencedframe></fencedframe><frame src="javascript:alert(1)">fenced', 'fenced'],
  ['<style>@import "javascript:alert(1)"; body{background:url(javascript:alert(1))}</style>styled', 'styled'],
  ['<p style="background:url(javascript:alert(1))">inline style</p>', 'inline style'],
  ['<form action="javascript:alert(1)"><input value="v"><button formaction="javascript:alert(2)">go</button></form>form text', 'form text'],
  ['<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">objects', 'objects'],
  ['<meta http-equiv="refresh" content="0;url=javascript:alert(1)">meta', 'meta'],
  ['<base href="javascript:alert(1)//"><a href="/x">base</a>', 'base'],
  ['<link rel="import" href="javascript:alert(1)">link', 'link'],
  ['<details open ontoggle="alert(1)"><summary>details</summary></details>', 'details'],
  ['<video poster="javascript:alert(1)"><source onerror="alert(1)"></video>video', 'video'],
  ['<blockquote cite="javascript:alert(1)">quoted</blockquote>', 'quoted'],
  ['<noscript><p title="</noscript><img src=x onerror=alert(1)>">noscript</p></noscript>', ''],
  ['<noembed><img src=x onerror=alert(1)></noembed><xmp><script>alert(1)</script></xmp>raw text', 'raw text'],
  ['<template><script>alert(1)</script></template>template', 'template'],
  ['<a href="https://example.com/ok" target="_blank">safe</a>', 'safe'],
];

// What must never appear in sanitized output: a way to run script, or an element the invariants forbid.
export const EXECUTABLE: RegExp[] = [
  /<script/i,
  /\son[a-z]+\s*=/i,
  /javascript:/i,
  /vbscript:/i,
  /data:(?!image\/(?:png|gif|jpe?g|webp|avif);)/i,
  /<(?:iframe|frame|frameset|fencedframe|object|embed|form|style|svg|math|meta|base|link|input|button|noscript)\b/i,
  /srcdoc/i,
  /formaction/i,
  /\sstyle\s*=/i,
];
