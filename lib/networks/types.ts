import type { Account, AccountLimits, BlueskyOptions, Credential, MastodonOptions, Network, QuoteTarget, Visibility } from '../model';

/**
 * The one interface every network sits behind (docs/architecture.md, decision 7). Plain data in and out: no
 * `browser` globals, no IndexedDB, no React. Adapters run only in the background, which is the
 * only context holding credentials.
 *
 * Errors: adapters throw the classes of lib/errors.ts so the publisher and poller can decide
 * without knowing the network —
 *   AuthError          the token stopped working: the account is marked disconnected at once
 *   RateLimitedError   with `retryAt` from Retry-After / ratelimit-reset headers
 *   NetworkError       transient (offline, timeout, 5xx): retried with backoff
 *   ValidationError    permanent, with a sentence a person can act on ("image too large for Mastodon")
 */

/** A reference to a post on a network. `cid` is Bluesky's content hash (null on Mastodon). */
export interface RemoteRef {
  /** at:// URI on Bluesky, the status id on Mastodon. */
  id: string;
  /** A web URL a person can open (bsky.app/profile/…/post/…, the status' `url`). */
  url: string;
  cid: string | null;
}

/** An image ready to upload: already resized/compressed to the account's limits by the caller. */
export interface MediaUpload {
  bytes: Uint8Array;
  mime: string;
  /** Required by the composer before posting to networks that support it; may be '' otherwise. */
  alt: string;
  width: number | null;
  height: number | null;
}

/** A link card (Bluesky `app.bsky.embed.external`); Mastodon builds its own card from the URL. */
export interface LinkEmbed {
  url: string;
  title: string;
  description: string;
  thumb: { bytes: Uint8Array; mime: string } | null;
}

/** One post of a thread. Media and the link card belong to the part they are attached to. */
export interface PublishPart {
  text: string;
  media: MediaUpload[];
  link: LinkEmbed | null;
  /**
   * The post's first comment (issue 22): the last part, answering part 0 rather than the part
   * before it. It is a part like the others for exactly-once: its own record key / Idempotency-Key.
   */
  isComment?: boolean;
}

/** What a reply answers: the parent, and the thread's root (Bluesky reply refs need both). */
export interface ReplyTarget {
  parent: RemoteRef;
  root: RemoteRef;
  /** Who can see the parent; null or absent is unknown, and Mastodon then answers `direct`. */
  visibility?: Visibility | null;
}

export interface PublishInput {
  /** The post and, for a thread, the posts that follow it (each a reply to the one before). */
  parts: PublishPart[];
  /** The post's language (BCP 47): Bluesky `langs`, Mastodon `language`. */
  lang: string | null;
  /** Visibility, content warning and sensitive media on Mastodon; absent or null: the account's defaults. Other networks ignore it. */
  mastodon?: MastodonOptions | null;
  /** Who can reply, whether it may be quoted, self-labels (issue 22); absent or null: Bluesky's defaults. Other networks ignore it. */
  bluesky?: BlueskyOptions | null;
  /** The post part 0 quotes (issue 22); absent or null: none. */
  quote?: QuoteTarget | null;
  /**
   * Chosen before the first attempt and the same on every retry of the same delivery. Mastodon
   * sends `${idempotencyKey}:${index}` as the Idempotency-Key of part `index`.
   */
  idempotencyKey: string;
  /**
   * Bluesky: the record key (a TID) of part 0, chosen before the first attempt; part i uses
   * `threadRkey(rkey, i)` (lib/networks/tid.ts). A second create with the same key cannot make
   * a second post. Null on other networks.
   */
  rkey: string | null;
  /** Parts an earlier attempt already published, in order: publishing resumes after them. */
  done: RemoteRef[];
  /** Set when this post answers another (inbox replies). */
  replyTo: ReplyTarget | null;
  /** Mastodon hand-off: the server publishes at this time (`scheduled_at`). */
  scheduledAt: number | null;
  /**
   * Called before every request the adapter makes (the publisher renews its lease there; it
   * throws when the lease was lost, and then nothing more may be sent).
   */
  beforeRequest?: () => Promise<void>;
  /** Called after each part is accepted, before the next is sent, so progress survives a kill. */
  onPart?: (index: number, ref: RemoteRef) => Promise<void>;
}

export interface PublishResult {
  /** One ref per part, in order; `parts[0]` is the post the delivery points at. */
  parts: RemoteRef[];
  /** True when the server holds it for later (Mastodon scheduled status). */
  serverScheduled: boolean;
}

/**
 * After a crash or an expired lease: which parts of this delivery exist on the network?
 * `parts` lists, in order, those that were found; publishing resumes after them.
 * `certain: false` means the network could not say (e.g. Mastodon without a match in recent
 * statuses while the idempotency window has passed) — the publisher then holds and asks.
 */
export interface ReconcileResult {
  parts: RemoteRef[];
  certain: boolean;
  /** True when the part found is still held by the server's scheduler (a Mastodon hand-off). */
  serverScheduled?: boolean;
  /** When the network says the first part found was created (epoch ms), when it says so. */
  publishedAt?: number;
}

