import { describe, expect, it } from 'vitest';
import type { Clip } from '@/lib/model';
import { countClips, flaggedClips, listFacetValues, openStore, searchClips, validRows, type ClipFilters, type Store } from '@/lib/store';
import { planSearch, soleRareTerm } from '@/lib/store/search/plan';
import { requirementsOf } from '@/lib/store/search/requirements';
import { TERM_INDEX } from '@/lib/store/search/term-index';
import { makeClip } from '../../factories';

const titles = async (store: Store, query: string, filters = {}) => (await searchClips(store, query, { filters })).rows.map((row) => row.ok && row.value.title);

/** Every page, following `next` until there is none. */
async function allPages(store: Store, query: string, limit: number, options: { workspaceId?: string; filters?: ClipFilters } = {}) {
  const ids: string[] = [];
  let result = await searchClips(store, query, { limit, ...options });
  for (let pages = 0; ; pages++) {
    ids.push(...validRows(result.rows).map((clip) => clip.id));
    if (!result.next || pages > 1000) return ids;
    result = await searchClips(store, query, { limit, after: result.next, ...options });
  }
}

/** What the queue must show: the matches newest first, ties by descending id (the capturedAt index walked backwards). */
const newestFirst = (clips: Clip[]) => [...clips].sort((a, b) => b.capturedAt - a.capturedAt || (a.id < b.id ? 1 : -1)).map((clip) => clip.id);

const matching = (clips: Clip[], test: (clip: Clip) => boolean) => newestFirst(clips.filter(test));

/** A signal that reads as aborted from its `after`-th check on: a search must stop at whichever step that is. */
function abortedAfter(after: number): { signal: AbortSignal; checks: () => number } {
  let checks = 0;
  const signal = {
    get aborted() {
      return ++checks > after;
    },
    reason: new Error('replaced by a newer search'),
  } as AbortSignal;
  return { signal, checks: () => checks };
}

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

  it('lists everything newest first with no query, and shows damaged clips apart', async () => {
    const store = await openStore();
    await store.clips.putMany([makeClip({ title: 'old', capturedAt: 1 }), makeClip({ title: 'new', capturedAt: 2 })]);
    expect(await flaggedClips(store)).toEqual([]);
    await store.db.put('clips', { id: 'broken', v: 1, title: 42 });
    expect(await titles(store, '  ')).toEqual(['new', 'old']);
    expect((await searchClips(store, '')).total).toBe(2);
    expect(await countClips(store, '')).toBe(2);
    expect((await flaggedClips(store)).map((row) => row.key)).toEqual(['broken']);
    store.close();
  });
});

