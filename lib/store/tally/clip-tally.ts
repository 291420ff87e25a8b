import { z } from 'zod';
import { clipSchema, type Clip, type ClipKind } from '../../model';
import { siteOf } from '../search/terms';

/**
 * How many clips there are, by what the queue counts and lists: one row for every clip and one per
 * workspace, kept by every write to `clips` in the same transaction (./tally-clip-changes.ts).
 * The queue reads one or two small rows instead of counting index ranges over every clip.
 *
 * Invariants:
 * - `clips` is the sum of `statusKinds`; no count is zero or negative (a zero count is dropped).
 *   A row that breaks this, or fails its schema, is never trusted: the tally is rebuilt.
 * - Only valid clips are counted; rows that fail the clip schema are `flagged` on the all-clips row.
 * - Counts are [value, count] pairs, not objects: a tag may be called `__proto__`.
 */
const countsSchema = z.array(z.tuple([z.string(), z.number().int().positive()]));

export const clipTallySchema = z.object({
  v: z.literal(1),
  /** ALL_CLIPS, or workspaceTallyId(workspace id). */
  id: z.string().min(1),
  clips: z.number().int().nonnegative(),
  /** Valid clips per `status kind` (statusKindKey): a status filter, a kind filter, or both. */
  statusKinds: countsSchema,
  tags: countsSchema,
  sites: countsSchema,
  /** Rows of the clips store that fail the clip schema (the queue shows them apart). */
  flagged: z.number().int().nonnegative(),
});
export type ClipTallyRow = z.infer<typeof clipTallySchema>;

export const TALLY_STORE = 'clipTally' as const;
export const ALL_CLIPS = 'all';
export const workspaceTallyId = (workspaceId: string) => `workspace:${workspaceId}`;
const statusKindKey = (status: Clip['status'], kind: ClipKind) => `${status} ${kind}`;

/** A tally row as maps, for counting and changing. */
export interface ClipTally {
  id: string;
  clips: number;
  statusKinds: Map<string, number>;
  tags: Map<string, number>;
  sites: Map<string, number>;
  flagged: number;
}

export const emptyTally = (id: string): ClipTally => ({ id, clips: 0, statusKinds: new Map(), tags: new Map(), sites: new Map(), flagged: 0 });

/** The stored row as a tally, or null when it is damaged or inconsistent (then it must be rebuilt). */
export function tallyOfRow(raw: unknown): ClipTally | null {
  const row = clipTallySchema.safeParse(raw);
  if (!row.success) return null;
  const tally = { ...row.data, statusKinds: new Map(row.data.statusKinds), tags: new Map(row.data.tags), sites: new Map(row.data.sites) };
  return sum(tally.statusKinds) === tally.clips ? tally : null;
}

export function rowOfTally(tally: ClipTally): ClipTallyRow {
  return { v: 1, ...tally, statusKinds: [...tally.statusKinds], tags: [...tally.tags], sites: [...tally.sites] };
}

/** Counts `clip` in (sign 1) or out (sign -1). False when a count would fall below zero: the tally was wrong. */
export function countClip(tally: ClipTally, clip: Clip, sign: 1 | -1): boolean {
  const site = siteOf(clip);
  const changes: [Map<string, number>, string][] = [
    [tally.statusKinds, statusKindKey(clip.status, clip.kind)],
    ...[...new Set(clip.tags)].map((tag): [Map<string, number>, string] => [tally.tags, tag]),
    ...(site ? [[tally.sites, site] as [Map<string, number>, string]] : []),
  ];
  tally.clips += sign;
  let isConsistent = tally.clips >= 0;
  for (const [counts, key] of changes) {
    const next = (counts.get(key) ?? 0) + sign;
    if (next < 0) isConsistent = false;
    if (next <= 0) counts.delete(key);
    else counts.set(key, next);
  }
  return isConsistent;
}

/** Clips of these statuses (none: every status) and this kind (none: every kind). */
export function countOf(tally: ClipTally, { statuses = [], kind }: { statuses?: readonly Clip['status'][]; kind?: ClipKind }): number {
  let total = 0;
  for (const [key, count] of tally.statusKinds) {
    const [status, clipKind] = key.split(' ') as [Clip['status'], ClipKind];
    if ((statuses.length === 0 || statuses.includes(status)) && (kind === undefined || kind === clipKind)) total += count;
  }
  return total;
}

/** A facet's values, in index order (as the by-term index lists them), with their counts. */
export function facetCounts(tally: ClipTally, facet: 'tag' | 'site'): [string, number][] {
  return [...(facet === 'tag' ? tally.tags : tally.sites)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const sum = (counts: Map<string, number>) => [...counts.values()].reduce((total, count) => total + count, 0);

/** One write to the clips store: the row before it (raw: absent, valid or damaged) and after it (absent when deleted). */
export interface ClipChange {
  before: unknown;
  after: unknown;
}

/** Applies `changes` in memory; the ids of the rows changed, or null when a count fell below zero (the tally was wrong). */
export function countChanges(tallies: Map<string, ClipTally>, changes: ClipChange[]): Set<string> | null {
  const all = tallies.get(ALL_CLIPS)!;
  const touched = new Set<string>([ALL_CLIPS]);
  let isConsistent = true;
  const count = (raw: unknown, sign: 1 | -1) => {
    if (raw === undefined) return;
    const clip = clipSchema.safeParse(raw);
    if (!clip.success) {
      all.flagged += sign;
      isConsistent &&= all.flagged >= 0;
      return;
    }
    for (const id of [ALL_CLIPS, ...new Set(clip.data.workspaceIds)].map((id, i) => (i === 0 ? id : workspaceTallyId(id)))) {
      const tally = tallies.get(id) ?? emptyTally(id);
      tallies.set(id, tally);
      touched.add(id);
      isConsistent = countClip(tally, clip.data, sign) && isConsistent;
    }
  };
  for (const { before, after } of changes) {
    count(before, -1);
    count(after, 1);
  }
  return isConsistent ? touched : null;
}
