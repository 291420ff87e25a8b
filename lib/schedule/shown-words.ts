import { outgoingComment, outgoingParts } from '../compose/post-draft';
import type { Delivery, Media, Post, SentMedia, SentPart } from '../model';

/**
 * The words to show for a delivery: what it sent once it is out (Delivery.sent, lib/publish/sent.ts
 * keeps that record), else what its post says now. Here, not in lib/publish, because the side
 * panel shows them and never loads the publisher.
 */

/** An image as the record of a sent part keeps it: where Cadence stores it, its alt text and type. */
export function sentMedia(media: Media): SentMedia {
  return { src: media.src, alt: media.alt, mime: media.mime };
}

/**
 * The parts the post gives this delivery now, without loading any image: an API delivery sends
 * its thread with the images and link card on the first part (lib/publish/build-input.ts); a reminder opens
 * the share page with the whole thread as one post and nothing attached.
 */
export function partsFromPost(post: Post, delivery: Pick<Delivery, 'accountId' | 'network' | 'method'>): SentPart[] {
  const texts = outgoingParts(post, { id: delivery.accountId, network: delivery.network });
  // A reminder's share page takes one post: the thread's parts, one after another (lib/publish/build-input.ts shareText).
  if (delivery.method === 'reminder') return [{ text: texts.join('\n\n'), alts: [], link: null, media: [] }];
  const alts = post.media.map((media) => media.alt);
  const media = post.media.map(sentMedia);
  const parts: SentPart[] = texts.map((text, index) =>
    index === 0 ? { text, alts, link: post.link?.url ?? null, media } : { text, alts: [], link: null, media: [] },
  );
  const comment = outgoingComment(post, { id: delivery.accountId, network: delivery.network });
  return comment === null ? parts : [...parts, { text: comment, alts: [], link: null, media: [], comment: true }];
}

/** The first comment of a delivery (issue 22): what went out once published, else what its post says now; null: none. */
export function shownComment(delivery: Delivery, post: Post | null): string | null {
  const sent = RECORDED.includes(delivery.state) ? delivery.sent : null;
  const parts = sent && sent.parts.length > 0 ? sent.parts : post ? partsFromPost(post, delivery) : [];
  const last = parts.at(-1);
  return last?.comment ? last.text : null;
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
