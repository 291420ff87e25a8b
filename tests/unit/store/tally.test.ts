import { describe, expect, it } from 'vitest';
import { exportBackup } from '@/lib/backup/export';
import { importBackup } from '@/lib/backup/import';
import { ensureDefaults } from '@/lib/app/ensure-defaults';
import { countClips, countOf, facetCounts, openStore, readClipTally, tallyCount, type Store } from '@/lib/store';
import { deleteWorkspace } from '@/lib/workspaces/delete-workspace';
import { createWorkspace, listWorkspaces } from '@/lib/workspaces/workspaces';
import { makeClip } from '../factories';

/** The tally rows as stored now, and as a rebuild from every clip makes them: the two must agree. */
async function storedAndRebuilt(store: Store) {
  const stored = await store.db.getAll('clipTally');
  await store.db.clear('clipTally');
  await readClipTally(store);
  return { stored, rebuilt: await store.db.getAll('clipTally') };
}

/** Counts are pairs in the order they were first counted: compare them as sets. */
const sorted = (rows: unknown[]) =>
  rows.map((row) => Object.fromEntries(Object.entries(row as object).map(([key, value]) => [key, Array.isArray(value) ? [...value].sort() : value])));

async function expectTallyExact(store: Store) {
  const { stored, rebuilt } = await storedAndRebuilt(store);
  expect(sorted(stored)).toEqual(sorted(rebuilt));
}

