import { NetworkError, ValidationError } from '../../errors';
import { mastodonLanguage } from '../../compose/language';
import type { MastodonOptions } from '../../model';
import { knownVisibility, narrower, replyVisibility, type Visibility } from '../../model/visibility';
import type { MediaUpload, PublishInput, PublishResult, RemoteRef } from '../types';
import { statusRef } from './convert';
import { call, hostOf, isNotFound, type MastodonHttp } from './http';
import { mediaSchema, parseAs, scheduledStatusSchema, statusSchema } from './schemas';
import type { MastodonSession } from './session';
import { quoteParams } from './quote';

/**
 * Publishing on Mastodon (docs.joinmastodon.org/methods/statuses, /methods/media). Invariants:
 * - part i is sent with Idempotency-Key `${key}:${i}`: a retry within the server's window
 *   (an hour in app/controllers/api/v1/statuses_controller.rb) returns the same status;
 * - part i > 0 answers part i − 1, so a thread stays a chain even when resumed; the first
 *   comment (the last part, `isComment`, issue 22) answers part 0;
 * - `onPart` runs after each part is accepted and before the next is sent;
 * - a reply is sent with an explicit `visibility`, never wider than the post it answers
 *   (issue 18): without one the server would use the account's default, usually public;
 * - the post's own visibility, content warning and sensitive flag go with every part of a
 *   thread (issue 17); a visibility the user chose can narrow a reply, never widen it;
 * - part 0 carries the quote and the quote policy where the server takes them (quote.ts).
 */

export async function publish(session: MastodonSession, input: PublishInput): Promise<PublishResult> {
  if (input.parts.length === 0) throw new ValidationError('There is nothing to post.');
  const http = { ...(await session.http()), beforeRequest: input.beforeRequest };
  const visibility = await visibilityOf(session, input);
  if (input.scheduledAt !== null) return handOff(session, http, input, visibility);
  const refs: RemoteRef[] = [...input.done];
  for (let i = refs.length; i < input.parts.length; i++) {
    const part = input.parts[i]!;
    const quote = i === 0 ? await quoteParams(http, input.quote, input.mastodon) : {};
    const mediaIds = await uploadAll(session, http, part.media);
    const parent = i === 0 ? (input.replyTo?.parent.id ?? null) : refs[part.isComment ? 0 : i - 1]!.id;
    const { body } = await call(http, {
      method: 'POST',
      path: '/api/v1/statuses',
      headers: { 'Idempotency-Key': `${input.idempotencyKey}:${i}` },
      json: { ...statusParams(part.text, mediaIds, parent, input, visibility), ...quote },
    });
    const ref = statusRef(parseAs(statusSchema, body, hostOf(http.server), 'the new post'));
    refs.push(ref);
    await input.onPart?.(i, ref);
  }
  return { parts: refs, serverScheduled: false };
}

/** The server holds the post until `scheduled_at` (it must be at least 5 minutes ahead). */
async function handOff(session: MastodonSession, http: MastodonHttp, input: PublishInput, visibility: Visibility | null): Promise<PublishResult> {
  if (input.done.length > 0) return { parts: [...input.done], serverScheduled: true };
  if (input.parts.length > 1) {
    throw new ValidationError(
      `${hostOf(http.server)} can hold a single post for later, not a thread or a post with a first comment: publish it from Cadence instead.`,
    );
  }
  const part = input.parts[0]!;
  const quote = await quoteParams(http, input.quote, input.mastodon);
  const mediaIds = await uploadAll(session, http, part.media);
  const { body } = await call(http, {
    method: 'POST',
    path: '/api/v1/statuses',
    headers: { 'Idempotency-Key': `${input.idempotencyKey}:0` },
    json: {
      ...statusParams(part.text, mediaIds, input.replyTo?.parent.id ?? null, input, visibility),
      ...quote,
      scheduled_at: new Date(input.scheduledAt!).toISOString(),
    },
  });
  const scheduled = parseAs(scheduledStatusSchema, body, hostOf(http.server), 'the scheduled post');
  const ref: RemoteRef = { id: scheduled.id, url: '', cid: null };
  await input.onPart?.(0, ref);
  return { parts: [ref], serverScheduled: true };
}

