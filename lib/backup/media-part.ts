import { mediaRowSchema, templateSchema, type MediaDb } from '../compose/media-db';
import { isStoredSrc, keyOfSrc } from '../compose/media-store';
import type { Post } from '../model';
import { base64ToBytes, bytesToBase64 } from './base64';
import type { BackupImage, BackupMedia } from './schema';

/**
 * The part of a backup that lives in the composer's own database, `cadence-media` (images from
 * disk and templates). That database is separate from the main one, so no transaction spans both:
 * import writes this part first, in one transaction, and `undo` puts back what it changed when
 * the main database's transaction then fails (lib/backup/import.ts), so a failed import changes
 * neither. Images are immutable under their key: one already stored is kept as it is.
 */
type Skipped = { store: string; key: string; reason: string };

/**
 * The images `posts` point at (`blob:<key>`), those the records of what was sent point at
 * (`sentSrcs`: a post's image may have been swapped since), and the templates of `workspaceIds`.
 */
export async function exportMedia(
  db: MediaDb,
  posts: readonly Post[],
  workspaceIds: ReadonlySet<string>,
  sentSrcs: readonly string[] = [],
): Promise<{ media: BackupMedia; skipped: Skipped[] }> {
  const keys = new Set([...posts.flatMap((post) => post.media.map((m) => m.src)), ...sentSrcs].filter(isStoredSrc).map(keyOfSrc));
  const tx = db.transaction(['media', 'templates']);
  const [rows, templates] = await Promise.all([Promise.all([...keys].map((key) => tx.objectStore('media').get(key))), tx.objectStore('templates').getAll()]);
  await tx.done;
  const skipped: Skipped[] = [];
  const images: BackupImage[] = [];
  for (const raw of rows) {
    const row = mediaRowSchema.safeParse(raw);
    // A post pointing at an image that is gone already shows "no longer stored" here; there is nothing to save.
    if (!row.success) {
      if (raw !== undefined) skipped.push({ store: 'media', key: String((raw as { key?: unknown }).key), reason: 'the image could not be read' });
      continue;
    }
    const { blob, v: _v, ...rest } = row.data;
    images.push({ ...rest, bytes: blob.size, base64: bytesToBase64(new Uint8Array(await blob.arrayBuffer())) });
  }
  const kept = templates.flatMap((raw) => {
    const row = templateSchema.safeParse(raw);
    if (!row.success) skipped.push({ store: 'templates', key: String((raw as { id?: unknown }).id), reason: row.error.issues[0]?.message ?? 'unreadable' });
    return row.success && workspaceIds.has(row.data.workspaceId) ? [row.data] : [];
  });
  return { media: { images: images.sort((a, b) => a.key.localeCompare(b.key)), templates: kept }, skipped };
}

export interface MediaSummary {
  images: { added: number; updated: number; skipped: number };
  templates: { added: number; updated: number; skipped: number };
}

/** Writes the file's media in one transaction; `undo` restores every row it wrote to what was there. */
export async function importMedia(db: MediaDb, media: BackupMedia): Promise<{ summary: MediaSummary; written: number; undo: () => Promise<void> }> {
  // Decoded before the transaction opens: it would commit on its own while we wait for anything else.
  const images = media.images.map((image) => {
    const { base64, ...rest } = image;
    return mediaRowSchema.parse({ v: 1, ...rest, blob: new Blob([base64ToBytes(base64) as BlobPart], { type: image.mime }) });
  });
  const summary: MediaSummary = { images: { added: 0, updated: 0, skipped: 0 }, templates: { added: 0, updated: 0, skipped: 0 } };
  const before: { store: 'media' | 'templates'; key: string; row: unknown }[] = [];
  const tx = db.transaction(['media', 'templates'], 'readwrite');
  for (const image of images) {
    const stored: unknown = await tx.objectStore('media').get(image.key);
    if (stored !== undefined) {
      summary.images.skipped++;
      continue;
    }
    await tx.objectStore('media').put(image);
    before.push({ store: 'media', key: image.key, row: undefined });
    summary.images.added++;
  }
  for (const template of media.templates) {
    const stored: unknown = await tx.objectStore('templates').get(template.id);
    const current = templateSchema.safeParse(stored);
    // A stored template that fails its schema is never overwritten; a newer one in the file wins.
    const verdict = stored === undefined ? 'added' : current.success && template.updatedAt > current.data.updatedAt ? 'updated' : 'skipped';
    summary.templates[verdict]++;
    if (verdict === 'skipped') continue;
    await tx.objectStore('templates').put(template);
    before.push({ store: 'templates', key: template.id, row: stored });
  }
  await tx.done;
  const undo = async () => {
    const back = db.transaction(['media', 'templates'], 'readwrite');
    await Promise.all([
      ...before.map(({ store, key, row }) => (row === undefined ? back.objectStore(store).delete(key) : back.objectStore(store).put(row))),
      back.done,
    ]);
  };
  return { summary, written: before.length, undo };
}
