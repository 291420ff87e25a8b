import { z } from 'zod';
import {
  accountSchema,
  clipSchema,
  credentialSchema,
  deliverySchema,
  epochMsSchema,
  idSchema,
  inboxItemSchema,
  metricSampleSchema,
  postSchema,
  settingsSchema,
  streamSchema,
  workspaceSchema,
} from '../model';

/**
 * The backup file: one JSON document, versioned. Invariants:
 * - every row satisfies its store's schema; ids are unique per store;
 * - every workspace, account and post a row points at is in the same file;
 * - `credentials` is present only when the user asked for sign-ins and confirmed;
 * - derived stores (clipTerms) and the worker's bookkeeping (meta) are never in it: import rebuilds
 *   the clip index in the same transaction, and bookkeeping belongs to one browser;
 * - `readServers`, the Mastodon servers the user reads (a choice kept in `meta`, not bookkeeping), is
 *   in a whole backup (scope `all`): it is browser-wide, like settings. Files made before it existed
 *   have no such field and import as before.
 */
export const BACKUP_FORMAT = 'cadence-backup';
export const BACKUP_VERSION = 1;

export const backupDataSchema = z.object({
  workspaces: z.array(workspaceSchema),
  accounts: z.array(accountSchema),
  credentials: z.array(credentialSchema).optional(),
  clips: z.array(clipSchema),
  posts: z.array(postSchema),
  deliveries: z.array(deliverySchema),
  inbox: z.array(inboxItemSchema),
  metrics: z.array(metricSampleSchema),
  streams: z.array(streamSchema),
  settings: z.array(settingsSchema).max(1),
});
export type BackupData = z.infer<typeof backupDataSchema>;
export type BackupStore = keyof BackupData;
export const BACKUP_STORES = Object.keys(backupDataSchema.shape) as BackupStore[];

export const backupScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('workspace'), workspaceId: idSchema, name: z.string() }),
]);
export type BackupScope = z.infer<typeof backupScopeSchema>;

const KEY_OF: Record<BackupStore, string> = {
  workspaces: 'id',
  accounts: 'id',
  credentials: 'accountId',
  clips: 'id',
  posts: 'id',
  deliveries: 'id',
  inbox: 'id',
  metrics: 'id',
  streams: 'id',
  settings: 'id',
};
export const keyOf = (store: BackupStore, row: unknown) => String((row as Record<string, unknown>)[KEY_OF[store]]);

/** A server's origin as Settings stores it: scheme, host and port, nothing else. */
const originSchema = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}, 'not a server address (https://host)');

export const backupFileSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(BACKUP_VERSION),
    exportedAt: epochMsSchema,
    scope: backupScopeSchema,
    includesCredentials: z.boolean(),
    data: backupDataSchema,
    readServers: z.array(originSchema).optional(),
  })
  .superRefine((file, ctx) => {
    const { data } = file;
    for (const store of BACKUP_STORES) {
      const seen = new Set<string>();
      (data[store] ?? []).forEach((row, index) => {
        const key = keyOf(store, row);
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['data', store, index], message: `duplicate id ${key}` });
        seen.add(key);
      });
    }
    if (file.includesCredentials !== (data.credentials !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['includesCredentials'], message: 'does not match whether the file holds credentials' });
    }
    const workspaces = new Set(data.workspaces.map((w) => w.id));
    const accounts = new Set(data.accounts.map((a) => a.id));
    const posts = new Set(data.posts.map((p) => p.id));
    const missing = (store: BackupStore, index: number, field: string, id: string, what: string) =>
      ctx.addIssue({ code: 'custom', path: ['data', store, index, field], message: `refers to ${what} ${id}, which is not in the file` });
    for (const store of ['accounts', 'posts', 'deliveries', 'inbox', 'streams'] as const) {
      data[store].forEach((row, i) => {
        if (!workspaces.has(row.workspaceId)) missing(store, i, 'workspaceId', row.workspaceId, 'workspace');
      });
    }
    data.clips.forEach((clip, i) => clip.workspaceIds.forEach((id) => !workspaces.has(id) && missing('clips', i, 'workspaceIds', id, 'workspace')));
    data.deliveries.forEach((d, i) => {
      if (!accounts.has(d.accountId)) missing('deliveries', i, 'accountId', d.accountId, 'account');
      if (!posts.has(d.postId)) missing('deliveries', i, 'postId', d.postId, 'post');
    });
    (data.credentials ?? []).forEach((c, i) => !accounts.has(c.accountId) && missing('credentials', i, 'accountId', c.accountId, 'account'));
  });
export type BackupFile = z.infer<typeof backupFileSchema>;
