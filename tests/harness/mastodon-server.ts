import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { bodyParams, error, json, list, paginate, paramsOf, send, type Answer, type Ctx, type Params } from './mastodon/http-kit';
import { OAuthProvider } from './mastodon/oauth';
import { MastodonState, type AccountRow, type ScheduledRow, type StatusFields, type StatusRow } from './mastodon/state';
import { mentionsIn, tagsIn } from './mastodon/text';

/**
 * A real local Mastodon server (node:http on 127.0.0.1, random port) implementing, from the
 * documentation (docs.joinmastodon.org/methods/…), exactly the endpoints the adapter uses:
 * apps, OAuth with PKCE S256, bearer auth, statuses with Idempotency-Key, scheduled statuses,
 * media v2 with asynchronous processing, notifications with min_id/max_id/since_id and Link
 * headers, markers, context, favourite/reblog, follows, the tag timeline, v2 search, the instance,
 * an account's statuses, and the scheduler that publishes scheduled statuses when told to.
 * Faults (429, 500, a hang, an answer lost after the server acted) are switched on per request;
 * an Idempotency-Key expires after an hour of the server's clock (config.now), as on Mastodon.
 */

export interface Fault {
  /**
   * 'hang' never answers and does nothing; 'drop-answer' does what was asked, then never answers
   * (a client timeout after the server acted); otherwise the status, headers and JSON body to answer with.
   */
  kind: 'hang' | 'drop-answer' | 'answer';
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Only requests whose path starts with this are faulted (all when absent). */
  path?: string;
  times: number;
}

export interface InstanceConfig {
  maxCharacters: number;
  charactersPerUrl: number;
  maxMediaAttachments: number;
  imageSizeLimit: number;
  /** An older server: /api/v2/instance answers 404. */
  hasV2: boolean;
  /** Mastodon < 4.3: GET /api/v1/statuses?id[]= answers 404. */
  hasBatchStatuses: boolean;
  /** How many polls of GET /api/v1/media/:id answer 206 before an upload is ready (0 = synchronous). */
  mediaPolls: number;
  /** Like nginx's client_max_body_size: bigger bodies get 413. */
  maxBodyBytes: number;
  /**
   * How long an Idempotency-Key answers with its first status: "up to 1 hour"
   * (docs.joinmastodon.org/methods/statuses; PostStatusService keeps it in Redis with that expiry).
   */
  idempotencyWindowMs: number;
  /** False: a server (or a proxy in front of it) that drops the header, so every POST makes a status. */
  honoursIdempotencyKey: boolean;
  /** The server's clock: statuses' created_at, key expiry, scheduled_at checks and the scheduler. */
  now: () => number;
  /**
   * The instance's `api_versions.mastodon` (Mastodon 4.3+). 7 and above (4.5) take quote posts
   * (`quoted_status_id`, `quote_approval_policy`); null: the instance names none, and like an older
   * Mastodon the server ignores both fields (Rails drops parameters it does not permit).
   */
  apiVersion: number | null;
}

export interface MastodonServer {
  url: string;
  state: MastodonState;
  config: InstanceConfig;
  /** Every request received, in order (for counting what a poll cost). */
  requests: Array<{ method: string; path: string; query: URLSearchParams }>;
  /** An account with a ready token, for posting as someone else. */
  createAccount(username: string): { account: AccountRow; token: string };
  /** Who the authorize page signs in (auto-approved, as a test user who clicks "Authorize"). */
  approveAs(username: string): void;
  revoke(token: string): void;
  /** Whether a token was revoked (by revoke() or POST /oauth/revoke). */
  isRevoked(token: string): boolean;
  /** The server's scheduler: publishes the scheduled statuses due by `until` (default now). */
  runScheduler(until?: number): StatusRow[];
  fault(fault: Omit<Fault, 'times'> & { times?: number }): void;
  close(): Promise<void>;
}

