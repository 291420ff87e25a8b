import { describe, expect, it } from 'vitest';
import { MAX_TERMS, clipTermsOf, facetTermsOf, siteOf, termsOf, termsOfRow } from '@/lib/store/search/terms';
import { MAX_TERM_LENGTH, wordsOf } from '@/lib/text/words';
import { makeClip } from '../../factories';

describe('termsOf', () => {
  it('lowercases, folds accents and deduplicates words of every searchable field', () => {
    const clip = makeClip({
      title: 'Café Crème at the Café',
      excerpt: 'Naïve roasting',
      text: 'Body',
      note: 'Share Monday',
      tags: ['espresso'],
      byline: null,
      siteName: null,
      url: 'https://www.roasters.example/x',
    });
    const terms = termsOf(clip);
    expect(terms).toEqual(expect.arrayContaining(['cafe', 'creme', 'naive', 'roasting', 'body', 'share', 'monday', 'espresso', 'roasters.example']));
    expect(terms.filter((term) => term === 'cafe')).toHaveLength(1);
  });

  it('splits CJK text into words and indexes their suffixes for infix search', () => {
    const terms = termsOf(makeClip({ title: '我们喜欢喝咖啡', excerpt: '', text: '서울 커피숍' }));
    expect(terms).toEqual(expect.arrayContaining(['咖啡', '啡', '서울', '커피숍', '피숍']));
  });

  it('caps the length of a term and the number of terms', () => {
    const long = 'x'.repeat(100);
    const many = Array.from({ length: MAX_TERMS + 100 }, (_, i) => `w${i}`).join(' ');
    const terms = termsOf(makeClip({ title: long, text: many }));
    expect(terms[0]).toHaveLength(MAX_TERM_LENGTH);
    expect(terms).toHaveLength(MAX_TERMS);
  });

  it('keeps facet terms apart from words, so a word query never matches a facet', () => {
    const clip = makeClip({ kind: 'link', status: 'used', tags: ['a', 'a'], url: 'https://example.org/p' });
    expect(facetTermsOf(clip)).toEqual(['\u0001kind:link', '\u0001status:used', '\u0001tag:a', '\u0001site:example.org', '\u0001workspace:ws_1']);
    expect(termsOfRow(clipTermsOf(clip)).filter((term) => term.startsWith('kind'))).toEqual([]);
    expect(wordsOf('\u0001kind:link')).not.toContain('\u0001kind:link');
  });

  it('has no site for a URL it cannot parse', () => {
    expect(siteOf({ url: 'not a url' })).toBeNull();
  });
});
