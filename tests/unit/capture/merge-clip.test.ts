import { describe, expect, it } from 'vitest';
import { mergeCapture, withPageFacts } from '@/lib/capture/merge-clip';
import { linkCapture } from '@/lib/capture/from-context';
import { makeCapture, makeClip } from '../factories';

const URL_A = 'https://example.com/story';
const AT = 1_800_000_000_000;
const article = () =>
  makeClip({
    kind: 'article',
    url: URL_A,
    title: 'Harbour budget passes',
    byline: 'Ada Author',
    excerpt: 'The council agreed.',
    leadImage: 'https://example.com/lead.jpg',
    text: 'The council agreed on the budget.',
    html: '<p>The council agreed on the budget.</p>',
    lang: 'en',
    readingMinutes: 3,
    tags: ['civic'],
    note: 'for Monday',
    workspaceIds: ['ws_1'],
  });
const merge = (clip: ReturnType<typeof makeClip>, capture: ReturnType<typeof makeCapture>, workspaceIds: string[] = []) =>
  mergeCapture(clip, capture, { workspaceIds, at: AT });

describe('mergeCapture (issue 17: capture merges, never loses)', () => {
  it('a link to an article already clipped keeps every article field and adds the link text to the note', () => {
    const link = linkCapture({ pageUrl: 'https://elsewhere.example/list', pageTitle: 'A list', linkUrl: `${URL_A}?utm_source=x`, linkText: 'click here' });
    const merged = merge(article(), link, ['ws_2']);
    expect(merged).toMatchObject({
      kind: 'article',
      title: 'Harbour budget passes',
      byline: 'Ada Author',
      excerpt: 'The council agreed.',
      leadImage: 'https://example.com/lead.jpg',
      text: 'The council agreed on the budget.',
      html: '<p>The council agreed on the budget.</p>',
      lang: 'en',
      readingMinutes: 3,
      tags: ['civic'],
      note: 'for Monday\nclick here',
      workspaceIds: ['ws_1', 'ws_2'],
      updatedAt: AT,
    });
  });

  it('adds a link text once, and not when the title already says it', () => {
    const link = (text: string) => linkCapture({ pageUrl: 'https://b.example/', pageTitle: '', linkUrl: URL_A, linkText: text });
    const once = merge(merge({ ...article(), note: '' }, link('Read this')), link('read this'));
    expect(once.note).toBe('Read this');
    expect(merge(article(), link('Harbour budget passes')).note).toBe('for Monday');
    expect(merge(article(), link('Harbour budget passes – Example News')).note).toBe('for Monday');
  });

  it('a link without text (titled by its address) adds nothing to the note', () => {
    const bare = linkCapture({ pageUrl: 'https://b.example/', pageTitle: '', linkUrl: URL_A });
    expect(merge(article(), bare)).toMatchObject({ title: 'Harbour budget passes', note: 'for Monday' });
  });

  it('a link clip learns its title from a later link with text, and an article capture fills in the rest', () => {
    const bare = {
      ...article(),
      kind: 'link' as const,
      title: URL_A,
      byline: null,
      excerpt: '',
      leadImage: null,
      text: '',
      html: '',
      readingMinutes: null,
      note: '',
    };
    const named = merge(bare, linkCapture({ pageUrl: 'https://b.example/', pageTitle: '', linkUrl: URL_A, linkText: 'The budget story' }));
    expect(named).toMatchObject({ kind: 'link', title: 'The budget story', note: '' });
    const read = merge(named, makeCapture({ url: URL_A, title: 'Harbour budget passes', byline: 'Ada Author', leadImage: 'https://example.com/lead.jpg' }));
    expect(read).toMatchObject({ kind: 'article', title: 'Harbour budget passes', byline: 'Ada Author', leadImage: 'https://example.com/lead.jpg', note: '' });
  });

  it('a new article capture updates what it knows and keeps what it does not', () => {
    const again = makeCapture({
      url: URL_A,
      title: 'Harbour budget passes, 7 to 2',
      byline: null,
      excerpt: '',
      leadImage: null,
      text: 'Updated body.',
      html: '<p>Updated body.</p>',
      lang: null,
      readingMinutes: null,
    });
    expect(merge(article(), again)).toMatchObject({
      title: 'Harbour budget passes, 7 to 2',
      byline: 'Ada Author',
      excerpt: 'The council agreed.',
      leadImage: 'https://example.com/lead.jpg',
      text: 'Updated body.',
      lang: 'en',
      readingMinutes: 3,
    });
  });

  it('a fallback link of an unreadable tab keeps the article and its warnings as they were', () => {
    const fallback = makeCapture({
      kind: 'link',
      url: URL_A,
      title: 'Harbour budget passes | Example',
      byline: null,
      excerpt: '',
      text: '',
      html: '',
      leadImage: null,
      warnings: ['Cadence cannot read this tab.'],
    });
    expect(merge(article(), fallback)).toMatchObject({ kind: 'article', title: 'Harbour budget passes', warnings: [], note: 'for Monday' });
  });

  it('credits add up, and an archived clip comes back as new', () => {
    const credit = { network: 'bluesky' as const, handle: '@ada.example.com', url: null };
    const merged = merge({ ...article(), status: 'archived' }, makeCapture({ kind: 'link', url: URL_A, credits: [credit] }));
    expect(merged.credits).toEqual([credit]);
    expect(merged.status).toBe('new');
  });
});

describe('withPageFacts', () => {
  it('gives a quote the author, site, title and credits its page clip knows, and keeps its own words', () => {
    const credit = { network: 'mastodon' as const, handle: '@ada@example.social', url: null };
    const quote = makeCapture({
      kind: 'selection',
      url: URL_A,
      title: URL_A,
      byline: null,
      siteName: null,
      lang: null,
      text: 'agreed',
      quote: { text: 'agreed', fragmentUrl: `${URL_A}#:~:text=agreed` },
    });
    const filled = withPageFacts(quote, { ...article(), siteName: 'Example News', credits: [credit] });
    expect(filled).toMatchObject({
      kind: 'selection',
      title: 'Harbour budget passes',
      byline: 'Ada Author',
      siteName: 'Example News',
      lang: 'en',
      text: 'agreed',
      credits: [credit],
    });
    expect(filled.quote?.text).toBe('agreed');
  });
});