// fake-indexeddb compares array keys slowly: hundreds of clips take seconds to write and page through.
describe('searchClips over many clips', { timeout: 30_000 }, () => {
  // 600 clips, newest last: words cycle so that every shape of query has many matches (more than the
  // 300 of a rare requirement, read from the index span by span), and `campaign`/`campus` are rare.
  const corpus = () =>
    Array.from({ length: 600 }, (_, i) =>
      makeClip({
        id: `clip_${String(i).padStart(4, '0')}`,
        title: [i % 3 ? 'coffee' : 'tea', i % 5 ? 'launch' : 'story', i % 7 ? 'brand' : 'campaign', i % 11 ? '' : 'campus'].join(' '),
        status: i % 4 === 0 ? 'archived' : 'new',
        kind: i % 6 === 0 ? 'link' : 'article',
        capturedAt: 10_000 + i,
      }),
    );

  it('two and three words: the newest matches of all of them, every one reachable page by page, counted exactly', async () => {
    const store = await openStore();
    const clips = corpus();
    await store.clips.putMany(clips);
    const two = matching(clips, (clip) => clip.title.includes('coffee') && clip.title.includes('launch'));
    const three = matching(clips, (clip) => clip.title.includes('coffee') && clip.title.includes('launch') && clip.title.includes('brand'));
    const rare = matching(clips, (clip) => clip.title.includes('coffee') && clip.title.includes('launch') && /\bcamp/.test(clip.title));
    const first = await searchClips(store, 'coffee launch', { limit: 10 });
    expect(validRows(first.rows).map((clip) => clip.id)).toEqual(two.slice(0, 10));
    expect(first.total).toBeNull(); // many matches: the count follows
    expect(first.share * clips.length).toBeGreaterThan(two.length * 0.5);
    expect(first.share * clips.length).toBeLessThan(two.length * 1.5);
    expect(await allPages(store, 'coffee launch', 13)).toEqual(two);
    expect(await countClips(store, 'coffee launch')).toBe(two.length);
    expect(await allPages(store, 'launch coffee bra', 17)).toEqual(three);
    expect(await countClips(store, 'coffee launch brand')).toBe(three.length);
    expect(await allPages(store, 'launch coffee camp', 7)).toEqual(rare);
    expect(await countClips(store, 'coffee launch camp')).toBe(rare.length);
    store.close();
  });

  it('a prefix: the union of the terms it starts, newest first', async () => {
    const store = await openStore();
    const clips = corpus();
    await store.clips.putMany(clips);
    const camp = matching(clips, (clip) => /\bcamp/.test(clip.title));
    expect(await allPages(store, 'camp', 40)).toEqual(camp);
    expect(await countClips(store, 'camp')).toBe(camp.length);
    expect(await allPages(store, 'campu', 40)).toEqual(matching(clips, (clip) => clip.title.includes('campus')));
    store.close();
  });

  it('a prefix of very many terms is decided on terms rows, with the same results', async () => {
    const store = await openStore();
    // 40 distinct words starting with "w": more than the index is read for as ranges.
    const clips = Array.from({ length: 330 }, (_, i) => makeClip({ title: i % 3 ? `w${i % 40}x coffee` : 'tea coffee', capturedAt: 100 + i }));
    await store.clips.putMany(clips);
    const expected = matching(clips, (clip) => clip.title.startsWith('w'));
    expect(await allPages(store, 'w', 30)).toEqual(expected);
    expect(await allPages(store, 'coffee w', 25, { workspaceId: 'ws_1' })).toEqual(expected);
    expect(await countClips(store, 'w')).toBe(expected.length);
    expect(await countClips(store, 'w coffee', { workspaceId: 'ws_1' })).toBe(expected.length);
    store.close();
  });

  it('filters combine with the words', async () => {
    const store = await openStore();
    const clips = corpus();
    await store.clips.putMany(clips);
    const filters: ClipFilters = { statuses: ['new', 'used'], kind: 'article' };
    const expected = matching(
      clips,
      (clip) => clip.title.includes('coffee') && clip.title.includes('brand') && clip.status !== 'archived' && clip.kind === 'article',
    );
    expect(await allPages(store, 'coffee brand', 20, { filters })).toEqual(expected);
    expect(await countClips(store, 'coffee brand', { filters })).toBe(expected.length);
    const archivedLinks = matching(clips, (clip) => clip.status === 'archived' && clip.kind === 'link' && clip.title.includes('tea'));
    expect(await allPages(store, 'tea', 4, { filters: { statuses: ['archived'], kind: 'link' } })).toEqual(archivedLinks);
    store.close();
  });

  it('a word no clip has, or only clips of another workspace have, matches nothing', async () => {
    const store = await openStore();
    const clips = corpus();
    await store.clips.putMany([...clips, makeClip({ title: 'zeppelin coffee', workspaceIds: ['ws_other'], capturedAt: 99_999 })]);
    for (const query of ['zeppelin', 'coffee zeppelin', 'nothing', 'coffee nothing']) {
      const result = await searchClips(store, query, { workspaceId: 'ws_1' });
      expect({ query, rows: result.rows, total: result.total, next: result.next }).toEqual({ query, rows: [], total: 0, next: null });
      expect(await countClips(store, query, { workspaceId: 'ws_1' })).toBe(0);
    }
    expect((await searchClips(store, 'zeppelin', { workspaceId: 'ws_other' })).total).toBe(1);
    store.close();
  });

  it('reaches every match newest first across clips captured in the same millisecond', async () => {
    const store = await openStore();
    // Triples share a capturedAt, so spans and pages end inside them: nothing may repeat or be skipped.
    const clips = Array.from({ length: 600 }, (_, i) =>
      makeClip({ id: `clip_${String(i).padStart(4, '0')}`, title: i % 3 ? 'coffee roast' : 'tea', capturedAt: 1000 + Math.floor(i / 3) }),
    );
    await store.clips.putMany(clips);
    const coffee = matching(clips, (clip) => clip.title === 'coffee roast');
    for (const limit of [4, 50]) expect(await allPages(store, 'coffee', limit)).toEqual(coffee);
    expect(await allPages(store, '', 64)).toEqual(newestFirst(clips));
    expect(await countClips(store, 'coffee')).toBe(coffee.length);
    store.close();
  });

  it('answers a rare word from the index, exactly counted, and pages through it too', async () => {
    const store = await openStore();
    const clips = Array.from({ length: 600 }, (_, i) => makeClip({ title: i % 100 === 7 ? 'zeppelin over the roastery' : 'coffee', capturedAt: 5000 + i }));
    await store.clips.putMany(clips);
    const first = await searchClips(store, 'zeppelin', { limit: 5 });
    expect(first.total).toBe(6);
    expect(validRows(first.rows).map((clip) => clip.capturedAt)).toEqual([5507, 5407, 5307, 5207, 5107]);
    expect(await allPages(store, 'zeppelin roast', 5)).toHaveLength(6);
    expect(await allPages(store, 'zeppelin', 2, { filters: { statuses: ['new'] } })).toEqual(matching(clips, (clip) => clip.title.startsWith('zeppelin')));
    store.close();
  });
});

