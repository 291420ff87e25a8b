import { describe, expect, it } from 'vitest';
import { finishClip } from '@/lib/capture/finish-clip';
import { readingMinutes } from '@/lib/capture/reading-time';
import { WARNINGS } from '@/lib/capture/warnings';
import { makeCapture } from '../factories';

// What /capture.js hands over for an article: the page's fields, no text, html or reading time yet.
const read = (excerpt = 'From the page.') => ({
  clip: makeCapture({ kind: 'article', excerpt, text: '', html: '', readingMinutes: null, lang: 'en', warnings: [] }),
  article: { html: '<p>raw</p><script>x()</script>', text: '  raw\n\n  words  ' },
});

describe('finishClip', () => {
  it('gives an article the cleaned markup, its text and a reading time', () => {
    const words = Array.from({ length: 460 }, (_, at) => `word${at}`).join(' ');
    const clip = finishClip(read(), { html: `<div><p>${words}</p></div>`, text: words });
    expect(clip).toMatchObject({
      kind: 'article',
      html: `<div><p>${words}</p></div>`,
      text: words,
      excerpt: 'From the page.',
      readingMinutes: 2,
      warnings: [],
    });
  });

  it('takes the excerpt from the cleaned text when Readability found none', () => {
    const clip = finishClip(read(''), { html: '<div><p>First words.</p></div>', text: 'First words.' });
    expect(clip.excerpt).toBe('First words.');
  });

  it('keeps Readability’s words without markup, and says so, when the markup could not be cleaned', () => {
    const clip = finishClip(read(), null);
    expect(clip).toMatchObject({
      kind: 'article',
      html: '',
      text: 'raw\n\nwords',
      readingMinutes: readingMinutes('raw words', 'en'),
      warnings: [WARNINGS.formattingLost],
    });
    expect(JSON.stringify(clip)).not.toContain('<script>');
  });

  it('saves a link, saying why, when cleaning leaves no words', () => {
    const clip = finishClip(read(), { html: '<div></div>', text: '' });
    expect(clip).toMatchObject({ kind: 'link', html: '', text: '', readingMinutes: null, warnings: [WARNINGS.notReaderable] });
  });

  it('passes anything but an article through as the page made it', () => {
    const selection = makeCapture({ kind: 'selection', text: 'Quoted words' });
    expect(finishClip({ clip: selection, article: null }, null)).toBe(selection);
  });
});