describe('the clip tally', () => {
  it('counts puts, edits, moves between workspaces and deletes exactly', async () => {
    const store = await openStore();
    const a = makeClip({ tags: ['launch', 'coffee', 'launch'], url: 'https://www.a.example/1', workspaceIds: ['ws_1'] });
    const b = makeClip({ kind: 'link', url: 'https://b.example/2', workspaceIds: ['ws_1', 'ws_2'] });
    await store.clips.put(a);
    await store.clips.put(b);
    let { all, shown } = await readClipTally(store, 'ws_2');
    expect(all.clips).toBe(2);
    expect(shown.clips).toBe(1);
    expect(facetCounts(all, 'tag')).toEqual([
      ['coffee', 1],
      ['launch', 1],
    ]);
    expect(facetCounts(all, 'site')).toEqual([
      ['a.example', 1],
      ['b.example', 1],
    ]);

    await store.clips.update(a.id, (clip) => clip && { ...clip, status: 'archived', tags: ['coffee'] });
    await store.clips.put({ ...b, workspaceIds: ['ws_1'] });
    ({ all, shown } = await readClipTally(store, 'ws_2'));
    expect(countOf(all, { statuses: ['new', 'used'] })).toBe(1);
    expect(countOf(all, { statuses: ['archived'], kind: 'article' })).toBe(1);
    expect(shown.clips).toBe(0);
    expect(await store.db.get('clipTally', 'workspace:ws_2')).toBeUndefined();
    await expectTallyExact(store);

    await store.clips.delete(a.id);
    await store.clips.delete('never-was');
    ({ all } = await readClipTally(store));
    expect(all.clips).toBe(1);
    expect(facetCounts(all, 'tag')).toEqual([]);
    await expectTallyExact(store);
    store.close();
  });

  it('counts a batch that writes one clip twice once, and a bulk archive clip by clip', async () => {
    const store = await openStore();
    const clips = Array.from({ length: 30 }, (_, i) => makeClip({ tags: [`t${i % 3}`] }));
    await store.clips.putMany([...clips, { ...clips[0]!, status: 'used' }]);
    expect(countOf((await readClipTally(store, 'ws_1')).shown, { statuses: ['new', 'used'] })).toBe(30);
    await Promise.all(clips.slice(0, 10).map((clip) => store.clips.update(clip.id, (current) => current && { ...current, status: 'archived' })));
    const { shown } = await readClipTally(store, 'ws_1');
    expect(countOf(shown, { statuses: ['new', 'used'] })).toBe(20);
    expect(await tallyCount(store, '', { filters: { statuses: ['new', 'used'] }, workspaceId: 'ws_1' })).toBe(
      await countClips(store, '', { filters: { statuses: ['new', 'used'] }, workspaceId: 'ws_1' }),
    );
    await expectTallyExact(store);
    store.close();
  });

  it('answers only what it holds: query words and tag or site filters go to the index', async () => {
    const store = await openStore();
    await store.clips.put(makeClip({ kind: 'link' }));
    expect(await tallyCount(store, '  ', { filters: { kind: 'link' } })).toBe(1);
    expect(await tallyCount(store, 'coffee')).toBeNull();
    expect(await tallyCount(store, '', { filters: { tag: 'launch' } })).toBeNull();
    expect(await tallyCount(store, '', { filters: { site: 'a.example' } })).toBeNull();
    store.close();
  });

  it('counts damaged rows as flagged, and forgets them when they are replaced or deleted', async () => {
    const store = await openStore();
    await store.db.clear('clipTally');
    await store.db.put('clips', { id: 'broken', v: 1, title: 42 });
    await store.db.put('clips', { id: 'broken-2', v: 1 });
    expect((await readClipTally(store)).all.flagged).toBe(2);
    await store.clips.put(makeClip({ id: 'broken' }));
    await store.clips.delete('broken-2');
    const { all } = await readClipTally(store);
    expect([all.flagged, all.clips]).toEqual([0, 1]);
    await expectTallyExact(store);
    store.close();
  });

  it('never trusts a damaged, missing or inconsistent tally: it is rebuilt from the clips', async () => {
    const store = await openStore();
    await store.clips.putMany([makeClip(), makeClip({ status: 'used' })]);
    const damaged = [
      { v: 1, id: 'all', clips: 'two' },
      { v: 1, id: 'all', clips: 5, statusKinds: [['new article', 1]], tags: [], sites: [], flagged: 0 },
    ];
    for (const row of damaged) {
      await store.db.put('clipTally', row);
      expect((await readClipTally(store)).all.clips).toBe(2);
    }
    await store.db.delete('clipTally', 'all');
    expect((await readClipTally(store, 'ws_1')).shown.clips).toBe(2);
    // A write that finds the tally wrong (a count would fall below zero) clears it rather than patching it.
    await store.db.put('clipTally', { v: 1, id: 'all', clips: 0, statusKinds: [], tags: [], sites: [], flagged: 0 });
    await store.db.delete('clipTally', 'workspace:ws_1');
    const [first] = await store.clips.list({ limit: 1 });
    await store.clips.delete(first!.key);
    expect(await store.db.getAll('clipTally')).toEqual([]);
    expect((await readClipTally(store)).all.clips).toBe(1);
    store.close();
  });

  it('keeps its counts through an import and a workspace deletion', async () => {
    const source = await openStore({ name: 'tally-source' });
    await ensureDefaults(source, () => 1_000, 'Europe/Berlin');
    const [first] = await listWorkspaces(source);
    const second = await createWorkspace(source, { name: 'Beta', timeZone: 'UTC', color: '#d9480f' }, () => 2_000);
    await source.clips.putMany([
      makeClip({ workspaceIds: [first!.id], tags: ['a'] }),
      makeClip({ workspaceIds: [second.id], tags: ['b'] }),
      makeClip({ workspaceIds: [first!.id, second.id], tags: ['c'] }),
    ]);
    const { file } = await exportBackup(source, { scope: { kind: 'all' }, includeCredentials: false, now: () => 3_000 });

    const target = await openStore({ name: 'tally-target' });
    await target.clips.put(makeClip({ workspaceIds: [first!.id] }));
    await importBackup(target, file);
    expect((await readClipTally(target)).all.clips).toBe(4);
    await expectTallyExact(target);

    await deleteWorkspace(target, second.id);
    const { all, shown } = await readClipTally(target, first!.id);
    expect([all.clips, shown.clips]).toEqual([3, 3]);
    expect(await target.db.get('clipTally', `workspace:${second.id}`)).toBeUndefined();
    await expectTallyExact(target);
    source.close();
    target.close();
  });
});
