import { AppError, NotFoundError, ValidationError, toWireError } from '../errors';
import { countFor } from '../compose/count';
import { deliverySchema, newId, postSchema, type Account, type Delivery, type Post } from '../model';
import { newTid } from '../networks/tid';
import type { ReplyTarget } from '../networks';
import type { EngageDeps } from './deps';

/**
 * The one way a reply leaves Cadence (inbox and listening both call it). A reply is a Post with
 * `replyTo` and one Delivery, like any post, so it is counted, listed and measured like one.
 * Exactly once: the delivery's idempotency key and Bluesky record key are chosen and stored
 * before the first attempt; sending again after a failure reuses the same delivery (`retryOf`),
 * so a reply the network did accept before a timeout cannot be posted a second time.
 *
 * The publisher (lib/publish, branch `publisher`) is not there yet: until it is, this publishes
 * through the adapter itself. Switching to the publisher means replacing `publishNow` below.
 */
export interface ReplyInput {
  accountId: string;
  text: string;
  replyTo: ReplyTarget;
  /** The delivery of an earlier attempt at this same reply that did not go out. */
  retryOf: string | null;
  /** Told the delivery before the first attempt, so the caller can point at it (and retry it) whatever happens next. */
  onDelivery?: (delivery: Delivery) => Promise<void>;
}

export async function sendReply(deps: EngageDeps, input: ReplyInput): Promise<Delivery> {
  const { store, now } = deps;
  const account = await connectedAccount(deps, input.accountId);
  const text = input.text.trim();
  if (!text) throw new ValidationError('The reply is empty. Write something first.');
  const count = countFor(account.network, text, account.limits);
  if (count.over) throw new ValidationError(`The reply is ${count.used - count.limit} over the ${count.limit} limit of ${account.network}. Shorten it.`);

  const delivery = input.retryOf ? await reuse(deps, input.retryOf, account, text) : await create(deps, account, text, input.replyTo);
  const claimed = await store.deliveries.update(delivery.id, (current) =>
    current && (current.state === 'draft' || current.state === 'failed') ? { ...current, state: 'publishing', attempt: current.attempt + 1, lastError: null, updatedAt: now() } : undefined,
  );
  if (!claimed) throw new AppError('conflict', 'This reply is already being sent or was sent. Check the conversation before sending again.');
  await input.onDelivery?.(claimed);
  return publishNow(deps, account, claimed, text, input.replyTo);
}

async function publishNow(deps: EngageDeps, account: Account, delivery: Delivery, text: string, replyTo: ReplyTarget): Promise<Delivery> {
  const { store, now } = deps;
  try {
    const result = await deps.adapterFor(account).publish({
      parts: [{ text, media: [], link: null }],
      lang: null,
      idempotencyKey: delivery.idempotencyKey,
      rkey: delivery.rkey,
      done: delivery.parts,
      replyTo,
      scheduledAt: null,
    });
    const remote = result.parts[0]!;
    const published = await store.deliveries.update(delivery.id, (current) =>
      current && { ...current, state: 'published', remote, parts: result.parts, lease: null, publishedAt: now(), updatedAt: now() },
    );
    return published!;
  } catch (error) {
    // Kept as `failed` with the reason: the user's text stays in the post, and a retry reuses this delivery.
    await store.deliveries.update(delivery.id, (current) => current && { ...current, state: 'failed', lastError: toWireError(error), updatedAt: now() });
    throw error;
  }
}

async function connectedAccount({ store }: EngageDeps, accountId: string): Promise<Account> {
  const row = await store.accounts.get(accountId);
  if (!row?.ok) throw new NotFoundError('That account is no longer in Cadence.');
  if (row.value.status !== 'connected') throw new AppError('auth', `@${row.value.handle} is disconnected. Reconnect it in Settings, then send again.`);
  if (row.value.publishMode !== 'api') throw new ValidationError(`Replies from ${row.value.network} are written on ${row.value.network} itself.`);
  return row.value;
}

async function create({ store, now }: EngageDeps, account: Account, text: string, replyTo: ReplyTarget): Promise<Delivery> {
  const at = now();
  const post: Post = {
    v: 1,
    id: newId('post'),
    workspaceId: account.workspaceId,
    clipId: null,
    text,
    variants: [],
    media: [],
    link: null,
    lang: null,
    campaign: null,
    pillar: null,
    utm: { enabled: false, medium: 'social', campaign: '' },
    experiment: null,
    evergreenDays: null,
    replyTo,
    createdAt: at,
    updatedAt: at,
  };
  const delivery: Delivery = {
    v: 1,
    id: newId('dlv'),
    postId: post.id,
    accountId: account.id,
    workspaceId: account.workspaceId,
    network: account.network,
    state: 'draft',
    method: 'api',
    dueAt: at,
    attempt: 0,
    nextAttemptAt: null,
    lease: null,
    idempotencyKey: crypto.randomUUID(),
    rkey: account.network === 'bluesky' ? newTid(at) : null,
    remote: null,
    parts: [],
    lastError: null,
    publishedAt: null,
    updatedAt: at,
  };
  // Post and delivery in one transaction: a reply never exists half.
  const tx = store.db.transaction(['posts', 'deliveries'], 'readwrite');
  await Promise.all([tx.objectStore('posts').put(postSchema.parse(post)), tx.objectStore('deliveries').put(deliverySchema.parse(delivery)), tx.done]);
  store.feed.publish({ store: 'posts', keys: [post.id], op: 'put' });
  store.feed.publish({ store: 'deliveries', keys: [delivery.id], op: 'put' });
  return delivery;
}

async function reuse({ store, now }: EngageDeps, deliveryId: string, account: Account, text: string): Promise<Delivery> {
  const row = await store.deliveries.get(deliveryId);
  if (!row?.ok || row.value.accountId !== account.id) throw new NotFoundError('The earlier attempt at this reply is gone; write it again.');
  await store.posts.update(row.value.postId, (post) => (post && post.text !== text ? { ...post, text, updatedAt: now() } : undefined));
  return row.value;
}