export interface ReconcileInput extends Pick<PublishInput, 'parts' | 'idempotencyKey' | 'rkey' | 'done' | 'beforeRequest'> {
  /** When the attempt began: what the network holds from before it is not ours. */
  since: number;
  /** What part 0 answers (null: nothing). When given, a match must answer the same post. */
  replyTo?: ReplyTarget | null;
  /** The post was handed to the server's scheduler for this time: look among its scheduled posts too. */
  scheduledAt?: number | null;
}

export interface RemoteAuthor {
  remoteId: string;
  handle: string;
  displayName: string;
  avatarUrl: string | null;
}

/** A post seen on the network: a notification's subject, a search hit, a thread member. */
export interface RemotePost {
  ref: RemoteRef;
  author: RemoteAuthor;
  /** Plain text (Mastodon HTML converted to text by the adapter). */
  text: string;
  createdAt: number;
  /** The post this one answers, when it answers one. */
  inReplyTo: RemoteRef | null;
  /** The thread's root, for replying into the right conversation. */
  root: RemoteRef | null;
  counts: Record<string, number>;
  /** Who can see it (always 'public' on Bluesky); null when the network said something we do not know. */
  visibility: Visibility | null;
  /**
   * The accounts a reply addresses, as Mastodon's own clients prefill them: the author, then the
   * others it mentions, without the signed-in account; `acct` as the server gives it. Empty on Bluesky.
   */
  replyMentions: string[];
}

export interface RemoteNotification {
  /** Stable per network: the notification id (Mastodon) or the subject URI (Bluesky). */
  remoteId: string;
  kind: 'mention' | 'reply' | 'quote' | 'direct';
  post: RemotePost;
  /** The account's own post this answers or quotes, when there is one. */
  subject: RemoteRef | null;
  isRead: boolean;
}

export interface NotificationPage {
  items: RemoteNotification[];
  /** The new high-water mark to pass next time; unchanged when nothing was new. */
  cursor: string | null;
  /** How many HTTP requests this poll cost (for the poll-cost benchmark). */
  requests: number;
}

export interface SearchPage {
  items: RemotePost[];
  cursor: string | null;
  requests: number;
}

export interface AccountProfile {
  remoteId: string;
  handle: string;
  displayName: string;
  avatarUrl: string | null;
  followers: number;
  following: number;
  posts: number;
}

export interface NetworkAdapter {
  readonly network: Network;
  /** The account's limits, read from the server where it says (Mastodon instance configuration). */
  limits(): Promise<AccountLimits>;
  publish(input: PublishInput): Promise<PublishResult>;
  reconcile(input: ReconcileInput): Promise<ReconcileResult>;
  /**
   * Removes a published post the user deleted, or a server-scheduled status the user cancelled.
   * A published post that is gone already is no error: it is removed.
   */
  remove(ref: RemoteRef): Promise<void>;
  /**
   * Replaces the text of a published post, keeping everything else about it. Mastodon only:
   * Bluesky records have no edit, so its adapter has none (issue 17).
   */
  edit?(ref: RemoteRef, text: string): Promise<void>;
  like(ref: RemoteRef): Promise<RemoteRef>;
  repost(ref: RemoteRef): Promise<RemoteRef>;
  /** Mentions, replies, quotes (and Mastodon direct mentions) newer than `cursor`. */
  notifications(cursor: string | null): Promise<NotificationPage>;
  /**
   * Moves the network's own read marker (Bluesky updateSeen, Mastodon markers) up to and including
   * one notification. `cursor` is the poll cursor when that notification is the newest polled, so
   * a network may use its exact position; otherwise null.
   */
  markSeen(upTo: SeenUpTo): Promise<void>;
  /** The conversation around a post, oldest first. */
  thread(ref: RemoteRef): Promise<RemotePost[]>;
  /** Listening: posts matching a query, newer than `cursor`. */
  search(query: { kind: 'keyword' | 'hashtag' | 'phrase'; text: string }, cursor: string | null): Promise<SearchPage>;
  /** Counts for many posts at once (batched: Bluesky getPosts takes 25 URIs per call). */
  metrics(refs: RemoteRef[]): Promise<Map<string, Record<string, number>>>;
  profile(): Promise<AccountProfile>;
}

/** The newest notification before which every one is read: where a network's read marker may go. */
export interface SeenUpTo {
  remoteId: string;
  /** The notification's time as the inbox stores it (epoch ms). */
  at: number;
  cursor: string | null;
}

/**
 * Where an adapter keeps its credential: it reads it once and writes it back when the session
 * is refreshed, so a refresh token survives a service-worker restart (never a log-in per post).
 */
export interface CredentialVault {
  load(): Promise<Credential['secret']>;
  save(secret: Credential['secret']): Promise<void>;
}

/** Injected everywhere a network is called, so tests can inject faults at the fetch layer. */
export type Fetch = typeof fetch;

/** What every adapter is built from (./index.ts createAdapter): the account, its credential, fetch and the clock. */
export interface AdapterDeps {
  account: Account;
  vault: CredentialVault;
  fetch: Fetch;
  now: () => number;
}

export type AdapterFactory = (deps: AdapterDeps) => NetworkAdapter;
