import { ValidationError } from '../../errors';
import type { NotificationPage, RemoteNotification, RemotePost, RemoteRef, SearchPage } from '../types';
import { statusRef, toNotification, toPost } from './convert';
import { call, compareIds, hostOf, isNotFound, linkRel, type MastodonHttp } from './http';
import { contextSchema, markersSchema, notificationSchema, parseAs, searchSchema, statusSchema, type MastodonStatus } from './schemas';
import type { MastodonSession } from './session';

/**
 * Reading from Mastodon: notifications, threads, listening, likes and boosts. Notification polling
 * (docs.joinmastodon.org/methods/notifications, /api/guidelines#pagination):
 * - with a cursor, `min_id` returns the page *just after* it, so following rel="prev" walks
 *   forward without gaps however many arrived (since_id would return only the newest page);
 * - a short page is the last one, so an idle poll costs exactly one request;
 * - the very first poll takes only the newest page: the past is not the inbox's news; when the
 *   account has no notifications yet, the cursor becomes FROM_START, so everything that arrives
 *   later is news, however much arrives before the next poll;
 * - only when something is new, one more request reads the notifications marker, so what the
 *   user already read in another app arrives read (ids up to `last_read_id`).
 */

/**
 * 'quote' exists from Mastodon 4.5; older servers intersect `types[]` with the types they know
 * (Notification.browserable in app/models/notification.rb), so asking for it costs nothing there.
 */
const NOTIFICATION_TYPES = ['mention', 'quote'];
const CATCH_UP_LIMIT = 80;
const FIRST_LIMIT = 40;
const MAX_PAGES = 25;
/** Below every id: `min_id=0` pages forward from the account's very first notification. */
const FROM_START = '0';

export async function notifications(session: MastodonSession, cursor: string | null): Promise<NotificationPage> {
  const http = await session.http();
  const host = hostOf(http.server);
  const ownId = await session.ownId();
  const limit = cursor === null ? FIRST_LIMIT : CATCH_UP_LIMIT;
  /** By status: a quote that also mentions us arrives as two notifications; the inbox wants one item. */
  const items = new Map<string, RemoteNotification>();
  let next: Parameters<typeof call>[1] | null = {
    path: '/api/v1/notifications',
    query: { 'types[]': NOTIFICATION_TYPES, limit: String(limit), min_id: cursor ?? undefined },
  };
  let requests = 0;
  let newest = cursor;
  while (next && requests < MAX_PAGES) {
    const response = await call(http, next);
    requests++;
    const page = parseAs(notificationSchema.array(), response.body, host, 'notifications');
    for (const notification of page) {
      if (newest === null || compareIds(notification.id, newest) > 0) newest = notification.id;
      // A notification whose status was deleted has nothing to show.
      if (notification.status && NOTIFICATION_TYPES.includes(notification.type)) {
        const item = toNotification({ ...notification, status: notification.status }, ownId, http.server);
        const existing = items.get(notification.status.id);
        if (!existing || (item.kind === 'quote' && existing.kind !== 'quote')) items.set(notification.status.id, item);
      }
    }
    const prev = linkRel(response.headers, 'prev');
    next = cursor !== null && page.length >= limit && prev ? { path: prev } : null;
  }
  const sorted = [...items.values()].sort((a, b) => compareIds(a.remoteId, b.remoteId));
  if (sorted.length === 0) return { items: sorted, cursor: newest ?? FROM_START, requests };
  const lastReadId = await readMarker(http);
  requests++;
  const isRead = (item: RemoteNotification) => lastReadId !== null && compareIds(item.remoteId, lastReadId) <= 0;
  return { items: sorted.map((item) => (isRead(item) ? { ...item, isRead: true } : item)), cursor: newest, requests };
}

/**
 * GET /api/v1/markers?timeline[]=notifications (docs.joinmastodon.org/methods/markers): where the
 * user's apps say they have read up to; `{}` before any app set it. Markers came in Mastodon 3.0;
 * an older server answers 404, and then nothing is known to be read.
 */