export async function startMastodonServer(options: Partial<InstanceConfig> = {}): Promise<MastodonServer> {
  const config: InstanceConfig = {
    maxCharacters: 500,
    charactersPerUrl: 23,
    maxMediaAttachments: 4,
    imageSizeLimit: 16 * 1024 * 1024,
    hasV2: true,
    hasBatchStatuses: true,
    mediaPolls: 2,
    maxBodyBytes: 40 * 1024 * 1024,
    idempotencyWindowMs: 60 * 60_000,
    honoursIdempotencyKey: true,
    now: Date.now,
    apiVersion: null,
    ...options,
  };
  const oauth = new OAuthProvider();
  const faults: Fault[] = [];
  const sockets = new Set<Socket>();
  const requests: MastodonServer['requests'] = [];

  const server = http.createServer((req, res) => {
    void handle(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const state = new MastodonState(origin);

  function createAccount(username: string) {
    const account: AccountRow = {
      id: state.newId(),
      username,
      displayName: username[0]!.toUpperCase() + username.slice(1),
      createdAt: new Date().toISOString(),
    };
    state.accounts.set(account.id, account);
    return { account, token: oauth.issueToken(account.id) };
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', origin);
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      chunks.push(chunk as Buffer);
    }
    const fault = faults.find((candidate) => !candidate.path || url.pathname.startsWith(candidate.path));
    if (fault) {
      fault.times -= 1;
      if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
      if (fault.kind === 'hang') return; // the socket stays open until close()
      if (fault.kind === 'answer') return send(res, json(fault.status ?? 500, fault.body ?? { error: 'Something went wrong' }, fault.headers));
    }
    // The socket stays open until close(), as for a hang, but the request has had its effect.
    const answer = fault?.kind === 'drop-answer' ? () => undefined : (reply: Answer) => send(res, reply);
    if (size > config.maxBodyBytes) {
      res.writeHead(413, { 'Content-Type': 'text/html' });
      return res.end('<html><body><h1>413 Request Entity Too Large</h1></body></html>');
    }
    try {
      const params = {
        ...Object.fromEntries(url.searchParams),
        ...paramsOf(url.searchParams),
        ...(await bodyParams(req, Buffer.concat(chunks))),
      };
      const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const session = auth ? oauth.authenticate(auth) : null;
      if (session && 'status' in session) return answer(session);
      const viewer = session ? state.accounts.get(session.accountId)! : null;
      answer(await route({ method: req.method ?? 'GET', url, params, headers: req.headers, viewer }));
    } catch (failure) {
      answer(error(500, failure instanceof Error ? failure.message : String(failure)));
    }
  }

  async function route(ctx: Ctx): Promise<Answer> {
    const { method, url } = ctx;
    const path = url.pathname;
    if (method === 'POST' && path === '/api/v1/apps') return oauth.createApp(ctx.params, () => state.newId());
    if (method === 'GET' && path === '/oauth/authorize') return oauth.authorize(ctx.params);
    if (method === 'POST' && path === '/oauth/token') return oauth.token(ctx.params);
    if (method === 'POST' && path === '/oauth/revoke') return oauth.revokeRequest(ctx.params);
    if (method === 'GET' && path === '/api/v2/instance') return config.hasV2 ? json(200, instance(2)) : error(404, 'Not Found');
    if (method === 'GET' && path === '/api/v1/instance') return json(200, instance(1));
    const viewer = ctx.viewer;
    if (!viewer) return error(401, 'The access token is invalid');
    if (method === 'GET' && path === '/api/v1/accounts/verify_credentials') return json(200, state.renderAccount(viewer, true));
    if (method === 'POST' && path === '/api/v1/statuses') return createStatus(viewer, ctx);
    if (method === 'GET' && path === '/api/v1/statuses') {
      if (!config.hasBatchStatuses) return error(404, 'Not Found');
      const ids = list(ctx.params['id[]'] ?? ctx.params.id);
      return json(
        200,
        ids
          .map((id) => state.statuses.get(id))
          .filter((s): s is StatusRow => !!s && !s.deleted)
          .map((s) => state.renderStatus(s, viewer.id)),
      );
    }
    if (method === 'POST' && path === '/api/v2/media') return createMedia(viewer, ctx.params);
    if (method === 'POST' && path === '/api/v1/markers') return saveMarkers(viewer, ctx.params);
    if (method === 'GET' && path === '/api/v1/markers') return json(200, markersOf(viewer, list(ctx.params['timeline[]'])));
    if (method === 'GET' && path === '/api/v1/scheduled_statuses') {
      const own = [...state.scheduled.values()].filter((row) => row.accountId === viewer.id);
      return paginate(ctx, own, 20, 40, (row) => state.renderScheduled(row));
    }
    if (method === 'GET' && path === '/api/v1/notifications') return listNotifications(viewer, ctx);
    if (method === 'GET' && path === '/api/v2/search') return search(viewer, ctx);
    let match = /^\/api\/v1\/media\/([^/]+)$/.exec(path);
    if (match && method === 'GET') {
      const media = state.media.get(match[1]!);
      if (!media || media.accountId !== viewer.id) return error(404, 'Record not found');
      if (media.pollsLeft > 0) {
        media.pollsLeft -= 1;
        return json(206, state.renderMedia({ ...media, pollsLeft: 1 }));
      }
      return json(200, state.renderMedia(media));
    }
    match = /^\/api\/v1\/scheduled_statuses\/([^/]+)$/.exec(path);
    if (match) {
      const row = state.scheduled.get(match[1]!);
      if (!row || row.accountId !== viewer.id) return error(404, 'Record not found');
      if (method === 'DELETE') {
        state.scheduled.delete(row.id);
        return json(200, {});
      }
      if (method === 'GET') return json(200, state.renderScheduled(row));
    }
    match = /^\/api\/v1\/statuses\/([^/]+)(?:\/(context|favourite|reblog))?$/.exec(path);
    if (match) {
      const status = state.statuses.get(match[1]!);
      if (!status || status.deleted) return error(404, 'Record not found');
      const action = match[2];
      if (method === 'GET' && !action) return json(200, state.renderStatus(status, viewer.id));
      if (method === 'PUT' && !action) return editStatus(viewer, status, ctx.params);
      if (method === 'DELETE' && !action) {
        if (status.accountId !== viewer.id) return error(404, 'Record not found');
        status.deleted = true;
        return json(200, { ...state.renderStatus(status, viewer.id), text: status.text });
      }
      if (method === 'GET' && action === 'context') return json(200, context(status, viewer.id));
      if (method === 'POST' && action === 'favourite') {
        if (!status.favouritedBy.has(viewer.id)) {
          status.favouritedBy.add(viewer.id);
          notify(status.accountId, 'favourite', viewer.id, status.id);
        }
        return json(200, state.renderStatus(status, viewer.id));
      }
      if (method === 'POST' && action === 'reblog') return json(200, state.renderStatus(reblog(status, viewer), viewer.id));
    }
    match = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(path);
    if (match && method === 'GET') {
      const tag = decodeURIComponent(match[1]!).toLowerCase();
      const tagged = state.visibleStatuses().filter((s) => s.visibility === 'public' && !s.reblogOfId && tagsIn(s.text).includes(tag));
      return paginate(ctx, tagged, 20, 40, (s) => state.renderStatus(s, viewer.id));
    }
    match = /^\/api\/v1\/accounts\/([^/]+)\/(follow|unfollow)$/.exec(path);
    if (match && method === 'POST') {
      const target = state.accounts.get(match[1]!);
      if (!target) return error(404, 'Record not found');
      return json(200, follow(viewer, target, match[2] === 'follow'));
    }
    match = /^\/api\/v1\/accounts\/([^/]+)\/statuses$/.exec(path);
    if (match && method === 'GET') {
      const excludeReblogs = ctx.params.exclude_reblogs === 'true' || ctx.params.exclude_reblogs === true;
      const own = state.visibleStatuses().filter((s) => s.accountId === match![1] && !(excludeReblogs && s.reblogOfId));
      return paginate(ctx, own, 20, 40, (s) => state.renderStatus(s, viewer.id));
    }
    return error(404, 'Not Found');
  }

  function instance(version: 1 | 2) {
    const configuration = {
      statuses: {
        max_characters: config.maxCharacters,
        max_media_attachments: config.maxMediaAttachments,
        characters_reserved_per_url: config.charactersPerUrl,
      },
      media_attachments: { image_size_limit: config.imageSizeLimit, supported_mime_types: ['image/jpeg', 'image/png', 'image/webp'] },
    };
    return version === 2
      ? {
          domain: state.host,
          title: 'Local Mastodon',
          version: config.apiVersion === null ? '4.2.0' : '4.5.0',
          configuration,
          ...(config.apiVersion === null ? {} : { api_versions: { mastodon: config.apiVersion } }),
        }
      : { uri: state.host, title: 'Local Mastodon', version: '3.5.0', configuration };
  }

  function createStatus(viewer: AccountRow, ctx: Ctx): Answer {
    const params = ctx.params;
    const key = ctx.headers['idempotency-key'];
    const idempotencyKey = config.honoursIdempotencyKey && typeof key === 'string' && key !== '' ? `${viewer.id}:${key}` : null;
    const previous = idempotencyKey ? state.idempotency.get(idempotencyKey) : undefined;
    if (previous && config.now() < previous.until) {
      const status = state.statuses.get(previous.id);
      if (status) return json(200, state.renderStatus(status, viewer.id));
      const row = state.scheduled.get(previous.id);
      if (row) return json(200, state.renderScheduled(row));
    }
    const remember = (id: string) => {
      if (idempotencyKey) state.idempotency.set(idempotencyKey, { id, until: config.now() + config.idempotencyWindowMs });
    };
    const text = typeof params.status === 'string' ? params.status : '';
    const mediaIds = list(params['media_ids[]'] ?? params.media_ids);
    if (text.trim() === '' && mediaIds.length === 0) return error(422, "Validation failed: Text can't be blank");
    const length = [...text.replace(/https?:\/\/\S+/g, 'x'.repeat(config.charactersPerUrl))].length;
    if (length > config.maxCharacters) return error(422, `Validation failed: Text character limit of ${config.maxCharacters} exceeded`);
    if (mediaIds.length > config.maxMediaAttachments) return error(422, `Validation failed: Cannot attach more than ${config.maxMediaAttachments} files`);
    for (const id of mediaIds) {
      const media = state.media.get(id);
      if (!media || media.accountId !== viewer.id || media.statusId) return error(422, 'Validation failed: Media attachments are invalid');
      if (media.pollsLeft > 0) return error(422, 'Cannot attach files that have not finished processing. Try again in a moment!');
    }
    const inReplyToId = typeof params.in_reply_to_id === 'string' && params.in_reply_to_id !== '' ? params.in_reply_to_id : null;
    if (inReplyToId && !state.statuses.get(inReplyToId)) return error(404, 'Record not found');
    const takesQuotes = config.apiVersion !== null && config.apiVersion >= 7;
    const quotedId = takesQuotes && typeof params.quoted_status_id === 'string' && params.quoted_status_id !== '' ? params.quoted_status_id : null;
    if (quotedId) {
      const quoted = state.statuses.get(quotedId);
      if (!quoted || quoted.deleted) return error(404, 'Record not found');
      // StatusesController#create: a quote the quoted post's policy does not let this account make.
      if (state.quoteApprovalFor(quoted, viewer.id) === 'denied') return error(403, 'This action is not allowed');
    }
    const policyParam = takesQuotes ? params.quote_approval_policy : undefined;
    if (policyParam !== undefined && policyParam !== 'public' && policyParam !== 'followers' && policyParam !== 'nobody')
      return error(422, 'Validation failed: Quote approval policy is not included in the list');
    const quotePolicy = policyParam as StatusFields['quotePolicy'];
    const visibility = typeof params.visibility === 'string' ? params.visibility : 'public';
    // LanguagesHelper#valid_locale_cascade: a code Mastodon does not know gives the account's default (none here).
    const language = typeof params.language === 'string' && /^[a-z]{2,3}$/.test(params.language) ? params.language : null;
    const spoilerText = typeof params.spoiler_text === 'string' ? params.spoiler_text : '';
    // PostStatusService: a content warning makes the media sensitive too.
    const sensitive = params.sensitive === true || params.sensitive === 'true' || spoilerText !== '';
    const fields: StatusFields = {
      text,
      visibility,
      language,
      spoilerText,
      sensitive,
      inReplyToId,
      mediaIds,
      quotedId,
      ...(quotePolicy ? { quotePolicy } : {}),
    };
    if (typeof params.scheduled_at === 'string' && params.scheduled_at !== '') {
      const at = Date.parse(params.scheduled_at);
      // ScheduledStatus validates that the date is at least 5 minutes ahead.
      if (!Number.isFinite(at) || at < config.now() + 5 * 60_000) return error(422, 'Validation failed: Scheduled at The scheduled date must be in the future');
      // ScheduledStatus#validate_total_limit / #validate_daily_limit (TOTAL_LIMIT 300, DAILY_LIMIT 25, by UTC date).
      const held = [...state.scheduled.values()].filter((row) => row.accountId === viewer.id);
      if (held.length >= 300) return error(422, 'Validation failed: You have exceeded the limit of 300 scheduled posts');
      const day = new Date(at).toISOString().slice(0, 10);
      if (held.filter((row) => row.scheduledAt.slice(0, 10) === day).length >= 25)
        return error(422, 'Validation failed: You have exceeded the limit of 25 scheduled posts for today');
      const row: ScheduledRow = {
        id: state.newId(),
        accountId: viewer.id,
        scheduledAt: new Date(at).toISOString(),
        mediaIds,
        // PostStatusService#scheduled_options: the options as given, with scheduled_at and
        // idempotency cleared and the reply target stored as its integer id — which JSON
        // renders as a number, so a client reads a Snowflake id there only approximately.
        params: {
          text,
          visibility,
          language,
          in_reply_to_id: inReplyToId === null ? null : Number(inReplyToId),
          media_ids: mediaIds.length ? mediaIds : null,
          sensitive: params.sensitive === undefined ? null : sensitive,
          spoiler_text: spoilerText === '' ? null : spoilerText,
          poll: null,
          scheduled_at: null,
          idempotency: null,
          with_rate_limit: false,
          application_id: 1,
        },
        status: fields,
      };
      state.scheduled.set(row.id, row);
      remember(row.id);
      return json(200, state.renderScheduled(row));
    }
    const status = addStatus(viewer, fields);
    remember(status.id);
    return json(200, state.renderStatus(status, viewer.id));
  }

  function addStatus(author: AccountRow, fields: StatusFields, createdAt = new Date(config.now()).toISOString()): StatusRow {
    const status: StatusRow = {
      ...fields,
      id: state.newId(),
      accountId: author.id,
      createdAt,
      reblogOfId: null,
      favouritedBy: new Set(),
      deleted: false,
    };
    state.statuses.set(status.id, status);
    for (const id of fields.mediaIds) state.media.get(id)!.statusId = status.id;
    const notified = new Set<string>();
    for (const mention of mentionsIn(fields.text)) {
      if (mention.domain && mention.domain !== state.host.toLowerCase()) continue;
      const target = state.accountByName(mention.username);
      if (!target || target.id === author.id || notified.has(target.id)) continue;
      notified.add(target.id);
      notify(target.id, 'mention', author.id, status.id);
    }
    const quoted = fields.quotedId ? state.statuses.get(fields.quotedId) : undefined;
    if (quoted && quoted.accountId !== author.id) notify(quoted.accountId, 'quote', author.id, status.id);
    return status;
  }

  /**
   * PUT /api/v1/statuses/:id (docs.joinmastodon.org/methods/statuses/#edit). As Mastodon's
   * controller does, every field is passed on whether sent or not (UpdateStatusService): no
   * media_ids leaves the status without its images, no language takes none.
   */
  function editStatus(viewer: AccountRow, status: StatusRow, params: Params): Answer {
    if (status.accountId !== viewer.id) return error(404, 'Record not found');
    const text = typeof params.status === 'string' ? params.status : '';
    const mediaIds = list(params['media_ids[]'] ?? params.media_ids);
    if (text.trim() === '' && mediaIds.length === 0) return error(422, "Validation failed: Text can't be blank");
    const length = [...text.replace(/https?:\/\/\S+/g, 'x'.repeat(config.charactersPerUrl))].length;
    if (length > config.maxCharacters) return error(422, `Validation failed: Text character limit of ${config.maxCharacters} exceeded`);
    for (const id of mediaIds) {
      const media = state.media.get(id);
      if (!media || media.accountId !== viewer.id || (media.statusId !== null && media.statusId !== status.id))
        return error(422, 'Validation failed: Media attachments are invalid');
    }
    for (const id of status.mediaIds) if (!mediaIds.includes(id)) state.media.get(id)!.statusId = null;
    for (const id of mediaIds) state.media.get(id)!.statusId = status.id;
    status.edits = [...(status.edits ?? []), { text: status.text, at: new Date().toISOString() }];
    Object.assign(status, { text, mediaIds, language: typeof params.language === 'string' ? params.language : null });
    return json(200, state.renderStatus(status, viewer.id));
  }

  function reblog(status: StatusRow, viewer: AccountRow): StatusRow {
    const existing = state.visibleStatuses().find((s) => s.reblogOfId === status.id && s.accountId === viewer.id);
    if (existing) return existing;
    const row: StatusRow = {
      id: state.newId(),
      accountId: viewer.id,
      text: '',
      createdAt: new Date().toISOString(),
      visibility: 'public',
      language: null,
      spoilerText: '',
      sensitive: false,
      inReplyToId: null,
      mediaIds: [],
      reblogOfId: status.id,
      quotedId: null,
      favouritedBy: new Set(),
      deleted: false,
    };
    state.statuses.set(row.id, row);
    notify(status.accountId, 'reblog', viewer.id, status.id);
    return row;
  }

  function notify(accountId: string, type: string, fromAccountId: string, statusId: string | null) {
    state.notifications.push({ id: state.newId(), accountId, type, fromAccountId, statusId, createdAt: new Date().toISOString() });
  }

  function createMedia(viewer: AccountRow, params: Params): Answer {
    const file = params.file;
    if (!(file instanceof Blob)) return error(422, "Validation failed: File can't be blank");
    if (!/^image\/(jpeg|png|webp|gif)$/.test(file.type)) return error(422, `Validation failed: File content type is invalid`);
    if (file.size > config.imageSizeLimit)
      return error(422, `Validation failed: File file size must be less than ${Math.round(config.imageSizeLimit / 1024 / 1024)} MB`);
    const media = {
      id: state.newId(),
      accountId: viewer.id,
      description: typeof params.description === 'string' ? params.description : null,
      mime: file.type,
      size: file.size,
      pollsLeft: config.mediaPolls,
      statusId: null,
    };
    state.media.set(media.id, media);
    // 200 when processed synchronously; 202 with url null while the full file is processed.
    return json(media.pollsLeft > 0 ? 202 : 200, state.renderMedia(media));
  }

  /** GET /api/v1/markers answers only the timelines asked for in `timeline[]` (none: `{}`). */
  function markersOf(viewer: AccountRow, timelines: string[] = ['notifications']) {
    const marker = state.markers.get(viewer.id);
    return marker && timelines.includes('notifications')
      ? { notifications: { last_read_id: marker.lastReadId, version: marker.version, updated_at: marker.updatedAt } }
      : {};
  }

  /** POST /api/v1/accounts/:id/follow and /unfollow answer the Relationship (local accounts follow at once). */
  function follow(viewer: AccountRow, target: AccountRow, isFollow: boolean) {
    const key = `${viewer.id}:${target.id}`;
    if (isFollow && !state.follows.has(key) && target.id !== viewer.id) {
      state.follows.add(key);
      notify(target.id, 'follow', viewer.id, null);
    }
    if (!isFollow) state.follows.delete(key);
    return { id: target.id, following: state.follows.has(key), followed_by: state.follows.has(`${target.id}:${viewer.id}`), requested: false };
  }

  /**
   * Scheduler::ScheduledStatusesScheduler + PublishScheduledStatusWorker: every scheduled status
   * due by `until` is removed and posted as the account, created at its scheduled time.
   */
  function runScheduler(until = config.now()): StatusRow[] {
    const due = [...state.scheduled.values()]
      .filter((row) => Date.parse(row.scheduledAt) <= until)
      .sort((a, b) => Date.parse(a.scheduledAt) - Date.parse(b.scheduledAt));
    return due.map((row) => {
      state.scheduled.delete(row.id);
      return addStatus(state.accounts.get(row.accountId)!, row.status, row.scheduledAt);
    });
  }

  function saveMarkers(viewer: AccountRow, params: Params): Answer {
    const nested = params.notifications as Params | undefined;
    const lastReadId = nested?.last_read_id ?? params['notifications[last_read_id]'];
    if (typeof lastReadId === 'string' && lastReadId !== '') {
      const previous = state.markers.get(viewer.id);
      state.markers.set(viewer.id, { lastReadId, version: (previous?.version ?? 0) + 1, updatedAt: new Date().toISOString() });
    }
    return json(200, markersOf(viewer));
  }

  function listNotifications(viewer: AccountRow, ctx: Ctx): Answer {
    const types = list(ctx.params['types[]']);
    const excluded = list(ctx.params['exclude_types[]']);
    const mine = state.notifications.filter((n) => n.accountId === viewer.id && (types.length === 0 || types.includes(n.type)) && !excluded.includes(n.type));
    return paginate(ctx, mine, 40, 80, (n) => state.renderNotification(n, viewer.id));
  }

  function search(viewer: AccountRow, ctx: Ctx): Answer {
    const q = String(ctx.params.q ?? '').trim();
    if (q === '') return json(200, { accounts: [], statuses: [], hashtags: [] });
    // SearchService#url_query?: a URL is resolved to the one status it names (here only this server's own).
    if (/^https?:\/\//.test(q)) {
      const id = /\/(?:@[^/]+|users\/[^/]+\/statuses)\/(\d+)$/.exec(q.startsWith(origin) ? q : '')?.[1];
      const status = id ? state.statuses.get(id) : undefined;
      const visible = status && !status.deleted && (status.visibility === 'public' || status.visibility === 'unlisted');
      return json(200, { accounts: [], statuses: visible ? [state.renderStatus(status, viewer.id)] : [], hashtags: [] });
    }
    const phrase = /^"(.*)"$/.exec(q)?.[1]?.toLowerCase();
    const words = phrase === undefined ? q.toLowerCase().split(/\s+/) : [];
    const hits = state
      .visibleStatuses()
      .filter((s) => s.visibility === 'public' && !s.reblogOfId)
      .filter((s) => (phrase !== undefined ? s.text.toLowerCase().includes(phrase) : words.every((word) => s.text.toLowerCase().includes(word))));
    const page = paginate(ctx, hits, 20, 40, (s) => state.renderStatus(s, viewer.id));
    return json(200, { accounts: [], statuses: page.body, hashtags: [] });
  }

  function context(status: StatusRow, viewerId: string) {
    const ancestors: StatusRow[] = [];
    for (
      let parent = status.inReplyToId ? state.statuses.get(status.inReplyToId) : undefined;
      parent;
      parent = parent.inReplyToId ? state.statuses.get(parent.inReplyToId) : undefined
    ) {
      if (!parent.deleted) ancestors.unshift(parent);
    }
    const descendants: StatusRow[] = [];
    const walk = (id: string) => {
      for (const child of state.visibleStatuses().filter((s) => s.inReplyToId === id)) {
        descendants.push(child);
        walk(child.id);
      }
    };
    walk(status.id);
    return {
      ancestors: ancestors.map((s) => state.renderStatus(s, viewerId)),
      descendants: descendants.map((s) => state.renderStatus(s, viewerId)),
    };
  }

  return {
    url: origin,
    state,
    config,
    requests,
    createAccount,
    approveAs(username) {
      oauth.approverId = (state.accountByName(username) ?? createAccount(username).account).id;
    },
    revoke: (token) => oauth.revoke(token),
    isRevoked: (token) => oauth.isRevoked(token),
    runScheduler,
    fault(fault) {
      faults.push({ ...fault, times: fault.times ?? 1 });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
