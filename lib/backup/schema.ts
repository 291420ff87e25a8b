import { z } from 'zod';
import { templateSchema } from '../compose/media-db';
import { epochMsSchema, feedSchema, idSchema, savedReplySchema, streamResultSchema } from '../model';
import { BASE64, base64Length } from './base64';
import { checkReferences } from './references';
import { backupDataV1Schema } from './schema-v1';
import { backupScopeSchema, originSchema } from './scope';

export { keyOf } from './references';
export { backupScopeSchema, type BackupScope } from './scope';

/**
 * The backup file: one JSON document, versioned. Invariants:
 * - every row satisfies its store's schema; ids are unique per store;
 * - every workspace, account, post and stream a row points at is in the same file;
 * - `credentials` is present only when the user asked for sign-ins and confirmed;
 * - everything the user made is in it (issue 18, hole 10): every store of the main database but
 *   the derived ones (clipTerms, clipTally: import rebuilds them in the same transaction) and the
 *   worker's bookkeeping (meta, pollState: it belongs to one browser), and the composer's own
 *   database, `cadence-media`: its templates, and its images as base64 under the keys posts
 *   point at (`blob:<key>`), so a restored post shows its image;
 * - `readServers`, the Mastodon servers the user reads (a choice kept in `meta`, not bookkeeping), is
 *   in a whole backup (scope `all`): it is browser-wide, like settings;
 * - what stays out, and why: the Mastodon app registrations in `meta` (a server's client secret,
 *   registered again on the next connect), the composer's "which draft is open" (the panel's
 *   localStorage, a view state), and nothing is kept in storage.local or storage.sync.
 * Version 1 files (./schema-v1.ts) still import: ./versions.ts brings them forward.
 */
export const BACKUP_FORMAT = 'cadence-backup';
export const BACKUP_VERSION = 2;

export const backupDataSchema = backupDataV1Schema.extend({
  streamResults: z.array(streamResultSchema),
  savedReplies: z.array(savedReplySchema),
  /** The feeds each workspace follows (issue 22); files written before feeds have none. */
  feeds: z.array(feedSchema).optional(),
});
export type BackupData = z.infer<typeof backupDataSchema>;
export type BackupStore = keyof BackupData;
export const BACKUP_STORES = Object.keys(backupDataSchema.shape) as BackupStore[];

/** The main database's stores a backup leaves out, and why (a meta-test holds every store to one list or the other). */
export const LEFT_OUT_OF_BACKUPS = {
  clipTerms: 'derived from clips: import rebuilds it in the same transaction',
  clipTally: 'derived from clips: import rebuilds it in the same transaction',
  pollState: "the poller's cursors and whether a panel is open: one browser's bookkeeping",
  team: "this browser's link to a team server, the member's password and the server's copies: the team server holds the shared data, and a password never goes into a file",
  meta: "the worker's bookkeeping and Mastodon app registrations; the servers the user reads travel as readServers",
} as const;

/** An image attached from disk: its row in `cadence-media`, with the blob as base64. */
export const backupImageSchema = z
  .object({
    key: idSchema,
    mime: z.string().regex(/^image\/[a-z0-9.+-]+$/, 'not an image type'),
    bytes: z.number().int().nonnegative(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    name: z.string(),
    createdAt: epochMsSchema,
    base64: z.string().regex(BASE64, 'not base64: the image data is damaged'),
  })
  .refine((image) => !BASE64.test(image.base64) || base64Length(image.base64) === image.bytes, {
    path: ['base64'],
    message: 'holds fewer or more bytes than the image had: the file may be truncated',
  });
export type BackupImage = z.infer<typeof backupImageSchema>;

export const backupMediaSchema = z.object({
  images: z.array(backupImageSchema),
  templates: z.array(templateSchema),
});
export type BackupMedia = z.infer<typeof backupMediaSchema>;

export const backupFileSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(BACKUP_VERSION),
    exportedAt: epochMsSchema,
    scope: backupScopeSchema,
    includesCredentials: z.boolean(),
    data: backupDataSchema,
    media: backupMediaSchema,
    readServers: z.array(originSchema).optional(),
  })
  .superRefine((file, ctx) => checkReferences(file as never, ctx));
export type BackupFile = z.infer<typeof backupFileSchema>;
