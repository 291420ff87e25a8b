import type { z } from 'zod';
import { BACKUP_FORMAT, BACKUP_VERSION, backupFileSchema, type BackupFile } from './schema';
import { backupFileV1Schema, type BackupFileV1 } from './schema-v1';

/**
 * Every version of the file Cadence reads, each with its schema and the step that brings it to the
 * current shape. A new version adds a row here; a published row is never edited.
 */
const READERS: Record<number, { schema: z.ZodType; forward: (file: never) => BackupFile }> = {
  1: {
    schema: backupFileV1Schema,
    // Version 1 had no templates, images, saved replies or listening results.
    forward: (file: BackupFileV1) => ({
      ...file,
      version: BACKUP_VERSION,
      data: { ...file.data, streamResults: [], savedReplies: [] },
      media: { images: [], templates: [] },
    }),
  },
  [BACKUP_VERSION]: { schema: backupFileSchema, forward: (file: BackupFile) => file },
};

export const READABLE_VERSIONS = Object.keys(READERS).map(Number);

export type VersionedParse = { ok: true; file: BackupFile } | { ok: false; error: z.ZodError } | { ok: false; version: unknown };

/** Parses `json` with its own version's schema, then brings it forward. */
export function parseAnyVersion(json: unknown): VersionedParse {
  const head = json as { format?: unknown; version?: unknown } | null;
  const isOurs = head !== null && typeof head === 'object' && head.format === BACKUP_FORMAT;
  const reader = isOurs ? READERS[Number(head.version)] : READERS[BACKUP_VERSION];
  if (isOurs && (!reader || typeof head.version !== 'number')) return { ok: false, version: head.version };
  const parsed = reader!.schema.safeParse(json);
  if (!parsed.success) return { ok: false, error: parsed.error };
  return { ok: true, file: reader!.forward(parsed.data as never) };
}
