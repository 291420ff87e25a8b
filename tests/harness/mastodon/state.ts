import { formatStatus, mentionsIn } from './text';

/**
 * The data of the local Mastodon server and how it renders as the documented entities
 * (docs.joinmastodon.org/entities/Account, Status, ScheduledStatus, MediaAttachment,
 * Notification). Ids are decimal strings that grow, like Mastodon's Snowflake ids.
 */

export interface AccountRow {
  id: string;
  username: string;
  displayName: string;
  createdAt: string;
  /** The default visibility of new posts (Preferences → Posting; verify_credentials' source.privacy). */
  privacy?: string;
}

export interface StatusRow {
  id: string;
  accountId: string;
  text: string;
  createdAt: string;
  visibility: string;
  language: string | null;
  /** The content warning ('' for none) and whether the media is sensitive (Status#spoiler_text, #sensitive). */
  spoilerText: string;
  sensitive: boolean;
  inReplyToId: string | null;
  mediaIds: string[];
  reblogOfId: string | null;
  quotedId: string | null;
  /**
   * Who may quote it (Mastodon 4.5, `quote_approval_policy`: public, followers or nobody). Rendered as
   * Status#quote_approval, with `current_user` as the viewer's answer.
   */
  quotePolicy?: 'public' | 'followers' | 'nobody';
  favouritedBy: Set<string>;
  deleted: boolean;
  /** Earlier versions, oldest first, each with when it was replaced (PUT /api/v1/statuses/:id). */
  edits?: Array<{ text: string; at: string }>;
}

/** What a client chooses when it posts a status. */
export type StatusFields = Pick<
  StatusRow,
  'text' | 'visibility' | 'language' | 'spoilerText' | 'sensitive' | 'inReplyToId' | 'mediaIds' | 'quotedId' | 'quotePolicy'
>;

export interface MediaRow {
  id: string;
  accountId: string;
  description: string | null;
  mime: string;
  size: number;
  /** How many more GET /api/v1/media/:id answer 206 before the file is processed. */
  pollsLeft: number;
  statusId: string | null;
}

export interface ScheduledRow {
  id: string;
  accountId: string;
  scheduledAt: string;
  /** As the server renders them (ScheduledStatus#params); what it publishes is in `status`. */
  params: Record<string, unknown>;
  mediaIds: string[];
  /** What PublishScheduledStatusWorker posts when the time comes. */
  status: StatusFields;
}

export interface NotificationRow {
  id: string;
  accountId: string;
  type: string;
  fromAccountId: string;
  statusId: string | null;
  createdAt: string;
}

export class MastodonState {
  private nextId = 110_000_000_000_000_000n;
  readonly accounts = new Map<string, AccountRow>();
  readonly statuses = new Map<string, StatusRow>();
  readonly media = new Map<string, MediaRow>();
  readonly scheduled = new Map<string, ScheduledRow>();
  readonly notifications: NotificationRow[] = [];
  readonly markers = new Map<string, { lastReadId: string; version: number; updatedAt: string }>();
  /** `${followerId}:${followedId}` for every follow. */
  readonly follows = new Set<string>();
  /** `${accountId}:${key}` → the status or scheduled status it made, until the key expires (PostStatusService, Redis). */
  readonly idempotency = new Map<string, { id: string; until: number }>();

  constructor(readonly origin: string) {}

  newId(): string {
    this.nextId += 1n + BigInt(Math.floor(Math.random() * 1000));
    return this.nextId.toString();
  }

  get host(): string {
    return new URL(this.origin).host;
  }

  accountByName(username: string): AccountRow | undefined {
    return [...this.accounts.values()].find((account) => account.username.toLowerCase() === username.toLowerCase());
  }

  /**
   * Status#quote_approval.current_user (docs.joinmastodon.org/entities/Status#quote_approval): the
   * author may always quote themself; others as the policy says (followers: those who follow the author).
   * Only public and unlisted posts can be quoted at all.
   */
  quoteApprovalFor(status: StatusRow, viewerId: string | null): 'automatic' | 'denied' {
    if (viewerId === status.accountId) return 'automatic';
    if (status.visibility !== 'public' && status.visibility !== 'unlisted') return 'denied';
    const policy = status.quotePolicy ?? 'public';
    if (policy === 'public') return 'automatic';
    if (policy === 'followers' && viewerId && this.follows.has(`${viewerId}:${status.accountId}`)) return 'automatic';
    return 'denied';
  }

  visibleStatuses(): StatusRow[] {
    return [...this.statuses.values()].filter((status) => !status.deleted);
  }

