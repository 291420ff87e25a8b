import { describe, expect, it } from 'vitest';
import { countClips, flaggedClips, listFacetValues, openStore, searchClips, validRows, type Store } from '@/lib/store';
import { makeClip } from '../../factories';

const titles = async (store: Store, query: string, filters = {}) => (await searchClips(store, query, { filters })).rows.map((row) => row.ok && row.value.title);

describe('searchClips', () => {
  it('matches every query word as a prefix, in any field, newest first', async () => {
    const store = await openStore();
    await store.clips.putMany([
      makeClip({ title: 'Cold brew guide', capturedAt: 1 }),
      makeClip({ title: 'Espresso basics', note: 'for the cold season', capturedAt: 2 }),
      makeClip({ title: 'Tea', tags: ['coldbrew'], capturedAt: 3 }),
    ]);
    expect(await titles(store, 'cold')).toEqual(['Tea', 'Espresso basics', 'Cold brew guide']);
    expect(await titles(store, 'COLD bre')).toEqual(['Cold brew guide']);
    expect(await titles(store, 'cold nothing')).toEqual([]);
    expect((await searchClips(store, 'cold', { limit: 1 })).total).toBe(3);
    store.close();
  });

  it('finds accented words without accents and CJK words inside longer ones', async () => {
    const store = await openStore();
    await store.clips.putMany([makeClip({ title: 'Crème brûlée' }), makeClip({ title: '我们喜欢喝咖啡' }), makeClip({ title: '東京の珈琲店' })]);
    expect(await titles(store, 'creme brulee')).toEqual(['Crème brûlée']);
    expect(await titles(store, 'Crème')).toEqual(['Crème brûlée']);
    expect(await titles(store, '咖啡')).toEqual(['我们喜欢喝咖啡']);
    expect(await titles(store, '啡')).toEqual(['我们喜欢喝咖啡']);
    expect(await titles(store, '珈琲')).toEqual(['東京の珈琲店']);
    store.close();
  });

  it('filters by kind, status, tag and site with or without a query', async () => {
    const store = await openStore();
    await store.clips.putMany([
      makeClip({ title: 'one', kind: 'link', status: 'new', tags: ['launch'], url: 'https://a.example/1', capturedAt: 1 }),
      makeClip({ title: 'two', kind: 'article', status: 'archived', tags: ['launch'], url: 'https://b.example/2', capturedAt: 2 }),
      makeClip({ title: 'three', kind: 'article', status: 'used', url: 'https://www.a.example/3', capturedAt: 3 }),
    ]);
    expect(await titles(store, '', { kind: 'article' })).toEqual(['three', 'two']);
    expect(await titles(store, '', { statuses: ['new', 'used'] })).toEqual(['three', 'one']);
    expect(await titles(store, '', { tag: 'launch', statuses: ['archived'] })).toEqual(['two']);
    expect(await titles(store, 'thr', { site: 'a.example' })).toEqual(['three']);
    expect(await listFacetValues(store, 'site')).toEqual(['a.example', 'b.example']);
    expect(await listFacetValues(store, 'tag')).toEqual(['launch']);
    store.close();
  });

  it('intersects large candidate sets and sorts many matches by the capturedAt index', async () => {
    const store = await openStore();
    await store.clips.putMany(Array.from({ length: 2600 }, (_, i) => makeClip({ title: `item ${i % 2 ? 'odd' : 'even'}`, capturedAt: 10 + i })));
    const result = await searchClips(store, 'item', { limit: 3, filters: { statuses: ['new'] } });
    expect(result.total).toBeNull(); // many matches: read newest first, counted apart
    expect(await countClips(store, 'item', { filters: { statuses: ['new'] } })).toBe(2600);
    expect(result.rows.map((row) => row.ok && row.value.capturedAt)).toEqual([2609, 2608, 2607]);
    expect((await searchClips(store, 'item even', { limit: 2 })).rows.map((row) => row.ok && row.value.capturedAt)).toEqual([2608, 2606]);
    store.close();
  });

  it('lists everything newest first with no query, and shows damaged clips apart', async () => {
    const store = await openStore();
    await store.clips.putMany([makeClip({ title: 'old', capturedAt: 1 }), makeClip({ title: 'new', capturedAt: 2 })]);
    await store.db.put('clips', { id: 'broken', v: 1, title: 42 });
    expect(await titles(store, '  ')).toEqual(['new', 'old']);
    expect((await flaggedClips(store)).map((row) => row.key)).toEqual(['broken']);
    store.close();
  });
});

