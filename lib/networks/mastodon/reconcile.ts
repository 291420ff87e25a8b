import type { PublishPart, ReconcileInput, ReconcileResult, RemoteRef } from '../types';
import { statusRef } from './convert';
import { call, compareIds, hostOf, linkRel, type MastodonHttp } from './http';
import { htmlToText } from '../../text/html-to-text';
import { parseAs, scheduledListItemSchema, statusSchema, type MastodonScheduledStatus } from './schemas';
import type { MastodonSession } from './session';

/**
 * Which parts of a delivery exist on the server, after a crash or an expired lease? Invariants:
 * - a part matches a status on what identifies it: its text, its images (how many, and their alt
 *   text in order), what it answers (part 0: the reply target when known; part i: part i − 1 as
 *   found) and a creation time inside the attempt window;
 * - a part with nothing of its own — no text, no alt text — that answers nothing of ours cannot be
 *   told from any other image post in the window: finding such a candidate makes the answer
 *   uncertain, and the publisher holds and asks instead of guessing either way;
 * - a hand-off (`scheduledAt`) is looked for among the server's scheduled statuses first, then,
 *   in case the server has since published it, among our statuses from its time on. The
 *   Idempotency-Key cannot help here: Mastodon clears it in a scheduled status' params and the
 *   key expires after an hour (PostStatusService#scheduled_options);
 * - certain when every part was found, or when every listing read covered the whole window;
 * - `publishedAt` is the server's `created_at` of the first part found, so a post the scheduler
 *   published while the browser was shut keeps the time it really went out.
 */

const PAGE = 40;
const MAX_PAGES = 10;
/** Server and browser clocks differ; statuses this much older than `since` still count as candidates. */
const CLOCK_SLACK_MS = 5 * 60_000;
/** ScheduledStatus#scheduled_at is stored to the microsecond; a second covers any rounding on the way. */
const SCHEDULED_AT_TOLERANCE_MS = 1000;

interface Candidate {
  ref: RemoteRef;
  text: string;
  alts: Array<string | null>;
  inReplyToId: string | number | null;
  createdAt: number;
}

interface Listing {
  candidates: Candidate[];
  isCovered: boolean;
}

export async function reconcile(session: MastodonSession, input: ReconcileInput): Promise<ReconcileResult> {
  const http = { ...(await session.http()), beforeRequest: input.beforeRequest };
  const scheduledAt = input.scheduledAt ?? null;
  let scheduledCovered = true;
  if (scheduledAt !== null && input.done.length === 0 && input.parts.length > 0) {
    const held = await listScheduled(http);
    const match = held.candidates
      .filter((c) => Math.abs(c.createdAt - scheduledAt) < SCHEDULED_AT_TOLERANCE_MS && isSamePart(c, input.parts[0]!, replyTarget(input, 0, [])))
      .sort((a, b) => compareIds(a.ref.id, b.ref.id))[0];
    if (match) return { parts: [match.ref], certain: true, serverScheduled: true };
    scheduledCovered = held.isCovered;
  }
  const since = Math.min(input.since, scheduledAt ?? input.since);
  const own = await listOwnStatuses(session, http, since - CLOCK_SLACK_MS);
  // A status the scheduler published was created at (or just after) its scheduled time.
  const windowStart = (scheduledAt ?? input.since) - CLOCK_SLACK_MS;
  const { found, isAmbiguous } = matchParts(own.candidates, input, windowStart);
  const isComplete = found.length >= input.parts.length;
  const certain = !isAmbiguous && (isComplete || (own.isCovered && scheduledCovered));
  // Only a status this call found has a time to give; a part the caller already knew does not.
  const first = input.done.length === 0 ? own.candidates.find((c) => c.ref.id === found[0]?.id) : undefined;
  return first && first.createdAt > 0 ? { parts: found, certain, publishedAt: first.createdAt } : { parts: found, certain };
}

/** Text as the server shows it back: remote mentions lose their domain, whitespace collapses. */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFC')
    .replace(/(^|[^/\w])@([a-z0-9_]+)@[a-z0-9.-]+[a-z0-9]/gi, '$1@$2')
    .replace(/\s+/g, ' ')
    .trim();
}

function normalizeAlt(alt: string | null | undefined): string | null {
  return normalizeForMatch(alt ?? '') || null;
}

