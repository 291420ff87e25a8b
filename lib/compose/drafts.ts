import { ValidationError } from '../errors';
import { deliverySchema, postSchema, type Delivery, type Post } from '../model';
import type { Store } from '../store';
import { wordsOf } from '../text/words';

/**
 * The drafts of a workspace (issue 17): its posts that nothing is queued for. A draft is a post
 * whose deliveries are all drafts or cancelled (or that has none yet), with some words or an
 * image; an unscheduled post is a draft again. Replies belong to their inbox conversation and
 * are not listed. A damaged delivery row counts as queued: the Calendar shows it flagged, and a
 * post that may be on its way is never offered for deletion.
 */

export interface Draft {
  post: Post;
  /** The accounts ticked for it (its draft deliveries, else its variants). */
  accountIds: string[];
}

export interface RemovedDraft {
  post: Post;
  deliveries: Delivery[];
}

const isOpen = (raw: unknown) => {
  const parsed = deliverySchema.safeParse(raw);
  return parsed.success && (parsed.data.state === 'draft' || parsed.data.state === 'cancelled');
};

export function hasWords(post: Post): boolean {
  const texts = [post.text, ...post.variants.flatMap((variant) => [variant.text ?? '', ...variant.thread])];
  return post.media.length > 0 || texts.some((text) => text.trim() !== '');
}

/** The workspace's drafts, last edited first, read in one transaction. */
export async function listDrafts(store: Store, workspaceId: string): Promise<Draft[]> {
  const tx = store.db.transaction(['posts', 'deliveries'], 'readonly');
  const range = IDBKeyRange.bound([workspaceId, 0], [workspaceId, Number.MAX_SAFE_INTEGER]);
  const posts = (await tx.objectStore('posts').index('by-workspace-updatedAt').getAll(range))
    .flatMap((raw) => {
      const parsed = postSchema.safeParse(raw);
      return parsed.success && parsed.data.replyTo === null && hasWords(parsed.data) ? [parsed.data] : [];
    })
    .reverse();
  const byPost = await Promise.all(posts.map((post) => tx.objectStore('deliveries').index('by-post').getAll(post.id)));
  await tx.done;
  return posts.flatMap((post, at) => {
    const rows = byPost[at]!;
    if (!rows.every(isOpen)) return [];
    const drafts = rows.map((raw) => deliverySchema.parse(raw)).filter((d) => d.state === 'draft');
    return [{ post, accountIds: drafts.length > 0 ? drafts.map((d) => d.accountId) : post.variants.map((v) => v.accountId) }];
  });
}

/** Whether every word of `query` begins a word of the draft, accents and case folded as the Queue search folds them. */
export function matchesDraft(post: Post, query: string): boolean {
  const wanted = wordsOf(query);
  if (wanted.length === 0) return true;
  const fields = [
    post.text,
    ...post.variants.flatMap((v) => [v.text ?? '', ...v.thread]),
    post.campaign ?? '',
    post.pillar ?? '',
    post.link?.title ?? '',
    post.link?.url ?? '',
  ];
  const words = wordsOf(fields.join('\n'));
  return wanted.every((word) => words.some((candidate) => candidate.startsWith(word)));
}

/**
 * Deletes a draft and its draft deliveries in one transaction that re-reads them: a post queued
 * meanwhile (from another panel, or by the publisher's hand) is refused and left whole. Returns
 * what it removed, so the view can put it back (Undo). Images stay in the media store: a copy of
 * the post may show the same ones.
 */
export async function deleteDraft(store: Store, postId: string): Promise<RemovedDraft> {
  const tx = store.db.transaction(['posts', 'deliveries'], 'readwrite');
  const [rawPost, rawDeliveries] = await Promise.all([tx.objectStore('posts').get(postId), tx.objectStore('deliveries').index('by-post').getAll(postId)]);
  const post = postSchema.safeParse(rawPost);
  const refusal = !post.success
    ? 'This draft could not be read, so it was left as it is.'
    : rawDeliveries.every(isOpen)
      ? null
      : 'This post is queued or published now, so it is no longer a draft and was not deleted. The Calendar shows where it stands.';
  if (refusal || !post.success) {
    tx.abort();
    await tx.done.catch(() => undefined); // the abort we just asked for
    throw new ValidationError(refusal ?? 'This draft could not be read.');
  }
  const deliveries = rawDeliveries.map((raw) => deliverySchema.parse(raw));
  await Promise.all([tx.objectStore('posts').delete(postId), ...deliveries.map((d) => tx.objectStore('deliveries').delete(d.id)), tx.done]);
  store.feed.publish({ store: 'posts', keys: [postId], op: 'delete' });
  if (deliveries.length > 0) store.feed.publish({ store: 'deliveries', keys: deliveries.map((d) => d.id), op: 'delete' });
  return { post: post.data, deliveries };
}

/** Undo of deleteDraft: the post and its draft deliveries come back as they were. */
export async function restoreDraft(store: Store, removed: RemovedDraft): Promise<void> {
  await store.posts.put(removed.post);
  if (removed.deliveries.length > 0) await store.deliveries.putMany(removed.deliveries);
}