describe('searchClips in one workspace', () => {
  it('returns only the clips filed in that workspace, with or without a query', async () => {
    const store = await openStore();
    const here = makeClip({ title: 'Coffee here', workspaceIds: ['ws_a'] });
    const shared = makeClip({ title: 'Coffee shared', workspaceIds: ['ws_b', 'ws_a'] });
    const elsewhere = makeClip({ title: 'Coffee elsewhere', workspaceIds: ['ws_b'] });
    await store.clips.putMany([here, shared, elsewhere]);
    const ids = async (query: string, workspaceId: string) => {
      const result = await searchClips(store, query, { workspaceId });
      return { ids: validRows(result.rows).map((clip) => clip.id).sort(), total: result.total };
    };
    expect(await ids('', 'ws_a')).toEqual({ ids: [here.id, shared.id].sort(), total: 2 });
    expect(await ids('coffee', 'ws_b')).toEqual({ ids: [shared.id, elsewhere.id].sort(), total: 2 });
    expect(await ids('elsewhere', 'ws_a')).toEqual({ ids: [], total: 0 });
    store.close();
  });
});

describe('searchClips page by page', () => {
  /** Every page after the first, following `next`, until there is none. */
  async function allPages(store: Store, query: string, limit: number, options: { workspaceId?: string } = {}) {
    const ids: string[] = [];
    let result = await searchClips(store, query, { limit, ...options });
    for (let pages = 0; ; pages++) {
      ids.push(...validRows(result.rows).map((clip) => clip.id));
      if (!result.next || pages > 1000) return ids;
      result = await searchClips(store, query, { limit, after: result.next, ...options });
    }
  }

  it('abandons a search a newer one replaced', async () => {
    const store = await openStore();
    await store.clips.putMany(Array.from({ length: 50 }, () => makeClip({ title: 'coffee' })));
    const controller = new AbortController();
    controller.abort(new Error('replaced'));
    await expect(searchClips(store, 'coffee', { limit: 10, signal: controller.signal })).rejects.toThrow('replaced');
    store.close();
  });

  it('reaches every match of a common word newest first, across clips captured in the same millisecond', async () => {
    const store = await openStore();
    // Pairs share a capturedAt: the cursor must neither repeat nor skip the second of a pair.
    const clips = Array.from({ length: 2400 }, (_, i) => makeClip({ id: `clip_${String(i).padStart(4, '0')}`, title: i % 3 ? 'coffee roast' : 'tea', capturedAt: 1000 + Math.floor(i / 2) }));
    await store.clips.putMany(clips);
    const expected = clips
      .filter((clip) => clip.title === 'coffee roast')
      .sort((a, b) => b.capturedAt - a.capturedAt || (a.id < b.id ? 1 : -1))
      .map((clip) => clip.id);
    expect(await allPages(store, 'coffee', 50)).toEqual(expected);
    expect(await allPages(store, '', 64)).toHaveLength(2400);
    expect(await countClips(store, 'coffee')).toBe(expected.length);
    store.close();
  });

  it('answers a rare word from the index, exactly counted, and pages through it too', async () => {
    const store = await openStore();
    const clips = Array.from({ length: 2400 }, (_, i) => makeClip({ title: i % 400 === 7 ? 'zeppelin over the roastery' : 'coffee', capturedAt: 5000 + i }));
    await store.clips.putMany(clips);
    const first = await searchClips(store, 'zeppelin', { limit: 5 });
        expect(first.total).toBe(6);
    expect(validRows(first.rows).map((clip) => clip.capturedAt)).toEqual([7007, 6607, 6207, 5807, 5407]);
    expect(await allPages(store, 'zeppelin roast', 5)).toHaveLength(6);
    store.close();
  });

  it('leaves the count of a walked query to countClips, with the share of matches for an estimate', async () => {
    const store = await openStore();
    // 1,200 matches: too many for the index to answer cheaply, so the newest clips are read.
    await store.clips.putMany(Array.from({ length: 2400 }, (_, i) => makeClip({ title: i % 2 ? 'coffee' : 'tea', capturedAt: i })));
    const result = await searchClips(store, 'coffee', { limit: 20 });
    expect(result.total).toBeNull();
    expect(result.share * 2400).toBeGreaterThan(800);
    expect(result.share * 2400).toBeLessThan(1600);
    expect(await countClips(store, 'coffee')).toBe(1200);
    store.close();
  });

  it('pages within one workspace', async () => {
    const store = await openStore();
    await store.clips.putMany(Array.from({ length: 1500 }, (_, i) => makeClip({ title: 'coffee', workspaceIds: [i % 3 ? 'ws_a' : 'ws_b'], capturedAt: i })));
    expect(await allPages(store, 'coffee', 90, { workspaceId: 'ws_a' })).toHaveLength(1000);
    expect(await countClips(store, 'coffee', { workspaceId: 'ws_b' })).toBe(500);
    store.close();
  });
});
