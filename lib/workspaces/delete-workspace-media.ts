import { mediaDb, type MediaDb } from '../compose/media-db';
import { isStoredSrc, keyOfSrc } from '../compose/media-store';
import type { Store } from '../store';

/**
 * After a workspace is deleted (./delete-workspace.ts), what it kept in the media database goes
 * too: its templates, and the images of its posts that no post left anywhere still shows (a copy
 * of a post shares its images). The media database is another database, so this runs after the
 * workspace's transaction; what it fails to delete is only left over, never shown, and is logged.
 */
export async function deleteWorkspaceMedia(
  store: Store,
  workspaceId: string,
  imageKeys: string[],
  db: MediaDb | Promise<MediaDb> = mediaDb(),
): Promise<{ templates: number; images: number }> {
  const media = await db;
  const stillShown = new Set<string>();
  if (imageKeys.length > 0) {
    let cursor = await store.db.transaction('posts').store.openCursor();
    for (; cursor; cursor = await cursor.continue()) {
      const sources = (cursor.value as { media?: { src?: unknown }[] }).media ?? [];
      for (const item of sources) if (typeof item.src === 'string' && isStoredSrc(item.src)) stillShown.add(keyOfSrc(item.src));
    }
  }
  const tx = media.transaction(['templates', 'media'], 'readwrite');
  let templates = 0;
  let row = await tx.objectStore('templates').openCursor();
  for (; row; row = await row.continue()) {
    if ((row.value as { workspaceId?: unknown }).workspaceId !== workspaceId) continue;
    templates++;
    await row.delete();
  }
  const gone = imageKeys.filter((key) => !stillShown.has(key));
  await Promise.all(gone.map((key) => tx.objectStore('media').delete(key)));
  await tx.done;
  return { templates, images: gone.length };
}
