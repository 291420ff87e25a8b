import { NotFoundError, ValidationError } from '../errors';
import { outgoingComment, outgoingParts } from '../compose/post-draft';
import type { Account, Delivery, LinkCard, Media, Post } from '../model';
import type { LinkEmbed, MediaUpload, PublishInput, PublishPart } from '../networks';
import type { Store } from '../store';

/**
 * From a stored post to what an adapter sends: the account's text (its variant, else the shared
 * text), the thread parts after it, UTM tags added to their links when the post asks for them (as
 * Compose previews them), the post's images and link card on the first part.
 */
export interface ContentLoaders {
  /** Image bytes, resized to the account's limits. */
  loadMedia(media: Media, account: Account): Promise<MediaUpload>;
  /** A link card, with its thumbnail when the account's network shows one and it can be fetched. */
  loadLink(link: LinkCard, account: Account): Promise<LinkEmbed>;
}

/** Who a post goes out as: the account's variant, and its network for the UTM source. */
export type Sender = Pick<Account, 'id' | 'network'>;

/** The thread's texts as they go out for one account: the one function publishing, reconcile, reminders and the record of what was sent read. */
export function textsFor(post: Post, sender: Sender): string[] {
  return outgoingParts(post, sender);
}

/** What a post asks of every network beyond its words: its language and Mastodon's options (issue 17). */
export function postOptions(post: Post): Pick<PublishInput, 'lang' | 'mastodon' | 'bluesky' | 'quote'> {
  return { lang: post.lang, mastodon: post.mastodon ?? null, bluesky: post.bluesky ?? null, quote: post.quote ?? null };
}

/** The sender of a delivery. */
export const senderOf = (delivery: Pick<Delivery, 'accountId' | 'network'>): Sender => ({ id: delivery.accountId, network: delivery.network });

/** A reminder's share page takes one post: the thread's parts, one after another. */
export function shareText(post: Post, sender: Sender): string {
  return textsFor(post, sender).join('\n\n');
}

export async function loadPost(store: Store, delivery: Delivery): Promise<Post> {
  const row = await store.posts.get(delivery.postId);
  if (!row) throw new NotFoundError('The post of this delivery was deleted, so there is nothing to publish.');
  if (!row.ok) throw new ValidationError(`The post could not be read (${row.reason}). Open it in Compose and save it again.`);
  return row.value;
}

/** `beforeEach` runs before each image or card is loaded (the publisher renews its lease there). */
export async function buildParts(
  post: Post,
  account: Account,
  loaders: ContentLoaders,
  beforeEach: () => Promise<void> = async () => undefined,
): Promise<PublishPart[]> {
  const texts = textsFor(post, account);
  if (texts.every((text) => text.trim() === '') && post.media.length === 0)
    throw new ValidationError('This post is empty. Add some text and schedule it again.');
  const media: MediaUpload[] = [];
  for (const item of post.media) {
    await beforeEach();
    media.push(await loaders.loadMedia(item, account));
  }
  if (post.link) await beforeEach();
  const link = post.link ? await loaders.loadLink(post.link, account) : null;
  return withComment(
    post,
    account,
    texts.map((text, index) => (index === 0 ? { text, media, link } : { text, media: [], link: null })),
  );
}

/**
 * The first comment (issue 22) goes out as the last part, after the whole thread, answering
 * part 0: as one more part, it is claimed, leased, recorded and reconciled like the others, so
 * a retry after the post went out sends only the comment.
 */
function withComment(post: Post, sender: Sender, parts: PublishPart[]): PublishPart[] {
  const comment = outgoingComment(post, sender);
  return comment === null ? parts : [...parts, { text: comment, media: [], link: null, isComment: true }];
}

/**
 * The parts as reconcile tells them apart — text, how many images and their alt text — without
 * reading or resizing any image: looking a post up should neither cost nor fail like uploading it.
 */
export function partsToMatch(post: Post, sender: Sender): PublishPart[] {
  const media: MediaUpload[] = post.media.map((item) => ({ bytes: new Uint8Array(0), mime: item.mime, alt: item.alt, width: item.width, height: item.height }));
  return withComment(
    post,
    sender,
    textsFor(post, sender).map((text, index) => ({ text, media: index === 0 ? media : [], link: null })),
  );
}
