import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBackup } from '@/lib/backup/export';
import { importBackup, parseBackup } from '@/lib/backup/import';
import { BACKUP_STORES, LEFT_OUT_OF_BACKUPS, type BackupFile } from '@/lib/backup/schema';
import { openMediaDb, type MediaDb } from '@/lib/compose/media-db';
import { getMedia, mediaOf, putMedia } from '@/lib/compose/media-store';
import { createTemplate, listTemplates } from '@/lib/compose/templates';
import { streamResultSchema, type Post } from '@/lib/model';
import { DB_VERSION, openStore, STORE_NAMES, type Store } from '@/lib/store';

/**
 * Issue 18, hole 10: a backup carries everything the user made — templates and images from the
 * composer's own database, saved replies and listening results — and a version 1 file still imports.
 */
type Rows = Record<string, unknown[]>;
const latest = JSON.parse(readFileSync(resolve(__dirname, `../../fixtures/db/v${DB_VERSION}.json`), 'utf8')) as Rows;
const NOW = 1_800_000_000_000;
/** The fixture's listening results as the schema reads them: fields added since (a result's visibility) at their defaults. */
const streamResultsAsRead = latest.streamResults!.map((row) => streamResultSchema.parse(row));

async function seeded(): Promise<Store> {
  const store = await openStore();
  for (const [name, rows] of Object.entries(latest)) for (const row of rows) await store.db.put(name, row);
  return store;
}

/** Bytes that survive only a lossless trip: every value 0–255, twice. */
const everyByte = () => new Uint8Array(512).map((_, i) => i % 256);

/** A source profile: the fixture, an image from disk on its first post, and a template. */
async function profileA(): Promise<{ store: Store; media: MediaDb; post: Post }> {
  const store = await seeded();
  const media = await openMediaDb('media-a');
  const image = await putMedia({ blob: new Blob([everyByte()], { type: 'image/png' }), width: 16, height: 32, name: 'chart.png' }, NOW, media);
  const post = { ...(latest.posts![0] as Post), media: [{ ...mediaOf(image, 'A bar chart'), id: 'm_1' }] };
  await store.db.put('posts', post);
  await createTemplate({ workspaceId: 'ws_acme', name: 'Weekly roundup', text: 'This week: {title} {url}' }, NOW, media);
  return { store, media, post };
}

const exportAll = (store: Store, media: MediaDb) => exportBackup(store, { scope: { kind: 'all' }, includeCredentials: false, now: () => NOW, media });

describe('a backup carries what the user made outside the main stores', () => {
  it('every store of the main database is in the file, or left out for a reason written down', () => {
    expect([...BACKUP_STORES, ...Object.keys(LEFT_OUT_OF_BACKUPS)].sort()).toEqual([...STORE_NAMES].sort());
  });

  it('has images from disk (as base64, under the keys posts point at), templates, saved replies and listening results', async () => {
    const { store, media, post } = await profileA();
    const { file, skipped } = await exportAll(store, media);
    expect(skipped).toEqual([]);
    expect(file.version).toBe(2);
    expect(file.data.savedReplies).toEqual(latest.savedReplies);
    expect(file.data.streamResults).toEqual(streamResultsAsRead);
    expect(file.media.templates.map((t) => t.name)).toEqual(['Weekly roundup']);
    const key = post.media[0]!.src.slice('blob:'.length);
    expect(file.media.images).toEqual([
      { key, mime: 'image/png', bytes: 512, width: 16, height: 32, name: 'chart.png', createdAt: NOW, base64: expect.any(String) },
    ]);

    const parsed = parseBackup(JSON.stringify(file));
    expect(parsed.ok).toBe(true);
    const target = await openStore({ name: 'profile-b' });
    const targetMedia = await openMediaDb('media-b');
    const summary = await importBackup(target, (parsed as { file: BackupFile }).file, { media: targetMedia });
    expect(summary).toMatchObject({ images: { added: 1 }, templates: { added: 1 }, savedReplies: { added: 1 }, streamResults: { added: 1 } });

    // The restored post still shows its image: same key, same bytes, same type.
    const restored = (await target.db.get('posts', post.id)) as Post;
    expect(restored.media[0]!.src).toBe(post.media[0]!.src);
    const row = await getMedia(key, targetMedia);
    expect(new Uint8Array(await row.blob.arrayBuffer())).toEqual(everyByte());
    expect(row.blob.type).toBe('image/png');
    expect(await listTemplates('ws_acme', targetMedia)).toEqual(await listTemplates('ws_acme', media));
    expect(await target.db.getAll('savedReplies')).toEqual(latest.savedReplies);
    expect(await target.db.getAll('streamResults')).toEqual(streamResultsAsRead);

    // Imported again: nothing is added twice.
    const again = await importBackup(target, (parsed as { file: BackupFile }).file, { media: targetMedia });
    expect(again).toMatchObject({ images: { added: 0, skipped: 1 }, templates: { added: 0, skipped: 1 } });
    for (const db of [store, target]) db.close();
  });

  it('one workspace’s backup holds only its images, templates, saved replies and results', async () => {
    const { store, media } = await profileA();
    await store.db.put('workspaces', { ...(latest.workspaces![0] as object), id: 'ws_other', name: 'Other' });
    await createTemplate({ workspaceId: 'ws_other', name: 'Other’s', text: 'x' }, NOW, media);
    const { file } = await exportBackup(store, {
      scope: { kind: 'workspace', workspaceId: 'ws_other', name: 'Other' },
      includeCredentials: false,
      now: () => NOW,
      media,
    });
    expect(file.media).toEqual({ images: [], templates: [expect.objectContaining({ name: 'Other’s' })] });
    expect(file.data.savedReplies).toEqual([]);
    expect(file.data.streamResults).toEqual([]);
    expect(parseBackup(JSON.stringify(file)).ok).toBe(true);
    store.close();
  });

  it('leaves out saved replies and results a deleted workspace or stream left behind, so the file stays importable', async () => {
    const { store, media } = await profileA();
    await store.db.put('savedReplies', { ...(latest.savedReplies![0] as object), id: 'sr_orphan', workspaceId: 'ws_gone' });
    await store.db.put('streamResults', { ...(latest.streamResults![0] as object), id: 'res_orphan', streamId: 'stream_gone' });
    const { file } = await exportAll(store, media);
    expect(file.data.savedReplies.map((r) => r.id)).not.toContain('sr_orphan');
    expect(file.data.streamResults.map((r) => r.id)).not.toContain('res_orphan');
    expect(parseBackup(JSON.stringify(file)).ok).toBe(true);
    store.close();
  });
});

