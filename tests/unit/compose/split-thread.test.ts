import { describe, expect, it } from 'vitest';
import type { Network } from '@/lib/model';
import { countFor } from '@/lib/compose/count';
import { splitThread } from '@/lib/compose/split-thread';

const FAMILY = '👩‍👩‍👧'; // 8 UTF-16 units, 18 UTF-8 bytes, one grapheme
const sentence = (n: number, length: number) => `Sentence ${n} ${'x'.repeat(length - 12 - String(n).length)}.`;

function expectAllFit(parts: string[], network: Network) {
  for (const part of parts) expect(countFor(network, part).over, part).toBe(false);
}

describe('splitThread', () => {
  it('keeps text that fits as one post, without a label', () => {
    expect(splitThread('  Short and sweet.  ', 'x', { numbering: true })).toEqual(['Short and sweet.']);
    expect(splitThread('   ', 'x')).toEqual([]);
  });

  it('cuts at sentence boundaries', () => {
    const sentences = [sentence(1, 120), sentence(2, 120), sentence(3, 120)];
    const parts = splitThread(sentences.join(' '), 'x');
    expect(parts).toEqual([`${sentences[0]} ${sentences[1]}`, sentences[2]]);
  });

  it('cuts CJK at 。 and counts its double weight on X', () => {
    const jp = Array.from({ length: 5 }, (_, i) => `${'日本語の文章'.repeat(8)}${i}。`);
    const parts = splitThread(jp.join(''), 'x');
    expect(parts).toEqual([jp.slice(0, 2).join(''), jp.slice(2, 4).join(''), jp[4]]);
    expectAllFit(parts, 'x');
  });

  it('falls back to word boundaries for a sentence with no end', () => {
    const parts = splitThread(Array(150).fill('word').join(' '), 'bluesky');
    expect(parts.length).toBe(3);
    for (const part of parts) expect(part.split(' ').every((w) => w === 'word')).toBe(true);
    expectAllFit(parts, 'bluesky');
  });

  it('never cuts a URL, even at a "?" the sentence segmenter breaks on', () => {
    const url = 'https://example.com/a/rather/long/path/that-must-stay-whole?with=query&and=more';
    const text = `${Array(60).fill('lorem').join(' ')} ${url} ${Array(60).fill('ipsum').join(' ')}`;
    const parts = splitThread(text, 'x');
    expect(parts.filter((part) => part.includes(url))).toHaveLength(1);
    expectAllFit(parts, 'x');
  });

  it('cuts graphemes as a last resort, and never inside one', () => {
    expect(splitThread('a'.repeat(700), 'bluesky').map((p) => p.length)).toEqual([300, 300, 100]);
    // 400 families: 7200 bytes; Bluesky's 3000-byte limit holds 166 of them.
    const parts = splitThread(FAMILY.repeat(400), 'bluesky');
    expect(parts.map((p) => p.length / FAMILY.length)).toEqual([166, 166, 68]);
  });

  it('numbers posts with labels that count', () => {
    const text = Array.from({ length: 10 }, (_, i) => sentence(i + 1, 100)).join(' ');
    const parts = splitThread(text, 'x', { numbering: true });
    // Two 100-character sentences and a label fit in 280; three do not.
    expect(parts).toHaveLength(5);
    parts.forEach((part, i) => expect(part.endsWith(`. ${i + 1}/5`)).toBe(true));
    expectAllFit(parts, 'x');
  });

  it('repacks when the labels push the thread past a digit', () => {
    // Nine full posts without labels; " i/9" costs 4, which forces a tenth post and " i/10".
    const text = 'a'.repeat(280 * 9);
    expect(splitThread(text, 'x')).toHaveLength(9);
    const parts = splitThread(text, 'x', { numbering: true });
    expect(parts).toHaveLength(10);
    expect(parts.at(-1)?.endsWith(' 10/10')).toBe(true);
    expect(parts.join('').replace(/ \d+\/10/g, '')).toBe(text);
    expectAllFit(parts, 'x');
  });

  it("uses the account's limits", () => {
    const text = Array.from({ length: 6 }, (_, i) => sentence(i + 1, 200)).join(' ');
    expect(splitThread(text, 'mastodon')).toHaveLength(3);
    expect(splitThread(text, 'mastodon', { limits: { maxCharacters: 1000 } })).toHaveLength(2);
  });

  it('throws when not even one grapheme fits', () => {
    expect(() => splitThread('ab', 'x', { limits: { maxCharacters: 1 }, numbering: true })).toThrow(/too small/);
  });
});
