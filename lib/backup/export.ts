import type { z } from 'zod';
import { mediaDb, type MediaDb } from '../compose/media-db';
import { MASTODON_READ_SERVERS_ID, mastodonReadServersSchema } from '../model';
import { STORES, type Store } from '../store';
import { recordedMediaSrcs } from '../schedule/sent-media';
import { exportMedia } from './media-part';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupData, type BackupFile, type BackupScope } from './schema';

export interface ExportResult {
  file: BackupFile;
  /** Stored rows that fail their schema: they cannot be restored, so they are named here instead. */
  skipped: { store: string; key: string; reason: string }[];
}

export interface ExportOptions {
  scope: BackupScope;
  includeCredentials: boolean;
  now: () => number;
  /** The composer's database (images, templates); the context's own connection unless told. */
  media?: MediaDb | Promise<MediaDb>;
}

/**
 * Reads every row of the scope in one read transaction (a consistent snapshot), then the images
 * its posts point at and its templates from `cadence-media`. Credentials are read only when
 * `includeCredentials` is true, which the panel sets only after the user confirmed.
 */
export async function exportBackup(store: Store, options: ExportOptions): Promise<ExportResult> {
  const names = [
    'workspaces',
    'accounts',
    'clips',
    'posts',
    'deliveries',
    'inbox',
    'metrics',
    'streams',
    'streamResults',
    'savedReplies',
    'feeds',
    'settings',
    ...(options.includeCredentials ? ['credentials'] : []),
  ];
  const whole = options.scope.kind === 'all';
  const tx = store.db.transaction(whole ? [...names, 'meta'] : names);
  const [all, servers] = await Promise.all([
    Promise.all(names.map(async (name) => [name, await tx.objectStore(name).getAll()] as const)).then(
      (entries) => Object.fromEntries(entries) as Record<string, unknown[]>,
    ),
    whole ? (tx.objectStore('meta').get(MASTODON_READ_SERVERS_ID) as Promise<unknown>) : Promise.resolve(undefined),
  ]);
  await tx.done;

  const skipped: ExportResult['skipped'] = [];
  const valid = <K extends keyof BackupData>(name: K): NonNullable<BackupData[K]> => {
    const schema: z.ZodType = STORES[name].schema;
    return (all[name] ?? []).flatMap((raw) => {
      const parsed = schema.safeParse(raw);
      if (parsed.success) return [parsed.data];
      const key = String((raw as Record<string, unknown> | null)?.[name === 'credentials' ? 'accountId' : 'id']);
      skipped.push({
        store: name,
        key,
        reason: parsed.error.issues
          .slice(0, 2)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; '),
      });
      return [];
    }) as NonNullable<BackupData[K]>;
  };
  let data: BackupData = {
    workspaces: valid('workspaces'),
    accounts: valid('accounts'),
    ...(options.includeCredentials ? { credentials: valid('credentials') } : {}),
    clips: valid('clips'),
    posts: valid('posts'),
    deliveries: valid('deliveries'),
    inbox: valid('inbox'),
    metrics: valid('metrics'),
    streams: valid('streams'),
    streamResults: valid('streamResults'),
    savedReplies: valid('savedReplies'),
    feeds: valid('feeds'),
    settings: valid('settings'),
  };
  data = withoutOrphans(data);
  if (options.scope.kind === 'workspace') data = onlyWorkspace(data, options.scope.workspaceId);
  const media = await exportMedia(
    await (options.media ?? mediaDb()),
    data.posts,
    new Set(data.workspaces.map((w) => w.id)),
    recordedMediaSrcs(data.deliveries),
  );
  skipped.push(...media.skipped);
  const readServers = servers === undefined ? undefined : mastodonReadServersSchema.safeParse(servers);
  if (readServers && !readServers.success)
    skipped.push({ store: 'meta', key: MASTODON_READ_SERVERS_ID, reason: 'the list of Mastodon servers you read could not be read' });
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: options.now(),
    scope: options.scope,
    includesCredentials: options.includeCredentials,
    data,
    media: media.media,
    ...(readServers?.success && readServers.data.origins.length ? { readServers: readServers.data.origins } : {}),
  };
  return { file, skipped };
}

/** One client's rows. Clips shared with other workspaces are exported filed in this one only. */
function onlyWorkspace(data: BackupData, id: string): BackupData {
  const accounts = data.accounts.filter((a) => a.workspaceId === id);
  const accountIds = new Set(accounts.map((a) => a.id));
  return {
    workspaces: data.workspaces.filter((w) => w.id === id),
    accounts,
    ...(data.credentials ? { credentials: data.credentials.filter((c) => accountIds.has(c.accountId)) } : {}),
    clips: data.clips.filter((c) => c.workspaceIds.includes(id)).map((c) => ({ ...c, workspaceIds: [id] })),
    posts: data.posts.filter((p) => p.workspaceId === id),
    deliveries: data.deliveries.filter((d) => d.workspaceId === id),
    inbox: data.inbox.filter((i) => i.workspaceId === id),
    metrics: data.metrics.filter((m) => accountIds.has(m.accountId)),
    streams: data.streams.filter((s) => s.workspaceId === id),
    streamResults: data.streamResults.filter((r) => r.workspaceId === id),
    savedReplies: data.savedReplies.filter((r) => r.workspaceId === id),
    feeds: (data.feeds ?? []).filter((f) => f.workspaceId === id),
    settings: [],
  };
}

/**
 * Deleting a workspace or a stream leaves its saved replies and listening results behind
 * (lib/workspaces/delete-workspace.ts), where no view shows them: they stay out of the file, which
 * would otherwise point at a workspace or stream it does not hold and be refused on import.
 */
function withoutOrphans(data: BackupData): BackupData {
  const workspaces = new Set(data.workspaces.map((w) => w.id));
  const streams = new Set(data.streams.map((s) => s.id));
  return {
    ...data,
    streamResults: data.streamResults.filter((r) => workspaces.has(r.workspaceId) && streams.has(r.streamId)),
    savedReplies: data.savedReplies.filter((r) => workspaces.has(r.workspaceId)),
    feeds: (data.feeds ?? []).filter((f) => workspaces.has(f.workspaceId)),
  };
}

export function backupFileName(file: BackupFile): string {
  const date = new Date(file.exportedAt).toISOString().slice(0, 10);
  const what =
    file.scope.kind === 'all'
      ? 'all'
      : file.scope.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'workspace';
  return `cadence-${what}-${date}.json`;
}