describe('searchClips in one workspace', { timeout: 30_000 }, () => {
  it('returns only the clips filed in that workspace, with or without a query', async () => {
    const store = await openStore();
    const here = makeClip({ title: 'Coffee here', workspaceIds: ['ws_a'] });
    const shared = makeClip({ title: 'Coffee shared', workspaceIds: ['ws_b', 'ws_a'] });
    const elsewhere = makeClip({ title: 'Coffee elsewhere', workspaceIds: ['ws_b'] });
    await store.clips.putMany([here, shared, elsewhere]);
    const ids = async (query: string, workspaceId: string) => {
      const result = await searchClips(store, query, { workspaceId });
      return {
        ids: validRows(result.rows)
          .map((clip) => clip.id)
          .sort(),
        total: result.total,
      };
    };
    expect(await ids('', 'ws_a')).toEqual({ ids: [here.id, shared.id].sort(), total: 2 });
    expect(await ids('coffee', 'ws_b')).toEqual({ ids: [shared.id, elsewhere.id].sort(), total: 2 });
    expect(await ids('elsewhere', 'ws_a')).toEqual({ ids: [], total: 0 });
    store.close();
  });

  it('a facet every clip meets is not read, and counts again as soon as one clip misses it', async () => {
    const store = await openStore();
    const clips = Array.from({ length: 400 }, (_, i) => makeClip({ title: i % 2 ? 'coffee' : 'tea', capturedAt: 100 + i }));
    await store.clips.putMany(clips);
    const active: ClipFilters = { statuses: ['new', 'used'], kind: 'article' };
    const coffee = matching(clips, (clip) => clip.title === 'coffee');
    expect(await allPages(store, 'coffee', 30, { workspaceId: 'ws_1', filters: active })).toEqual(coffee);
    // Newer than all: one archived, one a link, one filed in no workspace, one in another workspace.
    const misses = [{ status: 'archived' as const }, { kind: 'link' as const }, { workspaceIds: [] }, { workspaceIds: ['ws_2'] }];
    await store.clips.putMany(misses.map((miss, i) => makeClip({ title: 'coffee', capturedAt: 1000 + i, ...miss })));
    expect(await allPages(store, 'coffee', 30, { workspaceId: 'ws_1', filters: active })).toEqual(coffee);
    expect(await countClips(store, 'coffee', { workspaceId: 'ws_1', filters: active })).toBe(coffee.length);
    expect(await allPages(store, 'coffee', 30)).toHaveLength(coffee.length + misses.length);
    store.close();
  });

  it('pages within one workspace among many clips of another', async () => {
    const store = await openStore();
    const clips = Array.from({ length: 600 }, (_, i) => makeClip({ title: 'coffee', workspaceIds: [i % 3 ? 'ws_a' : 'ws_b'], capturedAt: i }));
    await store.clips.putMany(clips);
    expect(await allPages(store, 'coffee', 90, { workspaceId: 'ws_a' })).toEqual(newestFirst(clips.filter((clip) => clip.workspaceIds[0] === 'ws_a')));
    expect(await countClips(store, 'coffee', { workspaceId: 'ws_b' })).toBe(200);
    store.close();
  });
});

