import { describe, expect, it } from 'vitest';
import { saveClip } from '@/lib/capture/save-clip';
import { openStore, validRows } from '@/lib/store';
import { linkCapture } from '@/lib/capture/from-context';
import { makeCapture } from '../factories';

const now = () => 1_700_000_000_000;

describe('saveClip', () => {
  it('merges a second capture of the same canonical URL, keeping the user’s tags and note', async () => {
    const store = await openStore();
    const first = await saveClip(store, makeCapture({ url: 'https://example.com/a', title: 'Old title' }), { workspaceId: 'ws_a', now });
    await store.clips.update(first.clip.id, (clip) => clip && { ...clip, tags: ['launch'], note: 'for Monday' });
    const credits = [{ network: 'x' as const, handle: '@ada', url: null }];
    const second = await saveClip(store, makeCapture({ url: 'https://example.com/a', title: 'New title', credits }), { workspaceId: 'ws_b', now });
    expect(second.merged).toBe(true);
    expect(second.clip.id).toBe(first.clip.id);
    expect(second.clip).toMatchObject({ title: 'New title', tags: ['launch'], note: 'for Monday', workspaceIds: ['ws_a', 'ws_b'], credits });
    expect(await store.clips.count()).toBe(1);
    store.close();
  });

  it('does not let a plain link capture erase an article capture of the same URL', async () => {
    const store = await openStore();
    await saveClip(store, makeCapture({ url: 'https://example.com/b', html: '<p>full</p>', text: 'full' }), { workspaceId: null, now });
    const { clip } = await saveClip(store, makeCapture({ kind: 'link', url: 'https://example.com/b', html: '', text: '' }), { workspaceId: null, now });
    expect(clip).toMatchObject({ kind: 'article', html: '<p>full</p>', text: 'full' });
    store.close();
  });

  it('keeps every quote from one page as its own clip', async () => {
    const store = await openStore();
    const quote = (text: string) => makeCapture({ kind: 'selection', url: 'https://example.com/c', quote: { text, fragmentUrl: 'x' } });
    await saveClip(store, quote('one'), { workspaceId: null, now });
    await saveClip(store, quote('two'), { workspaceId: null, now });
    expect(
      validRows(await store.clips.list())
        .map((clip) => clip.quote?.text)
        .sort(),
    ).toEqual(['one', 'two']);
    store.close();
  });
});

describe('saveClip merges, never loses (issue 17)', () => {
  it('a right-click "Clip link" to a clipped article keeps its title, byline, lead image and excerpt, and notes the link text', async () => {
    const store = await openStore();
    const url = 'https://example.com/article';
    const first = await saveClip(
      store,
      makeCapture({ url, title: 'The real title', byline: 'Ada', leadImage: 'https://example.com/i.jpg', excerpt: 'Lede.' }),
      { workspaceId: 'ws_a', now },
    );
    const link = linkCapture({ pageUrl: 'https://other.example/', pageTitle: 'Other', linkUrl: `${url}?utm_medium=email`, linkText: 'click here' });
    const second = await saveClip(store, link, { workspaceId: 'ws_a', now });
    expect(second.merged).toBe(true);
    expect(second.clip).toMatchObject({
      id: first.clip.id,
      kind: 'article',
      title: 'The real title',
      byline: 'Ada',
      leadImage: 'https://example.com/i.jpg',
      excerpt: 'Lede.',
      note: 'click here',
    });
    expect(await store.clips.count()).toBe(1);
    store.close();
  });

  it('the same quote twice is one clip, and a new quote takes the author its page clip knows', async () => {
    const store = await openStore();
    const url = 'https://example.com/d';
    await saveClip(store, makeCapture({ url, title: 'Page', byline: 'Ada', credits: [{ network: 'x', handle: '@ada', url: null }] }), {
      workspaceId: null,
      now,
    });
    const quote = makeCapture({ kind: 'selection', url, title: url, byline: null, quote: { text: 'one', fragmentUrl: `${url}#:~:text=one` } });
    const first = await saveClip(store, quote, { workspaceId: null, now });
    expect(first.clip).toMatchObject({ kind: 'selection', title: 'Page', byline: 'Ada', credits: [{ network: 'x', handle: '@ada', url: null }] });
    const again = await saveClip(store, quote, { workspaceId: null, now });
    expect(again).toMatchObject({ merged: true, clip: { id: first.clip.id } });
    expect(await store.clips.count()).toBe(2);
    store.close();
  });
});