/** Parts in order; each stops at the first part not found, since a thread is a chain. */
function matchParts(candidates: Candidate[], input: ReconcileInput, windowStart: number): { found: RemoteRef[]; isAmbiguous: boolean } {
  const found: RemoteRef[] = [...input.done];
  const used = new Set(found.map((ref) => ref.id));
  for (let i = found.length; i < input.parts.length; i++) {
    const part = input.parts[i]!;
    // The oldest match: the first attempt is the one that went through.
    const match = candidates
      .filter((c) => c.createdAt >= windowStart && !used.has(c.ref.id) && isSamePart(c, part, replyTarget(input, i, found)))
      .sort((a, b) => a.createdAt - b.createdAt || compareIds(a.ref.id, b.ref.id))[0];
    if (!match) break;
    if (!isIdentifying(part, i)) return { found, isAmbiguous: true };
    used.add(match.ref.id);
    found.push(match.ref);
  }
  return { found, isAmbiguous: false };
}

/** What part i must answer: undefined when the caller did not say (any parent will do). */
function replyTarget(input: ReconcileInput, index: number, found: RemoteRef[]): string | null | undefined {
  if (index > 0) return found[input.parts[index]?.isComment ? 0 : index - 1]!.id;
  return input.replyTo === undefined ? undefined : (input.replyTo?.parent.id ?? null);
}

function isSamePart(candidate: Candidate, part: PublishPart, parentId: string | null | undefined): boolean {
  const alts = part.media.map((media) => normalizeAlt(media.alt));
  return (
    candidate.text === normalizeForMatch(part.text) &&
    candidate.alts.length === alts.length &&
    candidate.alts.every((alt, i) => alt === alts[i]) &&
    (parentId === undefined || isSameId(candidate.inReplyToId, parentId))
  );
}

/** Text or alt text of its own, or answering our own previous part: nobody else posts that. */
function isIdentifying(part: PublishPart, index: number): boolean {
  return index > 0 || normalizeForMatch(part.text) !== '' || part.media.some((media) => normalizeAlt(media.alt) !== null);
}

/** A scheduled status' reply target is a JSON number, rounded like any id past 2^53: compare it rounded. */
function isSameId(actual: string | number | null, wanted: string | null): boolean {
  if (actual === null || wanted === null) return actual === wanted;
  return typeof actual === 'number' ? Number(wanted) === actual : actual === wanted;
}

/** GET /api/v1/accounts/:id/statuses, newest first, back to `windowStart`. */
async function listOwnStatuses(session: MastodonSession, http: MastodonHttp, windowStart: number): Promise<Listing> {
  const ownId = await session.ownId();
  const candidates: Candidate[] = [];
  let maxId: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { body } = await call(http, {
      path: `/api/v1/accounts/${encodeURIComponent(ownId)}/statuses`,
      query: { limit: String(PAGE), max_id: maxId, exclude_reblogs: 'true' },
    });
    const items = parseAs(statusSchema.array(), body, hostOf(http.server), 'our posts');
    for (const status of items) {
      candidates.push({
        ref: statusRef(status),
        text: normalizeForMatch(htmlToText(status.content)),
        alts: status.media_attachments.map((media) => normalizeAlt(media.description)),
        inReplyToId: status.in_reply_to_id ?? null,
        createdAt: Date.parse(status.created_at) || 0,
      });
    }
    const oldest = items.at(-1);
    if (!oldest || items.length < PAGE || (Date.parse(oldest.created_at) || 0) < windowStart) return { candidates, isCovered: true };
    maxId = oldest.id;
  }
  return { candidates, isCovered: false };
}

/**
 * GET /api/v1/scheduled_statuses, following rel="next". A server holds at most 300 per account
 * (ScheduledStatus::TOTAL_LIMIT), so the pages we read cover them all. `createdAt` of these
 * candidates is their scheduled time, and their ref has no URL until published (see remove()).
 */
async function listScheduled(http: MastodonHttp): Promise<Listing> {
  const candidates: Candidate[] = [];
  let next: Parameters<typeof call>[1] | null = { path: '/api/v1/scheduled_statuses', query: { limit: String(PAGE) } };
  for (let page = 0; page < MAX_PAGES && next; page++) {
    const response = await call(http, next);
    const items = parseAs(scheduledListItemSchema.array(), response.body, hostOf(http.server), 'our scheduled posts');
    candidates.push(...items.map(toScheduledCandidate));
    const older = linkRel(response.headers, 'next');
    if (items.length < PAGE || !older) return { candidates, isCovered: true };
    next = { path: older };
  }
  return { candidates, isCovered: false };
}

function toScheduledCandidate(item: MastodonScheduledStatus): Candidate {
  return {
    ref: { id: item.id, url: '', cid: null },
    text: normalizeForMatch(item.params.text ?? ''),
    alts: item.media_attachments.map((media) => normalizeAlt(media.description)),
    inReplyToId: item.params.in_reply_to_id ?? null,
    createdAt: Date.parse(item.scheduled_at) || 0,
  };
}
