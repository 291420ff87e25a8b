import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { z } from 'zod';
import { epochMsSchema, idSchema } from '../model';

/**
 * A small database of its own for what the composer keeps beside posts: image blobs and text
 * templates. It is separate from the main 'cadence' database so it never needs a step in that
 * migration ladder, and a lost blob can never make a post row unreadable.
 * Version 1 is the first version; a later change adds an `if (oldVersion < 2)` step below.
 */
export const MEDIA_DB_NAME = 'cadence-media';
export const MEDIA_DB_VERSION = 1;

export const mediaRowSchema = z.object({
  v: z.literal(1),
  key: idSchema,
  blob: z.instanceof(Blob),
  mime: z.string(),
  bytes: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** The file name it came from, for the user's eyes only. */
  name: z.string(),
  createdAt: epochMsSchema,
});
export type MediaRow = z.infer<typeof mediaRowSchema>;

export const templateSchema = z.object({
  v: z.literal(1),
  id: idSchema,
  workspaceId: idSchema,
  name: z.string().min(1),
  text: z.string(),
  createdAt: epochMsSchema,
  updatedAt: epochMsSchema,
});
export type Template = z.infer<typeof templateSchema>;

interface MediaDbSchema extends DBSchema {
  media: { key: string; value: unknown };
  templates: { key: string; value: unknown };
}
export type MediaDb = IDBPDatabase<MediaDbSchema>;

/** Opens the database through the global `indexedDB` (fake-indexeddb in unit tests; they may name a second one). */
export function openMediaDb(name = MEDIA_DB_NAME): Promise<MediaDb> {
  return openDB<MediaDbSchema>(name, MEDIA_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('media', { keyPath: 'key' });
        db.createObjectStore('templates', { keyPath: 'id' });
      }
    },
  });
}

let shared: Promise<MediaDb> | null = null;
/** One connection per context (side panel or worker), opened on first use. */
export function mediaDb(): Promise<MediaDb> {
  shared ??= openMediaDb().catch((error: unknown) => {
    shared = null;
    throw error;
  });
  return shared;
}