describe('a search replaced by a newer one', { timeout: 30_000 }, () => {
  it('stops at whichever step it has reached, and rejects with the reason', async () => {
    const store = await openStore();
    // Both words common: read span by span, with a check before every step.
    await store.clips.putMany(Array.from({ length: 400 }, (_, i) => makeClip({ title: i % 2 ? 'coffee launch' : 'launch coffee brand', capturedAt: i })));
    const uninterrupted = abortedAfter(Infinity);
    await searchClips(store, 'coffee launch', { limit: 40, signal: uninterrupted.signal });
    expect(uninterrupted.checks()).toBeGreaterThan(2);
    for (let after = 0; after < uninterrupted.checks(); after++) {
      await expect(searchClips(store, 'coffee launch', { limit: 40, signal: abortedAfter(after).signal })).rejects.toThrow('replaced by a newer search');
    }
    store.close();
  });

  it('a count goes span by span, exactly, and stops between spans', async () => {
    const store = await openStore();
    await store.clips.putMany(Array.from({ length: 2100 }, (_, i) => makeClip({ title: i % 3 ? 'coffee' : 'tea', capturedAt: i })));
    expect(await countClips(store, 'coffee')).toBe(1400);
    const uninterrupted = abortedAfter(Infinity);
    await countClips(store, 'coffee', { signal: uninterrupted.signal });
    expect(uninterrupted.checks()).toBe(3);
    for (let after = 0; after < 3; after++)
      await expect(countClips(store, 'coffee', { signal: abortedAfter(after).signal })).rejects.toThrow('replaced by a newer search');
    store.close();
  });
});

