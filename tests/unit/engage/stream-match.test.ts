import { describe, expect, it } from 'vitest';
import { highlightRules, streamsMatching } from '@/lib/engage/highlight-rules';
import { matchesTerms, streamTerms } from '@/lib/engage/stream-match';

const matches = (kind: 'keyword' | 'hashtag' | 'phrase', query: string, text: string) => matchesTerms(streamTerms(kind, query), text);

describe('reading a stream query', () => {
  it('a keyword query: words, #hashtags and "quoted phrases", folded', () => {
    expect(streamTerms('keyword', 'Café launch #Rust "open  SOURCE tools"')).toEqual({
      words: ['cafe', 'launch'],
      hashtags: ['rust'],
      phrases: [['open', 'source', 'tools']],
    });
    // An unclosed quote runs to the end; punctuation is no word.
    expect(streamTerms('keyword', 'ship "it now')).toEqual({ words: ['ship'], hashtags: [], phrases: [['it', 'now']] });
    expect(streamTerms('keyword', '!!! # ""')).toEqual({ words: [], hashtags: [], phrases: [] });
  });

  it('a hashtag or phrase stream is read whole, as its kind says', () => {
    expect(streamTerms('hashtag', '##BlueSky')).toEqual({ words: [], hashtags: ['bluesky'], phrases: [] });
    expect(streamTerms('phrase', 'Open "Source" Tools')).toEqual({ words: [], hashtags: [], phrases: [['open', 'source', 'tools']] });
  });
});

describe('matching a post text', () => {
  it('whole words, any case or accent, all of them', () => {
    expect(matches('keyword', 'cafe launch', 'Our CAFÉ had its Launch today!')).toBe(true);
    expect(matches('keyword', 'Café', 'best cafe in town')).toBe(true);
    expect(matches('keyword', 'rust', 'In trust we rest')).toBe(false);
    expect(matches('keyword', 'cafe launch', 'the cafe is closed')).toBe(false);
  });

  it('a word is found in a hashtag too, but a hashtag term needs the hashtag', () => {
    expect(matches('keyword', 'rust', 'Learning #Rust this week')).toBe(true);
    expect(matches('hashtag', 'rust', 'Learning Rust this week')).toBe(false);
    expect(matches('hashtag', '#rust', 'Learning #RUST this week')).toBe(true);
    expect(matches('hashtag', 'rust', 'See https://example.com/page#rust')).toBe(false);
    expect(matches('hashtag', 'rust', 'Learning #rustlang')).toBe(false);
  });

  it('a phrase needs its words in a row, whatever the spacing and punctuation between', () => {
    expect(matches('phrase', 'open source tools', 'We love open-source\ntools.')).toBe(true);
    expect(matches('phrase', 'open source tools', 'open tools, source code')).toBe(false);
    expect(matches('keyword', 'love "open source"', 'Open source: we love it')).toBe(true);
  });

  it('no terms match nothing, even an empty text', () => {
    expect(matches('keyword', '???', '???')).toBe(false);
    expect(matches('keyword', 'launch', '')).toBe(false);
  });
});

describe('highlight rules', () => {
  it('carry each stream’s name and terms, nothing else; a stream with no terms is left out', () => {
    const rules = highlightRules([
      { name: 'Launch', kind: 'keyword', query: 'launch' },
      { name: 'Empty', kind: 'keyword', query: '...' },
      { name: 'Tag', kind: 'hashtag', query: '#cadence' },
    ]);
    expect(rules).toEqual([
      { name: 'Launch', words: ['launch'], hashtags: [], phrases: [] },
      { name: 'Tag', words: [], hashtags: ['cadence'], phrases: [] },
    ]);
    expect(streamsMatching(rules, 'The #Cadence launch is on')).toEqual(['Launch', 'Tag']);
    expect(streamsMatching(rules, 'Nothing here')).toEqual([]);
  });

  it('names a stream once even when two streams share a name', () => {
    const rules = highlightRules([
      { name: 'Brand', kind: 'keyword', query: 'cadence' },
      { name: 'Brand', kind: 'hashtag', query: 'cadence' },
    ]);
    expect(streamsMatching(rules, '#cadence')).toEqual(['Brand']);
  });
});
