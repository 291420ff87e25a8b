import { describe, expect, it } from 'vitest';
import { plainText } from '@/lib/feeds/plain-text';

describe('feed text as plain text', () => {
  it('drops a script or style with what it holds, whatever the case of its tags, and after text whose lower case is longer', () => {
    expect(plainText('a<SCRIPT>x</Script>b<style>y')).toBe('ab');
    expect(plainText('İİ<script>alert(1)</script>ok')).toBe('İİok');
  });

  it('keeps the zero-width joiners emoji and scripts need, and drops the characters that reorder or hide text', () => {
    expect(plainText('Family 👨\u200d👩\u200d👧 day')).toBe('Family 👨\u200d👩\u200d👧 day');
    expect(plainText('invoice\u202Efdp.exe\u200b\u2066x\u2069')).toBe('invoicefdp.exex');
  });

  it('keeps the line breaks of a plain-text field, and reads HTML in the same field as HTML', () => {
    expect(plainText('Line one\r\nLine two\n\n\n\nLast')).toBe('Line one\nLine two\n\nLast');
    expect(plainText('<p>One</p>\n<p>Two <b>bold</b></p><hr><figure><figcaption>Cap</figcaption></figure>')).toBe('One\n\nTwo bold\n\nCap');
  });

  it('stops at its limit, and drops what hides in an iframe, an svg or a noscript', () => {
    expect(plainText('x'.repeat(50) + '<p>' + 'y'.repeat(50), 60)).toHaveLength(60);
    expect(plainText('a<iframe>b</iframe>c<svg><text>d</text></svg>e<noscript>f</noscript>g')).toBe('aceg');
  });
});
