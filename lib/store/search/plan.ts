import { clipKindSchema, clipSchema } from '../../model';
import type { Requirement } from './requirements';
import { clipsIfRare } from './rare-probe';
import { allOf, prefixOf, termsStartingWith, type TermIndex } from './term-index';
import { facetTerm, type Facet } from './terms';

/** A word with more terms than this ('c' in a large queue) is checked on terms rows, not read as ranges. */
const MAX_WORD_TERMS = 16;

/** A requirement read from the index: its clips are the union of a few terms' entries. */
export interface Stream {
  requirement: Requirement;
  terms: string[];
}

export interface Plan {
  requirements: Requirement[];
  /**
   * Requirements read as key ranges of the index, per span of time (./spans.ts). A facet every
   * clip meets (the only workspace, "new or used" with nothing archived) is left out: it would
   * add a key per clip to every span and decide nothing. One is kept if nothing else is read.
   */
  streams: Stream[];
  /** Words with too many terms to read as ranges: tested on the candidates' terms rows. */
  wide: Requirement[];
  /** Some word starts no term at all: nothing matches, and nothing more needs reading. */
  isEmpty: boolean;
  /** The rarest requirement, when it has at most RARE_MAX clips: those clips are the only candidates. */
  rare: Rare | null;
}

export interface Rare {
  requirement: Requirement;
  /** The terms it was read as. */
  terms: string[];
  /** Its clips, in index order: oldest → newest when it is one term (./term-index.ts). */
  ids: string[];
}

/**
 * How a query is read. Words become the terms they prefix (a cursor step per term, ./term-index.ts);
 * at the same time every requirement is probed for rarity (./rare-probe.ts) and each facet checked
 * for whether every clip meets it. Each requirement costs two requests one after the other, all
 * requirements in parallel.
 */
export async function planSearch(index: TermIndex, requirements: Requirement[]): Promise<Plan> {
  const resolved = await Promise.all(
    requirements.map(async (requirement) => {
      const ranges =
        requirement.word === undefined
          ? requirement.terms!.map((term) => ({ name: `term ${term}`, range: allOf(term) }))
          : [{ name: `prefix ${requirement.word}`, range: prefixOf(requirement.word) }];
      const isEveryClip = isMetByEveryClip(index, requirement);
      const [terms, rare] = await Promise.all([
        requirement.terms ?? termsStartingWith(index, requirement.word!, MAX_WORD_TERMS + 1),
        clipsIfRare(index, ranges, isEveryClip),
      ]);
      return { requirement, terms, rare, isEveryClip: await isEveryClip };
    }),
  );
  const plan: Plan = { requirements, streams: [], wide: [], isEmpty: resolved.some(({ terms }) => terms.length === 0), rare: null };
  for (const { requirement, terms, rare } of resolved) {
    if (rare && (!plan.rare || rare.length < plan.rare.ids.length)) plan.rare = { requirement, terms, ids: rare };
    if (terms.length > MAX_WORD_TERMS) plan.wide.push(requirement);
  }
  const read = resolved.filter(({ terms, isEveryClip }) => terms.length <= MAX_WORD_TERMS && !isEveryClip);
  // Kept when nothing else is read: one of a single term, whose range also gives the order (./spans.ts).
  const fallback = resolved.find(({ terms }) => terms.length === 1) ?? resolved[0];
  const kept = read.length > 0 || plan.wide.length > 0 || !fallback ? read : [fallback];
  plan.streams = kept.map(({ requirement, terms }) => ({ requirement, terms }));
  return plan;
}

/** Facets of which every clip has at least one term, and the values they can take when known. */
const EVERY_CLIP_HAS: Partial<Record<Facet, readonly string[] | 'open'>> = {
  kind: clipKindSchema.options,
  status: clipSchema.shape.status.options,
  workspace: 'open', // a clip filed nowhere has the empty workspace term (./terms.ts)
};

/**
 * Whether every clip meets a facet requirement: no clip has a term of that facet outside it. One
 * request per other value (status, kind), or two ranges around the one workspace, all at once.
 */
async function isMetByEveryClip(index: TermIndex, { facet, terms = [] }: Requirement): Promise<boolean> {
  const values = facet && EVERY_CLIP_HAS[facet];
  if (!facet || !values || (values === 'open' && terms.length !== 1)) return false;
  const prefix = facetTerm(facet, '');
  const others =
    values === 'open'
      ? [IDBKeyRange.bound([prefix], [terms[0]!], false, true), IDBKeyRange.bound([terms[0]!, []], [`${prefix}\uffff`], true)]
      : values
          .map((value) => facetTerm(facet, value))
          .filter((term) => !terms.includes(term))
          .map(allOf);
  const found = await Promise.all(others.map((range) => index.openKeyCursor(range)));
  return found.every((cursor) => cursor === null);
}

/**
 * Whether candidates are decided on their terms rows: a wide word, or nothing read from the index
 * (then only whether a terms row exists: a flagged clip has none).
 */
export const needsRows = (plan: Plan) => plan.wide.length > 0 || plan.streams.length === 0;

/**
 * The one term whose entries are every match, when the rare requirement is read as that term and
 * nothing else is read (every other requirement is met by every clip): its range lists the matches
 * oldest → newest with ties by id, so neither a terms row nor a capturedAt is needed to order them.
 */
export const soleRareTerm = ({ rare, streams, wide }: Plan): string | null =>
  rare && rare.terms.length === 1 && wide.length === 0 && streams.length === 1 && streams[0]!.requirement === rare.requirement ? rare.terms[0]! : null;
