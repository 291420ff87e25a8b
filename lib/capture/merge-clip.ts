import type { Clip, ClipCapture, ClipKind } from '../model';

/**
 * How a new capture of a canonical URL joins the clip already filed under it (issue 17: "Clip
 * link" on a page clipped as an article made its title "click here" and dropped its byline and
 * lead image). Invariants:
 * - a field the clip has is replaced only by a capture at least as rich as the clip (an article
 *   or a social post is richer than a link) that has a value for it: a poorer capture never
 *   overwrites, and an empty value never erases;
 * - a field the clip lacks is filled by any capture that has it;
 * - a link's text that says something the title does not is added to the note, never lost;
 * - the user's tags, note and status stay (an archived clip captured again comes back as new),
 *   credits and workspaces add up.
 */

const RICHNESS: Record<ClipKind, number> = { link: 0, selection: 1, image: 1, article: 2, 'social-post': 2, 'feed-item': 1 };

/** The page fields a capture brings, richest first to lose. */
const PAGE_FIELDS = [
  'title',
  'excerpt',
  'byline',
  'siteName',
  'publishedTime',
  'lang',
  'text',
  'html',
  'leadImage',
  'readingMinutes',
  'quote',
  'image',
  'post',
] as const;
type PageField = (typeof PAGE_FIELDS)[number];

/** Whether a capture of `incoming` kind may replace what a clip of `current` kind holds. */
export const isAtLeastAsRich = (incoming: ClipKind, current: ClipKind): boolean => RICHNESS[incoming] >= RICHNESS[current] && incoming !== 'link';

export function mergeCapture(current: Clip, capture: ClipCapture, { workspaceIds, at }: { workspaceIds: string[]; at: number }): Clip {
  const isRicher = isAtLeastAsRich(capture.kind, current.kind);
  const merged: Clip = { ...current };
  for (const field of PAGE_FIELDS) {
    const has = hasValue(current, field);
    if (hasValue(capture, field) && (isRicher || !has)) Object.assign(merged, { [field]: capture[field] });
  }
  return {
    ...merged,
    kind: isRicher ? capture.kind : current.kind,
    sourceUrl: isRicher ? capture.sourceUrl : current.sourceUrl,
    note: capture.kind === 'link' ? withLinkText(current.note, merged.title, capture) : current.note,
    credits: mergeCredits(current.credits, capture.credits),
    warnings: isRicher ? capture.warnings : current.warnings,
    workspaceIds: [...new Set([...current.workspaceIds, ...workspaceIds])],
    status: current.status === 'archived' ? 'new' : current.status,
    updatedAt: at,
  };
}

/**
 * A field counts as known when it says something: not null, not blank, and for the title not
 * the bare address (a link without text is titled by its URL, lib/capture/from-context.ts).
 */
function hasValue(clip: Pick<Clip, PageField | 'url' | 'sourceUrl'>, field: PageField): boolean {
  const value = clip[field];
  if (value === null) return false;
  if (typeof value !== 'string') return true;
  const text = value.trim();
  return text !== '' && !(field === 'title' && (text === clip.url || text === clip.sourceUrl));
}

/** The link's text, added on its own line unless the title or the note already says it. */
function withLinkText(note: string, title: string, capture: ClipCapture): string {
  const text = capture.title.trim();
  if (!hasValue(capture, 'title')) return note;
  const said = (within: string) =>
    within.toLowerCase().includes(text.toLowerCase()) || (within !== '' && text.toLowerCase().includes(within.toLowerCase().trim()));
  if (said(title) || note.split('\n').some((line) => line.trim().toLowerCase() === text.toLowerCase())) return note;
  return note.trim() === '' ? text : `${note}\n${text}`;
}

/** The page facts a quote or picture of the page lacks, taken from the page's own clip: who wrote it, where, in which language. */
const ABOUT_PAGE = ['title', 'byline', 'siteName', 'publishedTime', 'lang'] as const;

export function withPageFacts(capture: ClipCapture, page: Clip): ClipCapture {
  const filled: ClipCapture = { ...capture, credits: mergeCredits(page.credits, capture.credits) };
  for (const field of ABOUT_PAGE) if (!hasValue(capture, field) && hasValue(page, field)) Object.assign(filled, { [field]: page[field] });
  return filled;
}

export function mergeCredits(a: Clip['credits'], b: Clip['credits']): Clip['credits'] {
  const seen = new Map(a.map((credit) => [`${credit.network}:${credit.handle.toLowerCase()}`, credit]));
  for (const credit of b) seen.set(`${credit.network}:${credit.handle.toLowerCase()}`, credit);
  return [...seen.values()];
}