async function readMarker(http: MastodonHttp): Promise<string | null> {
  try {
    const { body } = await call(http, { path: '/api/v1/markers', query: { 'timeline[]': ['notifications'] } });
    return parseAs(markersSchema, body, hostOf(http.server), 'the read marker').notifications?.last_read_id ?? null;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** POST /api/v1/markers: the server's read marker, shared with the user's other apps; ids are exact positions. */
export async function markSeen(session: MastodonSession, notificationId: string): Promise<void> {
  const http = await session.http();
  await call(http, { method: 'POST', path: '/api/v1/markers', json: { notifications: { last_read_id: notificationId } } });
}

/** The status with its context: ancestors (oldest first), the status, then replies by age. */
export async function thread(session: MastodonSession, ref: RemoteRef): Promise<RemotePost[]> {
  const http = await session.http();
  const host = hostOf(http.server);
  const id = encodeURIComponent(ref.id);
  const [statusResponse, contextResponse] = await Promise.all([
    call(http, { path: `/api/v1/statuses/${id}` }),
    call(http, { path: `/api/v1/statuses/${id}/context` }),
  ]);
  const status = parseAs(statusSchema, statusResponse.body, host, 'the post');
  const context = parseAs(contextSchema, contextResponse.body, host, 'the conversation');
  const descendants = [...context.descendants].sort((a, b) => compareIds(a.id, b.id));
  const all = [...context.ancestors, status, ...descendants];
  const root = statusRef(all[0]!);
  const ownId = await session.ownId();
  return all.map((item) => toPost(item, http.server, root, ownId));
}

export async function search(
  session: MastodonSession,
  query: { kind: 'keyword' | 'hashtag' | 'phrase'; text: string },
  cursor: string | null,
): Promise<SearchPage> {
  const http = await session.http();
  const host = hostOf(http.server);
  const text = query.text.trim();
  if (query.kind === 'hashtag') {
    const tag = text.replace(/^#+/, '');
    if (!/^[\p{L}\p{N}_]+$/u.test(tag)) throw new ValidationError(`“${query.text}” is not a hashtag: use letters, digits and _.`);
    const { body } = await call(http, {
      path: `/api/v1/timelines/tag/${encodeURIComponent(tag)}`,
      query: { limit: '40', min_id: cursor ?? undefined },
    });
    return searchPage(parseAs(statusSchema.array(), body, host, 'the hashtag'), http.server, cursor, await session.ownId());
  }
  if (text === '') throw new ValidationError('Enter words to listen for.');
  const { body } = await call(http, {
    path: '/api/v2/search',
    query: {
      q: query.kind === 'phrase' ? `"${text.replace(/"/g, '')}"` : text,
      type: 'statuses',
      resolve: 'false',
      limit: '40',
      min_id: cursor ?? undefined,
    },
  });
  return searchPage(parseAs(searchSchema, body, host, 'the search').statuses, http.server, cursor, await session.ownId());
}

function searchPage(statuses: MastodonStatus[], server: string, cursor: string | null, ownId: string): SearchPage {
  let newest = cursor;
  for (const status of statuses) if (newest === null || compareIds(status.id, newest) > 0) newest = status.id;
  const items = statuses.sort((a, b) => compareIds(b.id, a.id)).map((status) => toPost(status, server, null, ownId));
  return { items, cursor: newest, requests: 1 };
}

export async function favourite(session: MastodonSession, ref: RemoteRef, action: 'favourite' | 'reblog'): Promise<RemoteRef> {
  const http = await session.http();
  const { body } = await call(http, { method: 'POST', path: `/api/v1/statuses/${encodeURIComponent(ref.id)}/${action}` });
  return statusRef(parseAs(statusSchema, body, hostOf(http.server), action === 'favourite' ? 'the like' : 'the boost'));
}
