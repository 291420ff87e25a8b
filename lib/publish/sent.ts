import type { Delivery, Media, Post, SentMedia, SentPart } from '../model';
import type { PublishPart } from '../networks';
import { senderOf, shareText, textsFor } from './build-input';

/**
 * The record of what a delivery sent (Delivery.sent), and the words to show for a delivery.
 *
 * Invariants:
 * - `sent.parts[i]` is written in the same write as `parts[i]`, from the part this attempt built:
 *   edits are refused while a delivery is `publishing` (lib/schedule/edit-lock.ts), so that is
 *   what the network got. Reminders have no `parts`: "Confirm posted" records the one post their
 *   share page was filled with;
 * - a part recorded once stays as it is unless that part is sent again: a thread that failed half
 *   way may be edited while it waits to retry, and its first parts went out with the old words;
 * - the images that went out are recorded as the post held them (their `src`, alt text and type),
 *   so a round with new images leaves the record of the last one as it was (issue 17);
 * - a published or deleted delivery shows its `sent` words, or the words of its last edit on the
 *   network (Delivery.edits); anything else, and rows published before `sent` was kept, show the
 *   post's words as they are now.
 */
type Sent = NonNullable<Delivery['sent']>;

/** What a person reads of one built part: no image bytes, only where Cadence keeps each image and its alt text. */
export function sentPart(part: PublishPart, media: readonly Media[] = []): SentPart {
  return { text: part.text, alts: part.media.map((item) => item.alt), link: part.link?.url ?? null, media: media.map(sentMedia) };
}

/** The built parts of `post` as a record: its images belong to the first part (build-input.ts). */
export function sentParts(parts: readonly PublishPart[], post: Post): SentPart[] {
  return parts.map((part, index) => sentPart(part, index === 0 ? post.media : []));
}

function sentMedia(media: Media): SentMedia {
  return { src: media.src, alt: media.alt, mime: media.mime };
}

/**
 * The record of the first `count` parts: the first `keep` as `recorded` holds them (where it
 * does: they went out in an earlier attempt), the rest as this attempt built them.
 */
export function recordSent(recorded: Delivery['sent'], parts: readonly SentPart[], count = parts.length, keep = count): Sent {
  const kept = recorded?.parts ?? [];
  return { parts: parts.slice(0, count).map((part, index) => (index < keep ? (kept[index] ?? part) : part)) };
}

/**
 * The parts the post gives this delivery now, without loading any image: an API delivery sends
 * its thread with the images and link card on the first part (build-input.ts); a reminder opens
 * the share page with the whole thread as one post and nothing attached.
 */
export function partsFromPost(post: Post, delivery: Pick<Delivery, 'accountId' | 'network' | 'method'>): SentPart[] {
  if (delivery.method === 'reminder') return [{ text: shareText(post, senderOf(delivery)), alts: [], link: null, media: [] }];
  const alts = post.media.map((media) => media.alt);
  const media = post.media.map(sentMedia);
  return textsFor(post, senderOf(delivery)).map((text, index) => (index === 0 ? { text, alts, link: post.link?.url ?? null, media } : { text, alts: [], link: null, media: [] }));
}

export interface ShownWords {
  /** The text of each part, in order. */
  parts: string[];
  /** The words are the record of what was posted, not the post's current words. */
  isSent: boolean;
  /** Published, and the post has been edited since: what went out differs from what it says now. */
  isEditedSince: boolean;
  /** The images that went out with the first part; null when the record has none (rows from before it kept them). */
  media: SentMedia[] | null;
  /** When the user last edited it on the network from Cadence (Mastodon); then `parts` are the edited words. */
  editedAt: number | null;
}

const RECORDED: readonly Delivery['state'][] = ['published', 'deleted'];

export function shownWords(delivery: Delivery, post: Post | null): ShownWords {
  const now = post ? partsFromPost(post, delivery) : null;
  const sent = RECORDED.includes(delivery.state) ? delivery.sent : null;
  if (!sent || sent.parts.length === 0) return { parts: now?.map((part) => part.text) ?? [], isSent: false, isEditedSince: false, media: null, editedAt: null };
  const isEditedSince = now !== null && (now.length !== sent.parts.length || now.some((part, index) => !isSamePart(part, sent.parts[index]!)));
  const edit = delivery.edits?.at(-1) ?? null;
  const parts = edit ? sent.parts.map((part, index) => edit.parts[index] ?? part.text) : sent.parts.map((part) => part.text);
  return { parts, isSent: true, isEditedSince, media: sent.parts[0]?.media ?? null, editedAt: edit?.at ?? null };
}

function isSamePart(a: SentPart, b: SentPart): boolean {
  const sameMedia = !a.media || !b.media || (a.media.length === b.media.length && a.media.every((item, index) => item.src === b.media![index]!.src));
  return a.text === b.text && a.link === b.link && a.alts.length === b.alts.length && a.alts.every((alt, index) => alt === b.alts[index]) && sameMedia;
}

/** The first part's text: what a person recognises a delivery by on the calendar and in Insights. */
export function shownText(delivery: Delivery, post: Post | null): string {
  return shownWords(delivery, post).parts[0] ?? '';
}
