import { AppError, NotFoundError, ValidationError, errorCodeSchema, type ErrorCode } from '../errors';
import type { PublisherDeps } from '../publish/deps';
import { claimAndPublish } from '../publish/publish-due';
import { CONTENT_LOADERS } from '../publish/content-loaders';
import { countFor } from '../compose/count';
import { deliverySchema, newId, postSchema, type Account, type Delivery, type Post } from '../model';
import { newDelivery } from '../schedule/delivery-rows';
import type { ReplyTarget } from '../networks';
import type { EngageDeps } from './deps';
import { mentionsIn, parentVisibility } from './reply-audience';

/**
 * The one way a reply leaves Cadence (inbox and listening both call it). A reply is a Post with
 * `replyTo` and one Delivery, like any post, so it is counted, listed and measured like one.
 * Exactly once: the delivery's idempotency key and Bluesky record key are chosen and stored
 * before the first attempt; sending again after a failure reuses the same delivery (`retryOf`),
 * so a reply the network did accept before a timeout cannot be posted a second time.
 *
 * It is sent by the publisher's own claim → publish → reconcile path (lib/publish), so a reply
 * gets the same lease, the same reconcile after a crash and the same retry rules as any post; if
 * the background's publish alarm takes it first, that run sends it and this one stands aside.
 */
export interface ReplyInput {
  accountId: string;
  text: string;
  /** With the parent's visibility as the inbox stored it (absent or null: unknown, sent `direct`). */
  replyTo: ReplyTarget;
  /** The delivery of an earlier attempt at this same reply that did not go out. */
  retryOf: string | null;
  /** Told the delivery before the first attempt, so the caller can point at it (and retry it) whatever happens next. */
  onDelivery?: (delivery: Delivery) => Promise<void>;
}

/** A reply written in the inbox or in listening: to an inbox item, a stream result, or neither. */
export interface ReplyRequest {
  accountId: string;
  text: string;
  replyTo: Omit<ReplyTarget, 'visibility'>;
  inboxItemId: string | null;
  streamResultId: string | null;
}

/**
 * A reply from the side panel, with the rules around sendReply: one reply in flight per inbox
 * item; an earlier attempt that did not go out is sent again as the same delivery; who may see
 * the reply is decided from the stored row, never taken from the message; and the item or result
 * replied to is marked so.
 */
export async function replyFromPanel(deps: EngageDeps, request: ReplyRequest): Promise<Delivery> {
  const { store, now } = deps;
  const { accountId, text, replyTo, inboxItemId, streamResultId } = request;
  const item = inboxItemId ? await store.inbox.get(inboxItemId) : undefined;
  const earlier = item?.ok && item.value.replyDeliveryId ? await store.deliveries.get(item.value.replyDeliveryId) : undefined;
  const previous = earlier?.ok ? earlier.value : null;
  if (previous && ['scheduled', 'publishing'].includes(previous.state)) {
    throw new AppError('conflict', 'Your reply to this is still being sent. Wait a moment for it to appear in the conversation.');
  }
  // An earlier attempt that did not go out is sent again as the same delivery: same keys, one reply.
  const retryOf = previous && ['failed', 'retrying', 'held'].includes(previous.state) ? previous.id : null;
  const pointAt = async (delivery: Delivery) => {
    if (inboxItemId) await store.inbox.update(inboxItemId, (current) => current && { ...current, replyDeliveryId: delivery.id });
  };
  // The row's visibility when it is the post answered, else unknown (then Mastodon sends it direct).
  const result = streamResultId ? await store.streamResults.get(streamResultId) : undefined;
  const parent = item?.ok ? item.value : result?.ok ? result.value : null;
  const visibility = parent && parent.ref?.id === replyTo.parent.id ? parentVisibility(parent) : null;
  const delivery = await sendReply(deps, { accountId, text, replyTo: { ...replyTo, visibility }, retryOf, onDelivery: pointAt });
  const at = now();
  if (inboxItemId)
    await store.inbox.update(
      inboxItemId,
      (current) => current && { ...current, repliedAt: current.repliedAt ?? at, isRead: true, state: 'done', snoozedUntil: null },
    );
  if (streamResultId) await store.streamResults.update(streamResultId, (current) => current && { ...current, repliedAt: at });
  return delivery;
}