/**
 * A reply: the narrower of the parent's visibility, the account's default and what the user
 * chose (a direct or unknown parent needs no request to know it is `direct`). Not a reply: what
 * the user chose, or null for the account's default.
 */
async function visibilityOf(session: MastodonSession, input: PublishInput): Promise<Visibility | null> {
  const chosen = input.mastodon?.visibility ?? null;
  if (!input.replyTo) return chosen;
  const parent = input.replyTo.visibility ?? null;
  if (parent === null || parent === 'direct') return 'direct';
  const reply = replyVisibility(parent, knownVisibility((await session.verifyCredentials()).source?.privacy));
  return chosen === null ? reply : narrower(reply, chosen);
}

function statusParams(
  text: string,
  mediaIds: string[],
  inReplyToId: string | null,
  input: Pick<PublishInput, 'lang' | 'mastodon'>,
  visibility: Visibility | null,
) {
  const language = input.lang ? mastodonLanguage(input.lang) : null;
  const options: MastodonOptions | null = input.mastodon ?? null;
  const spoilerText = options?.spoilerText.trim() ?? '';
  return {
    status: text,
    ...(visibility ? { visibility } : {}),
    ...(mediaIds.length > 0 ? { media_ids: mediaIds } : {}),
    ...(inReplyToId ? { in_reply_to_id: inReplyToId } : {}),
    ...(language ? { language } : {}),
    ...(spoilerText ? { spoiler_text: spoilerText } : {}),
    ...(options?.sensitive ? { sensitive: true } : {}),
  };
}

async function uploadAll(session: MastodonSession, http: MastodonHttp, media: MediaUpload[]): Promise<string[]> {
  const ids: string[] = [];
  for (const item of media) ids.push(await upload(session, http, item));
  return ids;
}

/** POST /api/v2/media answers 200 when ready or 202 while processing; GET /api/v1/media/:id says 206 until done. */
async function upload(session: MastodonSession, http: MastodonHttp, item: MediaUpload): Promise<string> {
  const host = hostOf(http.server);
  const form = new FormData();
  const extension = item.mime.split('/')[1]?.replace(/[^a-z0-9]/gi, '') || 'bin';
  form.append('file', new Blob([item.bytes as Uint8Array<ArrayBuffer>], { type: item.mime }), `image.${extension}`);
  if (item.alt.trim() !== '') form.append('description', item.alt);
  const created = await call(http, { method: 'POST', path: '/api/v2/media', form });
  const media = parseAs(mediaSchema, created.body, host, 'the upload');
  if (created.status === 200) return media.id;
  const deadline = session.now() + session.mediaWaitMs;
  let delay = 250;
  for (;;) {
    await session.sleep(delay);
    const polled = await call(http, { path: `/api/v1/media/${encodeURIComponent(media.id)}` });
    if (polled.status === 200) return media.id;
    if (session.now() > deadline) throw new NetworkError(`${host} is still processing the image; we will try again.`);
    delay = Math.min(delay * 2, 2_000);
  }
}

/** Removes a published status, or a server-scheduled one (its ref has no URL until published). */
export async function remove(session: MastodonSession, ref: { id: string; url: string }): Promise<void> {
  const http = await session.http();
  const id = encodeURIComponent(ref.id);
  try {
    if (ref.url === '') await call(http, { method: 'DELETE', path: `/api/v1/scheduled_statuses/${id}` });
    else await call(http, { method: 'DELETE', path: `/api/v1/statuses/${id}` });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    // A status already gone is removed; a scheduled one that is gone was published or deleted
    // by the server, and its published id is not the scheduled id: say so rather than guess.
    if (ref.url === '') {
      throw new ValidationError(`${hostOf(http.server)} no longer holds this scheduled post: it was published or deleted. Check your profile.`);
    }
  }
}
