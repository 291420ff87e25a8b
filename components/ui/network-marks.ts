/** Each network's mark: a letter on its brand colour (no remote logos), and its name for the tooltip. */
export type MarkedNetwork = 'bluesky' | 'mastodon' | 'x' | 'linkedin' | 'threads' | 'facebook';

export const NETWORK_MARKS: Record<MarkedNetwork, { name: string; glyph: string; colour: string }> = {
  bluesky: { name: 'Bluesky', glyph: 'b', colour: '#0a66d8' },
  mastodon: { name: 'Mastodon', glyph: 'm', colour: '#563acc' },
  x: { name: 'X', glyph: 'x', colour: '#000000' },
  linkedin: { name: 'LinkedIn', glyph: 'in', colour: '#0a66c2' },
  threads: { name: 'Threads', glyph: '@', colour: '#000000' },
  facebook: { name: 'Facebook', glyph: 'f', colour: '#1877f2' },
};
