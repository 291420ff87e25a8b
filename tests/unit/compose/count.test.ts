import { describe, expect, it } from 'vitest';
import type { Network } from '@/lib/model';
import { countFor } from '@/lib/compose/count';

const FAMILY = '👩‍👩‍👧'; // 3 × U+1F469/U+1F467 (4 bytes) + 2 × ZWJ (3 bytes) = 18 bytes
const THUMB_DARK = '👍🏽'; // emoji + skin-tone modifier, 8 bytes
const FLAG = '🇩🇪'; // two regional indicators, 8 bytes
const CJK = '日本語'; // 3 × 3 bytes
const COMBINING = 'e\u0301'; // "é" as e + COMBINING ACUTE ACCENT, 3 bytes
const LONG_URL = `https://example.com/${'a'.repeat(120)}?q=1`;

describe('countFor', () => {
  it.each<[string, Network, string, number]>([
    ['x: plain ASCII', 'x', 'hello', 5],
    ['x: CJK weighs 2', 'x', CJK, 6],
    ['x: ZWJ family is one emoji of 2', 'x', FAMILY, 2],
    ['x: skin tone is one emoji of 2', 'x', THUMB_DARK, 2],
    ['x: flag is one emoji of 2', 'x', FLAG, 2],
    ['x: combining mark is NFC-normalized first', 'x', COMBINING, 1],
    ['x: long URL counts 23', 'x', LONG_URL, 23],
    ['x: short URL counts 23 too', 'x', 'https://t.co', 23],
    ['x: URL without scheme counts 23', 'x', 'read example.com/post', 5 + 23],
    ['bluesky: graphemes', 'bluesky', `${FAMILY}${THUMB_DARK}${FLAG}${CJK}${COMBINING}`, 7],
    ['bluesky: URLs count as typed', 'bluesky', LONG_URL, LONG_URL.length],
    ['mastodon: long URL counts 23', 'mastodon', `see ${LONG_URL}`, 4 + 23],
    ['mastodon: URL without scheme counts as typed', 'mastodon', 'example.com', 11],
    ['mastodon: remote mention counts its local part', 'mastodon', 'hi @alice@mastodon.social', 9],
    ['mastodon: local mention unchanged', 'mastodon', 'hi @alice', 9],
    ['mastodon: graphemes', 'mastodon', `${FAMILY}${FLAG}${COMBINING}`, 3],
    ['threads: emoji count their UTF-8 bytes', 'threads', `hi ${THUMB_DARK}`, 3 + 8],
    ['threads: ZWJ family is 18', 'threads', FAMILY, 18],
    ['threads: CJK counts 1 each', 'threads', CJK, 3],
    ['linkedin: UTF-16 units', 'linkedin', `${FLAG}${CJK}`, 4 + 3],
    ['facebook: UTF-16 units', 'facebook', THUMB_DARK, 4],
  ])('%s', (_name, network, text, used) => {
    expect(countFor(network, text).used).toBe(used);
  });

  it.each<[Network, number]>([
    ['x', 280],
    ['bluesky', 300],
    ['mastodon', 500],
    ['linkedin', 3000],
    ['threads', 500],
    ['facebook', 63206],
  ])('%s defaults to a limit of %i', (network, limit) => {
    expect(countFor(network, '').limit).toBe(limit);
  });

  it('reports over and remaining at the edge', () => {
    expect(countFor('x', 'a'.repeat(280))).toMatchObject({ used: 280, over: false, remaining: 0, unit: 'weighted' });
    expect(countFor('x', 'a'.repeat(281))).toMatchObject({ over: true, remaining: -1 });
  });

  it('counts Bluesky bytes as a second limit', () => {
    const flags = countFor('bluesky', FLAG.repeat(300));
    expect(flags).toMatchObject({ used: 300, over: false, bytes: { used: 2400, limit: 3000 } });
    const families = countFor('bluesky', FAMILY.repeat(200));
    expect(families).toMatchObject({ used: 200, remaining: 100, over: true, bytes: { used: 3600 } });
  });

  it("uses the Mastodon instance's limits", () => {
    const count = countFor('mastodon', `${LONG_URL} ok`, { maxCharacters: 1000, charactersPerUrl: 30 });
    expect(count).toMatchObject({ used: 33, limit: 1000, remaining: 967 });
  });

  it('lets the account override the X URL length', () => {
    expect(countFor('x', LONG_URL, { charactersPerUrl: 30 }).used).toBe(30);
  });
});