  renderAccount(account: AccountRow, withSource = false): Record<string, unknown> {
    const statuses = this.visibleStatuses().filter((status) => status.accountId === account.id);
    return {
      id: account.id,
      username: account.username,
      acct: account.username,
      display_name: account.displayName,
      url: `${this.origin}/@${account.username}`,
      avatar: `${this.origin}/avatars/original/missing.png`,
      created_at: account.createdAt,
      followers_count: [...this.follows].filter((follow) => follow.endsWith(`:${account.id}`)).length,
      following_count: [...this.follows].filter((follow) => follow.startsWith(`${account.id}:`)).length,
      statuses_count: statuses.length,
      ...(withSource ? { source: { privacy: account.privacy ?? 'public', sensitive: false, language: null, note: '' } } : {}),
    };
  }

  /** Status#mentions: the local accounts its text mentions, each once, with acct as this server writes it. */
  mentionsOf(text: string): Array<Record<string, string>> {
    const seen = new Set<string>();
    return mentionsIn(text).flatMap(({ username, domain }) => {
      const account = domain && domain !== this.host.toLowerCase() ? undefined : this.accountByName(username);
      if (!account || seen.has(account.id)) return [];
      seen.add(account.id);
      return [{ id: account.id, username: account.username, acct: account.username, url: `${this.origin}/@${account.username}` }];
    });
  }

  renderMedia(media: MediaRow): Record<string, unknown> {
    const isReady = media.pollsLeft <= 0;
    return {
      id: media.id,
      type: 'image',
      url: isReady ? `${this.origin}/system/media/${media.id}.png` : null,
      preview_url: `${this.origin}/system/media/${media.id}-small.png`,
      description: media.description,
    };
  }

  renderStatus(status: StatusRow, viewerId: string | null): Record<string, unknown> {
    const account = this.accounts.get(status.accountId)!;
    const parent = status.inReplyToId ? this.statuses.get(status.inReplyToId) : undefined;
    const original = status.reblogOfId ? this.statuses.get(status.reblogOfId) : undefined;
    const quoted = status.quotedId ? this.statuses.get(status.quotedId) : undefined;
    const live = this.visibleStatuses();
    return {
      id: status.id,
      uri: `${this.origin}/users/${account.username}/statuses/${status.id}`,
      url: status.reblogOfId ? null : `${this.origin}/@${account.username}/${status.id}`,
      created_at: status.createdAt,
      edited_at: status.edits?.at(-1)?.at ?? null,
      account: this.renderAccount(account),
      content: status.reblogOfId ? '' : formatStatus(status.text, this.origin),
      visibility: status.visibility,
      mentions: this.mentionsOf(status.text),
      language: status.language,
      spoiler_text: status.spoilerText,
      sensitive: status.sensitive,
      in_reply_to_id: status.inReplyToId,
      in_reply_to_account_id: parent?.accountId ?? null,
      media_attachments: status.mediaIds.map((id) => this.renderMedia(this.media.get(id)!)),
      replies_count: live.filter((other) => other.inReplyToId === status.id).length,
      reblogs_count: live.filter((other) => other.reblogOfId === status.id).length,
      favourites_count: status.favouritedBy.size,
      quotes_count: live.filter((other) => other.quotedId === status.id).length,
      favourited: viewerId ? status.favouritedBy.has(viewerId) : undefined,
      reblogged: viewerId ? live.some((other) => other.reblogOfId === status.id && other.accountId === viewerId) : undefined,
      reblog: original ? this.renderStatus(original, viewerId) : null,
      quote: quoted ? { state: 'accepted', quoted_status: this.renderStatus(quoted, viewerId) } : null,
      quote_approval: {
        automatic: status.quotePolicy === 'nobody' ? [] : [status.quotePolicy ?? 'public'],
        manual: [],
        current_user: this.quoteApprovalFor(status, viewerId),
      },
    };
  }

  renderScheduled(row: ScheduledRow): Record<string, unknown> {
    return {
      id: row.id,
      scheduled_at: row.scheduledAt,
      params: row.params,
      media_attachments: row.mediaIds.map((id) => this.renderMedia(this.media.get(id)!)),
    };
  }

  renderNotification(row: NotificationRow, viewerId: string): Record<string, unknown> {
    const status = row.statusId ? this.statuses.get(row.statusId) : undefined;
    return {
      id: row.id,
      type: row.type,
      created_at: row.createdAt,
      account: this.renderAccount(this.accounts.get(row.fromAccountId)!),
      status: status && !status.deleted ? this.renderStatus(status, viewerId) : null,
    };
  }
}