describe('a rare word', { timeout: 30_000 }, () => {
  // Clips captured three to a millisecond, ids out of step with capture order, so ties are ordered
  // by id alone; one clip in 20 has the rare word, one in 7 is archived and one in 11 used.
  const corpus = (title: (i: number) => string = (i) => (i % 20 === 3 ? 'zeppelin over the roastery' : 'coffee')): Clip[] =>
    Array.from({ length: 600 }, (_, i) =>
      makeClip({
        id: `clip_${String((i * 379) % 600).padStart(4, '0')}`,
        title: title(i),
        capturedAt: 1000 + Math.floor(i / 3),
        status: i % 7 === 0 ? 'archived' : i % 11 === 0 ? 'used' : 'new',
      }),
    );
  const active: ClipFilters = { statuses: ['new', 'used'] };

  it('alone (every other requirement met by every clip): read in order from its range, ties included, page by page', async () => {
    const store = await openStore();
    // Only new clips, all in ws_1: the status filter and the workspace decide nothing.
    const clips = corpus().map((clip): Clip => ({ ...clip, status: 'new' }));
    // Ties inside the rare word's own clips too: two more zeppelins in the millisecond of one.
    const tied = clips.find((clip) => clip.title.startsWith('zeppelin'))!;
    clips.push(
      makeClip({ id: 'clip_0600', title: 'zeppelin', capturedAt: tied.capturedAt }),
      makeClip({ id: 'clip_0000a', title: 'zeppelin', capturedAt: tied.capturedAt }),
    );
    await store.clips.putMany(clips);
    const expected = matching(clips, (clip) => clip.title.startsWith('zeppelin'));
    const plan = await planSearch(store.db.transaction('clipTerms').store.index(TERM_INDEX), requirementsOf('zeppelin', active, 'ws_1'));
    expect(soleRareTerm(plan)).toBe('zeppelin');
    for (const limit of [1, 2, 4, 40]) expect(await allPages(store, 'zeppelin', limit, { filters: active, workspaceId: 'ws_1' })).toEqual(expected);
    const first = await searchClips(store, 'zeppelin', { limit: 4, filters: active, workspaceId: 'ws_1' });
    expect(first.total).toBe(expected.length);
    expect((await searchClips(store, 'zeppelin', { limit: 4, filters: active, workspaceId: 'ws_1', after: first.next! })).total).toBe(expected.length);
    expect(await countClips(store, 'zeppelin', { filters: active, workspaceId: 'ws_1' })).toBe(expected.length);
    store.close();
  });

  it('with archived and used clips about: the status filter is checked on terms rows, with the same order', async () => {
    const store = await openStore();
    const clips = corpus();
    await store.clips.putMany(clips);
    const isZeppelin = (clip: Clip) => clip.title.startsWith('zeppelin');
    const plan = await planSearch(store.db.transaction('clipTerms').store.index(TERM_INDEX), requirementsOf('zeppelin', active, 'ws_1'));
    expect(soleRareTerm(plan)).toBeNull();
    expect(await allPages(store, 'zeppelin', 3, { filters: active, workspaceId: 'ws_1' })).toEqual(
      matching(clips, (clip) => isZeppelin(clip) && clip.status !== 'archived'),
    );
    expect(await allPages(store, 'zeppelin', 3, { filters: { statuses: ['archived'] }, workspaceId: 'ws_1' })).toEqual(
      matching(clips, (clip) => isZeppelin(clip) && clip.status === 'archived'),
    );
    expect(await allPages(store, 'zeppelin', 5, { filters: { statuses: ['used'] } })).toEqual(
      matching(clips, (clip) => isZeppelin(clip) && clip.status === 'used'),
    );
    expect(await allPages(store, 'zeppelin', 5)).toEqual(matching(clips, isZeppelin));
    expect(await countClips(store, 'zeppelin', { filters: active, workspaceId: 'ws_1' })).toBe(
      matching(clips, (clip) => isZeppelin(clip) && clip.status !== 'archived').length,
    );
    store.close();
  });

  it('that is also the prefix of other words: the union of their clips, newest first across them', async () => {
    const store = await openStore();
    const clips = corpus((i) => (i % 20 === 3 ? 'zeppelin' : i % 30 === 4 ? 'zeppelins aloft' : i % 45 === 5 ? 'zephyr' : 'coffee')).map((clip) => ({
      ...clip,
      status: 'new' as const,
    }));
    await store.clips.putMany(clips);
    const index = () => store.db.transaction('clipTerms').store.index(TERM_INDEX);
    expect(soleRareTerm(await planSearch(index(), requirementsOf('zeppelin', active, 'ws_1')))).toBeNull();
    expect(soleRareTerm(await planSearch(index(), requirementsOf('zep', active, 'ws_1')))).toBeNull();
    expect(soleRareTerm(await planSearch(index(), requirementsOf('zeppelins', active, 'ws_1')))).toBe('zeppelins');
    for (const [query, test] of [
      ['zeppelin', (clip: Clip) => clip.title.startsWith('zeppelin')],
      ['zep', (clip: Clip) => clip.title.startsWith('zep')],
      ['zeppelins', (clip: Clip) => clip.title.startsWith('zeppelins')],
      ['zeph', (clip: Clip) => clip.title === 'zephyr'],
    ] as const) {
      expect(await allPages(store, query, 3, { filters: active, workspaceId: 'ws_1' })).toEqual(matching(clips, test));
      expect(await countClips(store, query, { filters: active, workspaceId: 'ws_1' })).toBe(matching(clips, test).length);
    }
    store.close();
  });

  it('stops at whichever step it has reached once a newer keystroke aborts it, read alone or on terms rows', async () => {
    const store = await openStore();
    await store.clips.putMany(corpus());
    for (const filters of [{}, active]) {
      const uninterrupted = abortedAfter(Infinity);
      await searchClips(store, 'zeppelin', { limit: 4, filters, signal: uninterrupted.signal });
      expect(uninterrupted.checks()).toBeGreaterThan(0);
      for (let after = 0; after < uninterrupted.checks(); after++) {
        await expect(searchClips(store, 'zeppelin', { limit: 4, filters, signal: abortedAfter(after).signal })).rejects.toThrow('replaced by a newer search');
      }
    }
    store.close();
  });
});
