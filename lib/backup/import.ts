import { mediaDb, type MediaDb } from '../compose/media-db';
import { MASTODON_READ_SERVERS_ID, mastodonReadServersSchema, type Delivery, type Settings } from '../model';
import { STORES, type Store, type StoreName } from '../store';
import { CONTENT_STORES, restoredSettings, untouchedStarter } from './fresh-profile';
import { holdIfPending, isImportedHold } from './hold-pending';
import { importMedia, type MediaSummary } from './media-part';
import { BACKUP_STORES, BACKUP_VERSION, keyOf, type BackupFile, type BackupStore } from './schema';
import { parseAnyVersion, READABLE_VERSIONS } from './versions';

/**
 * Import. The whole file is validated before anything is touched (any version Cadence reads,
 * ./versions.ts). Then the composer's database (`cadence-media`: images, templates) is written in
 * one transaction, and every row of the main database in ONE transaction across its stores (and
 * the clip search index); if that one fails, the media rows it wrote are put back as they were
 * (./media-part.ts), so a failure changes nothing.
 *
 * Conflict rule (ids are keys, so importing a file twice duplicates nothing):
 * - a row whose id is not stored is added;
 * - rows with `updatedAt` (workspaces, accounts, credentials, clips, posts, deliveries): the newer
 *   `updatedAt` wins; on a tie, or when the stored copy is newer, the stored copy is kept (skipped);
 * - rows without it (inbox, metrics, streams, settings) are facts or local preferences: a stored
 *   copy is kept;
 * - a stored row that fails its schema is never overwritten (it shows flagged); the incoming one is skipped;
 * - a stored delivery this browser's publisher holds right now (`publishing`) is never overwritten;
 * - an imported delivery still to go out comes in held until the user confirms it (./hold-pending.ts);
 * - the Mastodon servers the user reads are joined to those already here (none is removed). This
 *   browser may not have the permission to read them yet: Settings lists them with an Allow button.
 */

export interface Problem {
  path: string;
  message: string;
}
export type ParseResult = { ok: true; file: BackupFile } | { ok: false; problems: Problem[] };

const MAX_PROBLEMS = 5;

export function parseBackup(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ path: '(file)', message: `not complete JSON (${why}); the file may be truncated or not a Cadence backup` }] };
  }
  const parsed = parseAnyVersion(json);
  if (parsed.ok) return { ok: true, file: parsed.file };
  if ('version' in parsed) {
    const newer = typeof parsed.version === 'number' && parsed.version > BACKUP_VERSION;
    const reads = `it reads versions ${READABLE_VERSIONS.join(' and ')}`;
    const message = newer
      ? `version ${parsed.version} was made by a newer Cadence than this one (${reads}): update Cadence, then import it again`
      : `version ${String(parsed.version)} is not one this Cadence reads (${reads})`;
    return { ok: false, problems: [{ path: 'version', message }] };
  }
  return {
    ok: false,
    problems: parsed.error.issues.slice(0, MAX_PROBLEMS).map((issue) => ({ path: issue.path.join('.') || '(file)', message: issue.message })),
  };
}

export interface StoreSummary {
  added: number;
  updated: number;
  skipped: number;
}
export type ImportSummary = Partial<Record<BackupStore | 'readServers' | keyof MediaSummary, StoreSummary>> & {
  /** Imported deliveries that were still to go out, now held for the user to confirm. */
  held?: number;
  /** A fresh profile's empty starter workspace, replaced by the file's (./fresh-profile.ts). */
  replacedStarter?: true;
};
export type ImportProgress = (done: number, total: number) => void;
export interface ImportOptions {
  onProgress?: ImportProgress;
  /** The composer's database (images, templates); the context's own connection unless told. */
  media?: MediaDb | Promise<MediaDb>;
}

const HAS_UPDATED_AT: ReadonlySet<BackupStore> = new Set(['workspaces', 'accounts', 'credentials', 'clips', 'posts', 'deliveries']);

export async function importBackup(store: Store, file: BackupFile, options: ImportOptions = {}): Promise<ImportSummary> {
  const onProgress = options.onProgress ?? (() => undefined);
  const db = await (options.media ?? mediaDb());
  const hasTemplates = (await db.count('templates')) > 0;
  const media = await importMedia(db, file.media);
  try {
    return { ...media.summary, ...(await importMain(store, file, onProgress, hasTemplates)) };
  } catch (error) {
    await media.undo();
    throw error;
  }
}

