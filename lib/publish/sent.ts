import type { Delivery, Media, Post, SentPart } from '../model';
import type { PublishPart } from '../networks';
import { sentMedia } from '../schedule/shown-words';

export { partsFromPost, shownText, shownWords, type ShownWords } from '../schedule/shown-words';

/**
 * The record of what a delivery sent (Delivery.sent); the words to show for a delivery are in
 * lib/schedule/shown-words.ts, which the side panel reads too.
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
  return {
    text: part.text,
    alts: part.media.map((item) => item.alt),
    link: part.link?.url ?? null,
    media: media.map(sentMedia),
    ...(part.isComment ? { comment: true as const } : {}),
  };
}

/** The built parts of `post` as a record: its images belong to the first part (build-input.ts). */
export function sentParts(parts: readonly PublishPart[], post: Post): SentPart[] {
  return parts.map((part, index) => sentPart(part, index === 0 ? post.media : []));
}

/**
 * The record of the first `count` parts: the first `keep` as `recorded` holds them (where it
 * does: they went out in an earlier attempt), the rest as this attempt built them.
 */
export function recordSent(recorded: Delivery['sent'], parts: readonly SentPart[], count = parts.length, keep = count): Sent {
  const kept = recorded?.parts ?? [];
  return { parts: parts.slice(0, count).map((part, index) => (index < keep ? (kept[index] ?? part) : part)) };
}
