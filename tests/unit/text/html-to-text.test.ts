import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '@/lib/text/html-to-text';

describe('status HTML to plain text', () => {
  it('turns paragraphs into blank lines and <br> into newlines', () => {
    expect(htmlToText('<p>First line<br />second line</p><p>Next paragraph</p>')).toBe('First line\nsecond line\n\nNext paragraph');
  });

  it('keeps a link as its full visible text, joining Mastodon’s invisible and ellipsis spans', () => {
    const html =
      '<p>Read <a href="https://example.com/a/long/path" rel="nofollow noopener" target="_blank">' +
      '<span class="invisible">https://</span><span class="ellipsis">example.com/a/lo</span>' +
      '<span class="invisible">ng/path</span></a> now</p>';
    expect(htmlToText(html)).toBe('Read https://example.com/a/long/path now');
  });

  it('keeps mentions and hashtags as typed', () => {
    const html =
      '<p><span class="h-card" translate="no"><a href="https://m.example/@brand" class="u-url mention">@<span>brand</span></a></span> ' +
      'loving it <a href="https://m.example/tags/cadence" class="mention hashtag" rel="tag">#<span>cadence</span></a></p>';
    expect(htmlToText(html)).toBe('@brand loving it #cadence');
  });

  it('decodes entities exactly once', () => {
    expect(htmlToText('<p>Fish &amp; chips &lt;3 &quot;yes&quot; &#39;ok&#39; &#x1F600; &amp;lt;</p>')).toBe('Fish & chips <3 "yes" \'ok\' 😀 &lt;');
    expect(decodeEntities('&unknown; &#0; &#xD800; &#x110000;')).toBe('&unknown; \uFFFD \uFFFD \uFFFD');
  });

  it('collapses source whitespace the way HTML does', () => {
    expect(htmlToText('<p>  a\n   b\t\tc  </p>')).toBe('a b c');
  });

  it('drops script and style contents, comments and unknown tags, and never yields markup', () => {
    const hostile =
      '<p>hi<script>alert("x")</script><style>p{}</style><!-- <b>secret</b> --><img src=x onerror="alert(1)">' +
      '<iframe src="javascript:alert(1)"></iframe> there</p>';
    expect(htmlToText(hostile)).toBe('hi there');
  });

  it('treats attributes holding ">" as part of the tag', () => {
    expect(htmlToText('<a title="a > b" href="x">link</a>')).toBe('link');
  });

  it('keeps a lone "<" that starts no tag, and stops at an unterminated tag', () => {
    expect(htmlToText('<p>1 < 2</p>')).toBe('1 < 2');
    expect(htmlToText('<p>safe</p><a href="never closed')).toBe('safe');
    expect(htmlToText('<p>x<!-- never closed')).toBe('x');
    expect(htmlToText('<p>x<script>never closed')).toBe('x');
  });

  it('cannot forge a paragraph break or control characters through text', () => {
    expect(htmlToText('<p>a\uE000b&#1;c&#xE000;d</p>')).toBe('abcd');
  });

  it('returns empty text for empty or tag-only input, and copes with large input quickly', () => {
    expect(htmlToText('')).toBe('');
    expect(htmlToText('<p></p><p><br></p>')).toBe('');
    const big = '<p>' + 'word &amp; '.repeat(50_000) + '</p>' + '<'.repeat(10_000);
    const started = performance.now();
    expect(htmlToText(big).startsWith('word & word')).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('skips many raw-text tags in linear time (issue 18: 0.48 MB of <style> took 15 s)', () => {
    // 24,000 raw-text elements in ~0.5 MB: lower-casing the whole input once per element is
    // 24,000 × 0.5 MB of copying; a linear scan finishes in milliseconds on any machine.
    const big = '<p>a</p>' + '<STYLE>p{}</Style><script>x</script>'.repeat(12_000) + '<p>b</p>';
    expect(big.length).toBeGreaterThan(400_000);
    const started = performance.now();
    expect(htmlToText(big)).toBe('a\n\nb');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('finds the closing raw-text tag in any case and drops everything up to it', () => {
    expect(htmlToText('<p>a<SCRIPT>1</ScRiPt>b<textarea><p>no</p></TEXTAREA>c</p>')).toBe('abc');
    expect(htmlToText('<p>a<style>p{}</style >b</p>')).toBe('ab');
  });

  it('keeps a status’s text as the server has it, invisible characters included: reconciling compares it with what we sent', () => {
    expect(htmlToText('<p>a\u202Eb\u200bc</p>')).toBe('a\u202Eb\u200bc');
    expect(htmlToText('<p>a\u202Eb</p>', { stripInvisibles: true })).toBe('ab');
  });
});
