import { describe, expect, it } from 'vitest';
import { languageName, postLanguage } from '@/lib/compose/language';
import { blankPost } from '@/lib/compose/post-draft';
import { makeClip } from '../factories';

describe('a post language from what a page says', () => {
  it('keeps the language of a tag and drops its region, script and case', () => {
    expect(['en-us', 'EN', 'de-DE', 'zh_Hant', 'pt-BR', ' fr '].map(postLanguage)).toEqual(['en', 'en', 'de', 'zh', 'pt', 'fr']);
  });

  it('names no language for what is not a tag', () => {
    expect([null, undefined, '', 'x', 'english', '12', '-'].map(postLanguage)).toEqual([null, null, null, null, null, null, null]);
  });

  it('a post from a clip starts in the clip’s language', () => {
    expect(blankPost('p', 'ws', 1, makeClip({ lang: 'en-US' })).lang).toBe('en');
    expect(blankPost('p', 'ws', 1, makeClip({ lang: null })).lang).toBeNull();
  });

  it('names languages in English for the picker', () => {
    expect(languageName('de')).toBe('German');
  });
});
