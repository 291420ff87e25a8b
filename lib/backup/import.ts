import { MASTODON_READ_SERVERS_ID, mastodonReadServersSchema } from '../model';
import { clipTermsOf, STORES, tallyClipChanges, type ClipChange, type Store, type StoreName, type TallyTransaction } from '../store';
import { BACKUP_STORES, backupFileSchema, keyOf, type BackupFile, type BackupStore } from './schema';

/**
 * Import. The whole file is validated before anything is touched; then every row is written in
 * ONE transaction across the stores (and the clip search index), so a failure changes nothing.
 *
 * Conflict rule (ids are keys, so importing a file twice duplicates nothing):
 * - a row whose id is not stored is added;
 * - rows with `updatedAt` (workspaces, accounts, credentials, clips, posts, deliveries): the newer
 *   `updatedAt` wins; on a tie, or when the stored copy is newer, the stored copy is kept (skipped);
 * - rows without it (inbox, metrics, streams, settings) are facts or local preferences: a stored
 *   copy is kept;
 * - a stored row that fails its schema is never overwritten (it shows flagged); the incoming one is skipped;
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
  const head = json as { format?: unknown; version?: unknown } | null;
  if (head && typeof head === 'object' && head.format === 'cadence-backup' && head.version !== 1) {
    return { ok: false, problems: [{ path: 'version', message: `version ${String(head.version)} is not one this Cadence reads (it reads version 1)` }] };
  }
  const parsed = backupFileSchema.safeParse(json);
  if (parsed.success) return { ok: true, file: parsed.data };
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
export type ImportSummary = Partial<Record<BackupStore | 'readServers', StoreSummary>>;
export type ImportProgress = (done: number, total: number) => void;

const HAS_UPDATED_AT: ReadonlySet<BackupStore> = new Set(['workspaces', 'accounts', 'credentials', 'clips', 'posts', 'deliveries']);

export async function importBackup(store: Store, file: BackupFile, onProgress: ImportProgress = () => undefined): Promise<ImportSummary> {
  const present = BACKUP_STORES.filter((name) => file.data[name] !== undefined);
  const total = present.reduce((sum, name) => sum + (file.data[name]?.length ?? 0), 0);
  const servers = file.readServers ?? [];
  const scope: StoreName[] = [...present, 'clipTerms', 'clipTally', ...(servers.length ? (['meta'] as const) : [])];
  const tx = store.db.transaction(scope, 'readwrite');
  const summary: ImportSummary = {};
  const written: Partial<Record<StoreName, string[]>> = {};
  const clipChanges: ClipChange[] = [];
  let done = 0;
  try {
    for (const name of present) {
      const counts: StoreSummary = { added: 0, updated: 0, skipped: 0 };
      const objectStore = tx.objectStore(name);
      for (const row of file.data[name] ?? []) {
        const key = keyOf(name, row);
        const stored: unknown = await objectStore.get(key);
        const verdict = decide(name, stored, row);
        if (verdict !== 'skipped') {
          await objectStore.put(row);
          if (name === 'clips') {
            await tx.objectStore('clipTerms').put(clipTermsOf(row as BackupFile['data']['clips'][number]));
            clipChanges.push({ before: stored, after: row });
          }
          (written[name] ??= []).push(key);
        }
        counts[verdict]++;
        if (++done % 50 === 0 || done === total) onProgress(done, total);
      }
      summary[name] = counts;
    }
    // The queue's counts move with the clips, in the same transaction.
    await tallyClipChanges(tx as unknown as TallyTransaction, clipChanges);
    if (servers.length) {
      summary.readServers = await joinReadServers(tx.objectStore('meta'), servers);
      if (summary.readServers.added) (written.meta ??= []).push(MASTODON_READ_SERVERS_ID);
    }
    await tx.done;
  } catch (error) {
    tx.abort();
    await tx.done.catch(() => undefined); // the abort we just asked for
    throw error;
  }
  for (const [name, keys] of Object.entries(written) as [StoreName, string[]][]) {
    store.feed.publish({ store: name, keys, op: 'put' });
    if (name === 'clips') store.feed.publish({ store: 'clipTerms', keys, op: 'put' });
  }
  return summary;
}

/** Adds the file's servers to the stored list; a stored list that fails its schema is left as it is. */
async function joinReadServers(
  meta: { get(key: string): Promise<unknown>; put(value: unknown): Promise<unknown> },
  origins: string[],
): Promise<StoreSummary> {
  const raw = await meta.get(MASTODON_READ_SERVERS_ID);
  const stored = raw === undefined ? { success: true as const, data: null } : mastodonReadServersSchema.safeParse(raw);
  if (!stored.success) return { added: 0, updated: 0, skipped: origins.length };
  const have = stored.data?.origins ?? [];
  const added = origins.filter((origin) => !have.includes(origin));
  if (added.length) {
    await meta.put(mastodonReadServersSchema.parse({ v: 1, id: MASTODON_READ_SERVERS_ID, origins: [...have, ...added], updatedAt: Date.now() }));
  }
  return { added: added.length, updated: 0, skipped: origins.length - added.length };
}

function decide(name: BackupStore, stored: unknown, incoming: unknown): keyof StoreSummary {
  if (stored === undefined) return 'added';
  if (!STORES[name].schema.safeParse(stored).success) return 'skipped';
  if (!HAS_UPDATED_AT.has(name)) return 'skipped';
  const at = (row: unknown) => Number((row as { updatedAt?: unknown }).updatedAt ?? 0);
  return at(incoming) > at(stored) ? 'updated' : 'skipped';
}

export function describeSummary(summary: ImportSummary): string {
  const totals = Object.values(summary).reduce((sum, s) => ({ added: sum.added + s.added, updated: sum.updated + s.updated, skipped: sum.skipped + s.skipped }), {
    added: 0,
    updated: 0,
    skipped: 0,
  });
  return `${totals.added} added, ${totals.updated} updated, ${totals.skipped} skipped (already here, or the copy here is newer).`;
}
