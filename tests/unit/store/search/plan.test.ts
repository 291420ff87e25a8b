import { describe, expect, it } from 'vitest';
import { countClips, openStore, searchClips, validRows, type Store } from '@/lib/store';
import { planSearch } from '@/lib/store/search/plan';
import { requirementsOf, type ClipFilters } from '@/lib/store/search/requirements';
import { TERM_INDEX } from '@/lib/store/search/term-index';
import { makeClip } from '../../factories';

const planOf = (store: Store, query: string, filters: ClipFilters = {}, workspaceId?: string) =>
  planSearch(store.db.transaction('clipTerms').store.index(TERM_INDEX), requirementsOf(query, filters, workspaceId));
const read = async (store: Store, query: string, filters: ClipFilters = {}, workspaceId?: string) =>
  (await planOf(store, query, filters, workspaceId)).streams.map(({ terms }) => terms.join('|').replaceAll('\u0001', ''));

describe('planSearch', () => {
  it('resolves a word to the terms it starts, and a word that starts none to no match at all', async () => {
    const store = await openStore();
    await store.clips.putMany([makeClip({ title: 'campaign campus' }), makeClip({ title: 'coffee' })]);
    expect(await read(store, 'camp')).toEqual(['campaign|campus']);
    expect((await planOf(store, 'camp zeppelin')).isEmpty).toBe(true);
    store.close();
  });

  it('leaves out a facet every clip meets, and reads it again once one clip misses it', async () => {
    const store = await openStore();
    await store.clips.putMany([makeClip({ title: 'coffee', status: 'new' }), makeClip({ title: 'coffee', status: 'used' })]);
    const active: ClipFilters = { statuses: ['new', 'used'], kind: 'article' };
    expect(await read(store, 'coffee', active, 'ws_1')).toEqual(['coffee']);
    // Nothing but facets every clip meets: one of a single term is still read, so only clips with a terms row count.
    expect(await read(store, '', active, 'ws_1')).toEqual(['kind:article']);
    expect(await read(store, '', { statuses: ['new', 'used'] }, 'ws_1')).toEqual(['workspace:ws_1']);
    await store.clips.put(makeClip({ title: 'tea', status: 'archived', kind: 'link', workspaceIds: [] }));
    expect(await read(store, 'coffee', active, 'ws_1')).toEqual(['coffee', 'kind:article', 'status:new|status:used', 'workspace:ws_1']);
    store.close();
  });

  it('finds the rarest requirement, by stepping over at most 300 entries of each', async () => {
    const store = await openStore();
    await store.clips.putMany(Array.from({ length: 320 }, (_, i) => makeClip({ title: i < 5 ? 'coffee zeppelin' : 'coffee', tags: i < 40 ? ['launch'] : [] })));
    const plan = await planOf(store, 'coffee zep', { tag: 'launch' });
    expect(plan.rare?.ids).toHaveLength(5);
    expect((await planOf(store, 'coffee')).rare).toBeNull();
    expect((await planOf(store, 'coffee', { tag: 'launch' })).rare?.ids).toHaveLength(40);
    store.close();
  });

  it('does not probe a facet every clip meets for rarity, however few clips there are', async () => {
    const store = await openStore();
    await store.clips.putMany([makeClip({ title: 'coffee' }), makeClip({ title: 'tea' })]);
    const active: ClipFilters = { statuses: ['new', 'used'], kind: 'article' };
    // Read as the span of the newest clips, not as two candidates checked on their terms rows.
    expect((await planOf(store, '', active, 'ws_1')).rare).toBeNull();
    expect((await planOf(store, 'coffee', active, 'ws_1')).rare).toMatchObject({ terms: ['coffee'], ids: [expect.any(String)] });
    await store.clips.put(makeClip({ title: 'tea', status: 'archived' }));
    expect((await planOf(store, '', { statuses: ['archived'] }, 'ws_1')).rare?.ids).toHaveLength(1);
    store.close();
  });

  it('probes a range found to hold many clips only once, and stays exact when it has become rare since', async () => {
    const store = await openStore();
    const clips = Array.from({ length: 320 }, (_, i) =>
      makeClip({ title: i % 2 ? 'coffee' : 'coffee tea', status: i < 310 ? 'archived' : 'new', capturedAt: 1000 + i }),
    );
    await store.clips.putMany(clips);
    // Counts the cursors the plan opens: terms of a word, rarity probes, facets met by every clip.
    let opened = 0;
    const counted = () => {
      const index = store.db.transaction('clipTerms').store.index(TERM_INDEX);
      return new Proxy(index, {
        get(target, property) {
          if (property === 'openKeyCursor') return (...args: Parameters<typeof index.openKeyCursor>) => (opened++, target.openKeyCursor(...args));
          const value: unknown = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    };
    const plan = async (query: string, filters: ClipFilters = {}) => {
      opened = 0;
      const result = await planSearch(counted(), requirementsOf(query, filters));
      return { rare: result.rare?.ids.length ?? null, opened };
    };
    expect(await plan('coffee')).toEqual({ rare: null, opened: 2 });
    expect(await plan('coffee')).toEqual({ rare: null, opened: 1 }); // its terms only
    expect(await plan('coffee', { statuses: ['archived', 'used'] })).toEqual({ rare: null, opened: 1 + 2 + 1 });
    expect(await plan('coffee', { statuses: ['archived', 'used'] })).toEqual({ rare: null, opened: 1 + 1 });
    expect(await plan('tea', { statuses: ['new'] })).toMatchObject({ rare: 10 }); // the ten new clips, fewer than the 160 with tea
    // Most clips deleted: 'coffee' is rare now, but read span by span, with the same matches.
    await Promise.all(clips.slice(0, 300).map((clip) => store.clips.delete(clip.id)));
    expect(await plan('coffee')).toEqual({ rare: null, opened: 1 });
    const expected = clips
      .slice(300)
      .reverse()
      .map((clip) => clip.id);
    expect(validRows((await searchClips(store, 'coffee', { limit: 40 })).rows).map((clip) => clip.id)).toEqual(expected);
    expect(await countClips(store, 'coffee')).toBe(20);
    store.close();
  });

  it('checks a word of very many terms on terms rows instead of reading its ranges', async () => {
    const store = await openStore();
    await store.clips.putMany(Array.from({ length: 20 }, (_, i) => makeClip({ title: `w${i}` })));
    const plan = await planOf(store, 'w');
    expect(plan.wide).toHaveLength(1);
    expect(plan.streams).toEqual([]);
    store.close();
  });
});
