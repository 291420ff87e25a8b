import { NotFoundError } from '../errors';
import { newId, type Media } from '../model';
import { mediaDb, mediaRowSchema, type MediaDb, type MediaRow } from './media-db';

/**
 * Image blobs the user attached, keyed by the `<key>` of a post's `blob:<key>` media src.
 * Rows are parsed on the way out: a row that does not match is reported as missing, not trusted.
 */
const PREFIX = 'blob:';

/** True for `blob:<key>` (ours), false for a clip's URL and for an object URL (`blob:chrome-extension://…`). */
export function isStoredSrc(src: string): boolean {
  return src.startsWith(PREFIX) && !src.includes('://');
}
export const storedSrc = (key: string) => `${PREFIX}${key}`;
export const keyOfSrc = (src: string) => src.slice(PREFIX.length);

export interface NewMedia {
  blob: Blob;
  width: number;
  height: number;
  name: string;
}

export async function putMedia(input: NewMedia, now: number, db: MediaDb | Promise<MediaDb> = mediaDb()): Promise<MediaRow> {
  const row = mediaRowSchema.parse({
    v: 1,
    key: newId('media'),
    blob: input.blob,
    mime: input.blob.type,
    bytes: input.blob.size,
    width: input.width,
    height: input.height,
    name: input.name,
    createdAt: now,
  });
  await (await db).put('media', row);
  return row;
}

export async function getMedia(key: string, db: MediaDb | Promise<MediaDb> = mediaDb()): Promise<MediaRow> {
  const parsed = mediaRowSchema.safeParse(await (await db).get('media', key));
  if (!parsed.success) throw new NotFoundError('This image is no longer stored in Cadence. Remove it from the post and attach it again.');
  return parsed.data;
}

export async function deleteMedia(key: string, db: MediaDb | Promise<MediaDb> = mediaDb()): Promise<void> {
  await (await db).delete('media', key);
}

/** The post's media entry for a stored row. */
export function mediaOf(row: MediaRow, alt = ''): Media {
  return { id: newId('m'), src: storedSrc(row.key), alt, mime: row.mime, width: row.width, height: row.height, bytes: row.bytes };
}
