import { z } from 'zod';
import type { RemoteRef } from '../types';
import { call, hostOf } from './http';
import { parseAs } from './schemas';
import type { MastodonSession } from './session';

/**
 * Editing a published status (docs.joinmastodon.org/methods/statuses/#edit). Invariant: an edit
 * changes the text and nothing else. Mastodon's controller passes every field of the edit to
 * UpdateStatusService whether the request sent it or not, so a field left out is cleared: no
 * media_ids removes the images, no spoiler_text removes the content warning, no language takes
 * the account's default. The status is therefore read first and its other fields sent back as
 * they are.
 */
const editableSchema = z.object({
  id: z.string(),
  spoiler_text: z.string().default(''),
  sensitive: z.boolean().default(false),
  language: z.string().nullish(),
  media_attachments: z.array(z.object({ id: z.string() })).default([]),
});

export async function edit(session: MastodonSession, ref: Pick<RemoteRef, 'id'>, text: string): Promise<void> {
  const http = await session.http();
  const host = hostOf(http.server);
  const path = `/api/v1/statuses/${encodeURIComponent(ref.id)}`;
  const current = parseAs(editableSchema, (await call(http, { path })).body, host, 'the post');
  await call(http, {
    method: 'PUT',
    path,
    json: {
      status: text,
      spoiler_text: current.spoiler_text,
      sensitive: current.sensitive,
      ...(current.language ? { language: current.language } : {}),
      media_ids: current.media_attachments.map((media) => media.id),
    },
  });
}