describe('the file format is versioned', () => {
  it('a version 1 file (made before images, templates, saved replies and results travelled) still imports', async () => {
    const { store, media } = await profileA();
    const { file } = await exportAll(store, media);
    const { media: _media, ...rest } = file;
    const { streamResults: _r, savedReplies: _s, ...v1Data } = file.data;
    const v1 = { ...rest, version: 1, data: v1Data };
    const parsed = parseBackup(JSON.stringify(v1));
    expect(parsed).toMatchObject({ ok: true, file: { version: 2, media: { images: [], templates: [] }, data: { streamResults: [], savedReplies: [] } } });
    const target = await openStore({ name: 'from-v1' });
    const summary = await importBackup(target, (parsed as { file: BackupFile }).file, { media: await openMediaDb('media-v1') });
    expect(summary.posts).toEqual({ added: latest.posts!.length, updated: 0, skipped: 0 });
    expect(summary.images).toEqual({ added: 0, updated: 0, skipped: 0 });
    store.close();
    target.close();
  });

  it('a version 1 file is held to version 1’s shape: a field only version 2 knows is not read from it', async () => {
    const { store, media } = await profileA();
    const { file } = await exportAll(store, media);
    const parsed = parseBackup(JSON.stringify({ ...file, version: 1 }));
    // Its extra fields are dropped by the v1 schema, then version 2's empty ones are filled in.
    expect(parsed).toMatchObject({ ok: true, file: { media: { images: [], templates: [] } } });
    store.close();
  });
});

describe('a damaged media part is refused whole, and nothing changes', () => {
  async function problemsOf(mutate: (file: BackupFile) => void) {
    const { store, media } = await profileA();
    const { file } = await exportAll(store, media);
    store.close();
    const copy = structuredClone(file);
    mutate(copy);
    const result = parseBackup(JSON.stringify(copy));
    expect(result.ok).toBe(false);
    return (result as { problems: { path: string; message: string }[] }).problems;
  }

  it('image data that is not base64', async () => {
    expect(await problemsOf((file) => (file.media.images[0]!.base64 = '%%%not base64%%%'))).toEqual([
      { path: 'media.images.0.base64', message: expect.stringMatching(/not base64/) },
    ]);
  });

  it('image data cut short', async () => {
    const problems = await problemsOf((file) => (file.media.images[0]!.base64 = file.media.images[0]!.base64.slice(0, 40)));
    expect(problems).toEqual([{ path: 'media.images.0.base64', message: expect.stringMatching(/truncated/) }]);
  });

  it('something that is not an image', async () => {
    expect(await problemsOf((file) => (file.media.images[0]!.mime = 'text/html'))).toEqual([{ path: 'media.images.0.mime', message: 'not an image type' }]);
  });

  it('a template of a workspace the file lacks, and a listening result of a stream it lacks', async () => {
    const problems = await problemsOf((file) => {
      file.media.templates[0]!.workspaceId = 'ws_elsewhere';
      file.data.streamResults[0]!.streamId = 'stream_elsewhere';
    });
    expect(problems.map((p) => p.path).sort()).toEqual(['data.streamResults.0.streamId', 'media.templates.0.workspaceId']);
  });

  it('duplicate image keys', async () => {
    const problems = await problemsOf((file) => file.media.images.push(file.media.images[0]!));
    expect(problems).toEqual([{ path: 'media.images.1', message: expect.stringMatching(/duplicate id/) }]);
  });

  it('when the main database’s write fails, the images and templates it wrote are put back as they were', async () => {
    const { store, media } = await profileA();
    const { file } = await exportAll(store, media);
    const targetMedia = await openMediaDb('media-undo');
    // A template already here, older than the file's: the import would update it.
    const older = { ...file.media.templates[0]!, name: 'Kept as it was', updatedAt: 1 };
    await targetMedia.put('templates', older);
    const target = await openStore({ name: 'undo-target' });
    target.close(); // its transaction cannot start: the main write fails after the media one
    await expect(importBackup(target, file, { media: targetMedia })).rejects.toThrow();
    expect(await targetMedia.getAll('media')).toEqual([]);
    expect(await targetMedia.getAll('templates')).toEqual([older]);
    store.close();
  });
});
