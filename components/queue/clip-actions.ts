import type { Clip } from '@/lib/model';
import type { Store } from '@/lib/store';

/** Writes through the clips collection, so the search index follows in the same transaction. */
export async function archiveClips(store: Store, ids: Iterable<string>, now = Date.now()): Promise<number> {
  let archived = 0;
  for (const id of ids) {
    const clip = await store.clips.update(id, (current) => current && current.status !== 'archived' ? { ...current, status: 'archived', updatedAt: now } : undefined);
    if (clip) archived++;
  }
  return archived;
}

export async function saveCuration(store: Store, id: string, { tags, note }: Pick<Clip, 'tags' | 'note'>, now = Date.now()): Promise<void> {
  await store.clips.update(id, (current) => current && { ...current, tags, note, updatedAt: now });
}
