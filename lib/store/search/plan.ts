import type { Requirement } from './requirements';
import { allOf, termsStartingWith, type TermIndex } from './term-index';

/** A word with more terms than this ('c' in a large queue) is checked on terms rows, not read as ranges. */
const MAX_WORD_TERMS = 16;
/** A requirement with at most this many clips is rare: its clips are the only candidates. */
export const RARE_MAX = 300;

/** A requirement read from the index: its clips are the union of a few terms' entries. */
export interface Stream {
  requirement: Requirement;
  terms: string[];
}

export interface Plan {
  requirements: Requirement[];
  /** Requirements read as key ranges of the index, per span of time (./spans.ts). */
  streams: Stream[];
  /** Words with too many terms to read as ranges: tested on the candidates' terms rows. */
  wide: Requirement[];
  /** Some word starts no term at all: nothing matches, and nothing more needs reading. */
  isEmpty: boolean;
  /** Every clip of the rarest requirement, when it has at most RARE_MAX (newest last for a single term). */
  rare: string[] | null;
}

/**
 * How a query is read. Words become the terms they prefix (a few cursor steps, ./term-index.ts);
 * each requirement is then probed for rarity by stepping a cursor RARE_MAX entries ahead, which reads
 * no keys: a count would walk every entry (38 ms for 10,000 in Chromium, measured).
 */
export async function planSearch(index: TermIndex, requirements: Requirement[]): Promise<Plan> {
  const resolved = await Promise.all(
    requirements.map(async (requirement) => ({
      requirement,
      terms: requirement.terms ?? (await termsStartingWith(index, requirement.word!, MAX_WORD_TERMS + 1)),
    })),
  );
  const plan: Plan = { requirements, streams: [], wide: [], isEmpty: resolved.some(({ terms }) => terms.length === 0), rare: null };
  if (plan.isEmpty) return plan;
  for (const stream of resolved) {
    if (stream.terms.length > MAX_WORD_TERMS) plan.wide.push(stream.requirement);
    else plan.streams.push(stream);
  }
  const rare = await Promise.all(plan.streams.map((stream) => clipsIfRare(index, stream.terms)));
  plan.rare = rare.reduce<string[] | null>((best, ids) => (ids && (!best || ids.length < best.length) ? ids : best), null);
  return plan;
}

/**
 * Whether candidates are decided on their terms rows: a wide word, or nothing read from the index
 * (then only whether a terms row exists: a flagged clip has none).
 */
export const needsRows = (plan: Plan) => plan.wide.length > 0 || plan.streams.length === 0;

/** The clips having any of `terms`, if at most RARE_MAX; null when more. */
async function clipsIfRare(index: TermIndex, terms: string[]): Promise<string[] | null> {
  const isFew = await Promise.all(terms.map(async (term) => !(await (await index.openKeyCursor(allOf(term)))?.advance(RARE_MAX))));
  if (!isFew.every(Boolean)) return null;
  const perTerm = await Promise.all(terms.map((term) => index.getAllKeys(allOf(term))));
  const ids = perTerm.length === 1 ? perTerm[0]!.map(String) : [...new Set(perTerm.flat().map(String))];
  return ids.length <= RARE_MAX ? ids : null;
}
