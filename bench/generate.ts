/**
 * Deterministic benchmark data: the same seed gives the same rows on every machine, so two runs
 * measure the same work.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** In one clip of every 1,000 (100 at 100k): the rare query of the search benchmark. */
export const RARE_WORD = 'zeppelin';

const WORDS = 'brand launch coffee roast morning story community product design ship release customer growth campaign video'.split(' ');

/** A clip row shaped exactly like lib/model/clip.ts (v1); runs inside the page, so it is self-contained. */
export function clipRow(index: number, random: () => number, workspaceId: string): Record<string, unknown> {
  const words = Array.from({ length: 8 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  const at = 1_700_000_000_000 + index * 60_000;
  return {
    v: 1,
    id: `clip_bench_${index}`,
    workspaceIds: [workspaceId],
    kind: 'article',
    url: `https://news.example/${index}`,
    sourceUrl: `https://news.example/${index}?utm_source=bench`,
    title: `${words} ${index}${index % 1000 === 999 ? ` ${RARE_WORD}` : ''}`,
    excerpt: `${words}. ${words}.`,
    byline: 'Bench Writer',
    siteName: 'News Example',
    publishedTime: null,
    lang: 'en',
    text: `${words} `.repeat(40),
    html: '',
    leadImage: null,
    readingMinutes: 2,
    quote: null,
    image: null,
    post: null,
    credits: [],
    tags: [WORDS[index % WORDS.length]],
    note: '',
    status: 'new',
    warnings: [],
    capturedAt: at,
    updatedAt: at,
  };
}