async function importMain(store: Store, file: BackupFile, onProgress: ImportProgress, hasTemplates: boolean): Promise<ImportSummary> {
  const present = BACKUP_STORES.filter((name) => file.data[name] !== undefined);
  const total = present.reduce((sum, name) => sum + (file.data[name]?.length ?? 0), 0);
  const servers = file.readServers ?? [];
  // A whole backup with its settings: only then can the starter go, with the settings pointing elsewhere.
  const isWhole = file.scope.kind === 'all' && file.data.workspaces.length > 0 && file.data.settings.length === 1;
  // The batch adds the clip search index and the tally to these (lib/store/collection.ts).
  const scope: StoreName[] = [
    ...new Set<StoreName>([
      ...present,
      ...(servers.length ? (['meta'] as const) : []),
      ...(isWhole ? [...CONTENT_STORES, 'workspaces' as const, 'settings' as const] : []),
    ]),
  ];
  const batch = store.batch(scope);
  const { tx } = batch;
  const summary: ImportSummary = {};
  const fileWorkspaces = file.data.workspaces.map((w) => w.id);
  let done = 0;
  let starter: string | null = null;
  try {
    starter = isWhole ? await untouchedStarter(tx, hasTemplates) : null;
    if (starter !== null && !fileWorkspaces.includes(starter)) {
      await batch.delete('workspaces', starter, await tx.objectStore('workspaces').get(starter));
      summary.replacedStarter = true;
    } else starter = null;
    for (const name of present) {
      const counts: StoreSummary = { added: 0, updated: 0, skipped: 0 };
      const objectStore = tx.objectStore(name);
      for (const row of file.data[name] ?? []) {
        const key = keyOf(name, row);
        const stored: unknown = await objectStore.get(key);
        const verdict = starter !== null && name === 'settings' ? 'updated' : decide(name, stored, row);
        if (verdict !== 'skipped') {
          const value =
            name === 'deliveries'
              ? holdIfPending(row as Delivery)
              : name === 'settings' && starter !== null
                ? restoredSettings(row as Settings, fileWorkspaces)
                : row;
          if (name === 'deliveries' && isImportedHold(value as Delivery)) summary.held = (summary.held ?? 0) + 1;
          // Clips bring their search terms and move the queue's counts, in the same transaction.
          await batch.put(name, value, stored);
        }
        counts[verdict]++;
        if (++done % 50 === 0 || done === total) onProgress(done, total);
      }
      summary[name] = counts;
    }
    if (servers.length) {
      summary.readServers = await joinReadServers(
        { get: (key) => tx.objectStore('meta').get(key), put: (value, before) => batch.put('meta', value, before) },
        servers,
      );
    }
    await batch.commit();
  } catch (error) {
    await batch.abort();
    throw error;
  }
  return summary;
}

/** Adds the file's servers to the stored list; a stored list that fails its schema is left as it is. */
async function joinReadServers(
  meta: { get(key: string): Promise<unknown>; put(value: unknown, before: unknown): Promise<unknown> },
  origins: string[],
): Promise<StoreSummary> {
  const raw = await meta.get(MASTODON_READ_SERVERS_ID);
  const stored = raw === undefined ? { success: true as const, data: null } : mastodonReadServersSchema.safeParse(raw);
  if (!stored.success) return { added: 0, updated: 0, skipped: origins.length };
  const have = stored.data?.origins ?? [];
  const added = origins.filter((origin) => !have.includes(origin));
  if (added.length) {
    await meta.put(mastodonReadServersSchema.parse({ v: 1, id: MASTODON_READ_SERVERS_ID, origins: [...have, ...added], updatedAt: Date.now() }), raw);
  }
  return { added: added.length, updated: 0, skipped: origins.length - added.length };
}

function decide(name: BackupStore, stored: unknown, incoming: unknown): keyof StoreSummary {
  if (stored === undefined) return 'added';
  const current = STORES[name].schema.safeParse(stored);
  if (!current.success) return 'skipped';
  if (name === 'deliveries' && (current.data as Delivery).state === 'publishing') return 'skipped';
  if (!HAS_UPDATED_AT.has(name)) return 'skipped';
  const at = (row: unknown) => Number((row as { updatedAt?: unknown }).updatedAt ?? 0);
  return at(incoming) > at(stored) ? 'updated' : 'skipped';
}

export function describeSummary(summary: ImportSummary): string {
  const { held, replacedStarter, ...stores } = summary;
  const totals = Object.values(stores).reduce(
    (sum, s) => ({ added: sum.added + s.added, updated: sum.updated + s.updated, skipped: sum.skipped + s.skipped }),
    {
      added: 0,
      updated: 0,
      skipped: 0,
    },
  );
  const counts = `${totals.added} added, ${totals.updated} updated, ${totals.skipped} skipped (already here, or the copy here is newer).`;
  const starter = replacedStarter ? ' The empty starter workspace of this browser was replaced by yours, and your settings came back.' : '';
  if (!held) return counts + starter;
  return `${counts}${starter} ${held === 1 ? '1 post that was still to go out is' : `${held} posts that were still to go out are`} held until you confirm ${held === 1 ? 'it' : 'them'}.`;
}