export async function sendReply(deps: EngageDeps, input: ReplyInput): Promise<Delivery> {
  const { store, now } = deps;
  const account = await connectedAccount(deps, input.accountId);
  const text = input.text.trim();
  if (!text) throw new ValidationError('The reply is empty. Write something first.');
  const count = countFor(account.network, text, account.limits);
  if (count.over) throw new ValidationError(`The reply is ${count.used - count.limit} over the ${count.limit} limit of ${account.network}. Shorten it.`);
  // A direct status reaches only the accounts it mentions: without one, no one would read the answer.
  const visibility = input.replyTo.visibility ?? null;
  if (account.network === 'mastodon' && (visibility === null || visibility === 'direct') && mentionsIn(text).length === 0) {
    throw new ValidationError('This reply is sent direct, and a direct reply reaches only the people it mentions: add their @mentions, then send again.');
  }

  const delivery = input.retryOf ? await reuse(deps, input.retryOf, account, text) : await create(deps, account, text, input.replyTo);
  // Due now: the publisher takes it from here (a failed earlier attempt keeps its lastError, so
  // the publisher reconciles before sending again when that attempt may have reached the network).
  const due = await store.deliveries.update(delivery.id, (current) =>
    current && ['draft', 'failed', 'retrying', 'held'].includes(current.state)
      ? { ...current, state: 'scheduled', dueAt: now(), nextAttemptAt: null, updatedAt: now() }
      : undefined,
  );
  if (!due) throw new AppError('conflict', 'This reply is already being sent or was sent. Check the conversation before sending again.');
  await input.onDelivery?.(due);
  return publishNow(deps, due);
}

async function publishNow(deps: EngageDeps, delivery: Delivery): Promise<Delivery> {
  const publisher: PublisherDeps = {
    ...deps,
    owner: `reply-${crypto.randomUUID()}`,
    notify: async () => undefined, // the inbox shows the outcome where the user is looking
    random: Math.random,
    loaders: CONTENT_LOADERS,
  };
  const sent = deps.publishDelivery ? await deps.publishDelivery(delivery) : await claimAndPublish(publisher, delivery);
  const row = sent ? null : await deps.store.deliveries.get(delivery.id);
  const current = sent ?? (row?.ok ? row.value : null);
  if (!current) throw new NotFoundError('The reply disappeared while it was being sent; write it again.');
  // Published, or the background's run has it (then it goes out there, once).
  if (current.state === 'published' || current.state === 'publishing' || current.state === 'scheduled') return current;
  const reason = current.lastError?.message ?? 'The network did not accept the reply.';
  if (current.state === 'retrying') throw new AppError(codeOf(current, 'network'), `Not sent yet: ${reason} Cadence will try again by itself.`);
  throw new AppError(codeOf(current, 'validation'), reason);
}

/** The stored error code of the last attempt, when it is one of ours. */
function codeOf(delivery: Delivery, fallback: ErrorCode): ErrorCode {
  const parsed = errorCodeSchema.safeParse(delivery.lastError?.code);
  return parsed.success ? parsed.data : fallback;
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
    replyTo: { parent: replyTo.parent, root: replyTo.root, visibility: replyTo.visibility ?? null },
    createdAt: at,
    updatedAt: at,
  };
  // The same row every post gets (lib/schedule/delivery-rows.ts): the idempotency key is chosen
  // now, the Bluesky record key by the publisher's claim, before the first attempt.
  const delivery = newDelivery(post.id, account, { state: 'draft', dueAt: null }, at);
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
