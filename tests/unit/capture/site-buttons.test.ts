import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buttonsRoot, existingButtons, HIDDEN, HOST_TAG, placeButtons } from '@/lib/capture/site-buttons/post-buttons';
import { createPostActions } from '@/lib/capture/site-buttons/post-actions';
import { capturePost } from '@/lib/capture/site-buttons/post-capture';
import { findPosts, siteFor, type SitePosts } from '@/lib/capture/site-buttons/sites';
import { watchPosts } from '@/lib/capture/site-buttons/watch-posts';
import { clipCaptureSchema } from '@/lib/model';
import { loadPage, savedFromUrl, type LoadedPage } from './load-page';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url)), 'utf8');
let page: LoadedPage;
const open = (name: string) => {
  const html = fixture(name);
  page = loadPage(html, savedFromUrl(html)!);
  return page.doc;
};
afterEach(() => page?.close());

const siteOf = (doc: Document): SitePosts => {
  const site = siteFor(new URL(doc.URL));
  if (!site) throw new Error(`no site for ${doc.URL}`);
  return site;
};
const permalinks = (doc: Document) => findPosts(doc, siteOf(doc)).map((post) => siteOf(doc).permalink(post, new URL(doc.URL)));

// The saved post pages, each with the post the site script must find on it (the focal one, last
// where a thread shows its parent or a reply too).
const PAGES = [
  {
    name: 'bluesky--post-with-image',
    site: 'bluesky',
    links: ['https://bsky.app/profile/jay.bsky.team/post/3kvwfa2b3c4d5', 'https://bsky.app/profile/pfrazee.com/post/3kvwfzfrq3c2u'],
    focal: 1,
  },
  {
    name: 'x--status-with-photo',
    site: 'x',
    links: ['https://x.com/NASAWebb/status/1810380386203435008', 'https://x.com/stargazer/status/1810381000000000000'],
    focal: 0,
  },
  { name: 'linkedin--public-post', site: 'linkedin', links: ['https://www.linkedin.com/feed/update/urn:li:activity:7206011382412345344/'], focal: 0 },
  { name: 'reddit--text-post', site: 'reddit', links: ['https://www.reddit.com/r/socialmedia/comments/1dabcd3/how_do_you_schedule_posts/'], focal: 0 },
  { name: 'threads--text-post', site: 'threads', links: ['https://www.threads.com/@mosseri/post/C8HxyzAbCdE'], focal: 0 },
  { name: 'youtube--watch-page', site: 'youtube', links: ['https://www.youtube.com/watch?v=dQw4w9WgXcQ'], focal: 0 },
];

describe('finding posts on the supported sites (golden fixtures)', () => {
  it.each(PAGES)('$name: finds each post with its own address', ({ name, site, links }) => {
    const doc = open(`${name}.html`);
    expect(siteOf(doc).id).toBe(site);
    expect(permalinks(doc)).toEqual(links);
  });

  it.each(PAGES)('$name: the site script reads the focal post as the whole-page capture does', ({ name, focal }) => {
    const doc = open(`${name}.html`);
    const expected = JSON.parse(fixture(`${name}.expected.json`)) as Record<string, unknown>;
    const post = findPosts(doc, siteOf(doc))[focal]!;
    const capture = clipCaptureSchema.parse(capturePost(post, siteOf(doc), doc));
    const { kind, url, title, text, post: social, credits, warnings } = expected;
    expect(capture).toMatchObject({ kind, url, title, text, post: social, credits, warnings });
    expect(capture.html).toBe('');
  });

  it('reads every post of a Bluesky feed on its own, quoted posts included in their quoter', () => {
    const doc = open('feeds/bluesky--home-feed.html');
    const site = siteOf(doc);
    // The third item has no link of its own yet: no address, so no buttons for it (see watchPosts).
    expect(permalinks(doc)).toEqual([
      'https://bsky.app/profile/why.bsky.team/post/3kw2abcdefg2a',
      'https://bsky.app/profile/pfrazee.com/post/3kvwfzfrq3c2u',
      null,
    ]);
    const [why, paul] = findPosts(doc, site)
      .slice(0, 2)
      .map((post) => clipCaptureSchema.parse(capturePost(post, site, doc)));
    expect(why).toMatchObject({
      kind: 'social-post',
      url: 'https://bsky.app/profile/why.bsky.team/post/3kw2abcdefg2a',
      title: 'Why on Bluesky',
      text: 'Relays are boring infrastructure, and that is the point.',
      credits: [{ network: 'bluesky', handle: '@why.bsky.team', url: 'https://bsky.app/profile/why.bsky.team' }],
      post: { authorHandle: '@why.bsky.team', counts: { replies: 4 } },
    });
    expect(paul).toMatchObject({
      title: 'Paul Frazee 🦋 on Bluesky',
      text: 'Shipping day: custom feeds got a lot faster.',
      post: { media: [{ alt: 'A chart of feed load times' }] },
    });
  });

  it('on Threads and YouTube reads only the post the page is about; others go as links to them', () => {
    const doc = open('threads--text-post.html');
    const site = siteOf(doc);
    const other = doc.createElement('div');
    other.setAttribute('data-pressable-container', 'true');
    other.innerHTML = '<a href="/@zuck/post/C9abcDEF"><time datetime="2024-06-01T00:00:00Z">2w</time></a><span>Another post</span>';
    doc.body.append(other);
    const captures = findPosts(doc, site).map((post) => capturePost(post, site, doc));
    expect(captures.map((capture) => [capture.kind, capture.url])).toEqual([
      ['social-post', 'https://www.threads.com/@mosseri/post/C8HxyzAbCdE'],
      ['link', 'https://www.threads.com/@zuck/post/C9abcDEF'],
    ]);
  });

  it('never changes the live document while reading a post', () => {
    const doc = open('bluesky--post-with-image.html');
    const site = siteOf(doc);
    for (const post of findPosts(doc, site)) placeButtons(post, { act: async () => '' });
    const before = doc.documentElement.outerHTML;
    for (const post of findPosts(doc, site)) capturePost(post, site, doc);
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('knows no site outside the declared hosts', () => {
    expect(siteFor(new URL('https://example.com/profile/a/post/b'))).toBeNull();
    expect(siteFor(new URL('https://bsky.app.evil.example/'))).toBeNull();
  });
});

describe('placing the buttons', () => {
  const buttonsOf = (post: Element) => {
    const host = existingButtons(post);
    const root = host && buttonsRoot(host);
    if (!root) throw new Error('no buttons on this post');
    return {
      host,
      root,
      button: (action: string) => root.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`)!,
      status: root.querySelector('[role="status"]')!,
    };
  };

  it('puts one labelled pair of buttons on each post, however often it scans', async () => {
    vi.useFakeTimers();
    try {
      const doc = open('feeds/bluesky--home-feed.html');
      const site = siteOf(doc);
      const stop = watchPosts(doc, site, { act: async () => 'ok' }, { throttleMs: 50 });
      const posts = findPosts(doc, site);
      expect(posts.map((post) => post.querySelectorAll(HOST_TAG).length)).toEqual([1, 1, 0]);
      const first = existingButtons(posts[0]!);
      expect(placeButtons(posts[0]!, { act: async () => 'again' })).toBe(first);
      const { root } = buttonsOf(posts[0]!);
      expect([...root.querySelectorAll('button')].map((button) => [button.textContent, button.type, button.hidden])).toEqual([
        ['Clip', 'button', false],
        ['Share next', 'button', false],
        ['Undo', 'button', true],
      ]);
      expect(root.querySelector('[role="group"]')?.getAttribute('aria-label')).toBe('Cadence');
      expect(root.querySelector('style')?.textContent).toContain(':host');

      // An infinite feed appends a post, and the page re-renders an old one without our host.
      const more = posts[1]!.cloneNode(true) as Element;
      more.querySelector(HOST_TAG)?.remove();
      more.querySelector('a[href*="/post/"]')!.setAttribute('href', '/profile/pfrazee.com/post/3kvwzzzzzzz2c');
      doc.querySelector('[data-testid="followingFeedPage-feed-flatlist"]')!.append(more);
      existingButtons(posts[1]!)!.remove();
      await vi.advanceTimersByTimeAsync(60);
      expect(findPosts(doc, site).map((post) => post.querySelectorAll(HOST_TAG).length)).toEqual([1, 1, 0, 1]);
      await vi.advanceTimersByTimeAsync(200);
      expect(doc.querySelectorAll(HOST_TAG)).toHaveLength(3);

      stop();
      expect(doc.querySelectorAll(HOST_TAG)).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('acts only on trusted clicks, keeps them from the post, and shows the answer as its status', async () => {
    const doc = open('bluesky--post-with-image.html');
    const post = findPosts(doc, siteOf(doc))[1]!;
    const act = vi.fn(async (action: string) => `done: ${action}`);
    const onPostClick = vi.fn();
    post.addEventListener('click', onPostClick);
    placeButtons(post, { act });
    const { button } = buttonsOf(post);
    button('clip').click(); // synthetic: a page script could do this, so it does nothing
    expect(act).not.toHaveBeenCalled();
    expect(onPostClick).not.toHaveBeenCalled();

    const trustedPost = findPosts(doc, siteOf(doc))[0]!;
    placeButtons(trustedPost, { act, isTrusted: () => true });
    const trusted = buttonsOf(trustedPost);
    trusted.button('share-next').click();
    expect(trusted.status.textContent).toBe('Adding to the queue…');
    expect(trusted.button('clip').disabled).toBe(true);
    await vi.waitFor(() => expect(trusted.status.textContent).toBe('done: share-next'));
    expect(act).toHaveBeenCalledWith('share-next', trustedPost);
    expect(trusted.button('clip').disabled).toBe(false);
  });

  it('offers Undo after a Share next that queued, which takes it back once, and refuses to share while the browser sees the buttons hidden (issue 18, hole 9)', async () => {
    const doc = open('bluesky--post-with-image.html');
    const [post, hiddenPost] = findPosts(doc, siteOf(doc));
    const undo = vi.fn(async () => 'Undone: nothing was queued.');
    const act = vi.fn(async () => ({ message: 'Queued for Tue 09:00 on @brand.bsky.social.', undo }));
    placeButtons(post!, { act, isTrusted: () => true, seen: () => () => true });
    const { root, button, status } = buttonsOf(post!);
    const undoButton = [...root.querySelectorAll('button')].find((each) => each.textContent === 'Undo')!;
    button('share-next').click();
    await vi.waitFor(() => expect(status.textContent).toBe('Queued for Tue 09:00 on @brand.bsky.social.'));
    expect(undoButton.hidden).toBe(false);
    undoButton.click();
    await vi.waitFor(() => expect(status.textContent).toBe('Undone: nothing was queued.'));
    expect(undoButton.hidden).toBe(true);
    undoButton.click();
    expect(undo).toHaveBeenCalledTimes(1);

    // Made see-through or covered by the page: the click is not taken as meant, and nothing is sent.
    const hiddenAct = vi.fn(async () => 'queued');
    placeButtons(hiddenPost!, { act: hiddenAct, isTrusted: () => true, seen: () => () => false });
    const hidden = buttonsOf(hiddenPost!);
    hidden.button('share-next').click();
    await vi.waitFor(() => expect(hidden.status.textContent).toBe(HIDDEN));
    expect(hiddenAct).not.toHaveBeenCalled();
    hidden.button('clip').click();
    await vi.waitFor(() => expect(hiddenAct).toHaveBeenCalledWith('clip', hiddenPost));
    expect(hiddenAct).toHaveBeenCalledTimes(1);
  });

  it('sends the post it reads at the moment of the click, and says what the background answered', async () => {
    const doc = open('bluesky--post-with-image.html');
    const site = siteOf(doc);
    const post = findPosts(doc, site)[1]!;
    const send = vi.fn(async (type: string, _payload: { url: string }) =>
      type === 'capture.submit'
        ? { clipId: 'clip_1', merged: false }
        : { clipId: 'clip_1', postId: 'post_1', queued: [], message: 'Queued for Tue 09:00 on @brand.bsky.social.' },
    );
    const act = createPostActions({ site, doc, send: send as never });
    expect(await act('clip', post)).toBe('Clipped to Cadence.');
    expect(await act('share-next', post)).toBe('Queued for Tue 09:00 on @brand.bsky.social.'); // nothing queued to undo: a sentence only
    expect(send.mock.calls.map(([type, payload]) => [type, payload.url])).toEqual([
      ['capture.submit', 'https://bsky.app/profile/pfrazee.com/post/3kvwfzfrq3c2u'],
      ['capture.shareNext', 'https://bsky.app/profile/pfrazee.com/post/3kvwfzfrq3c2u'],
    ]);
    send.mockResolvedValueOnce({ clipId: 'clip_1', merged: true });
    expect(await act('clip', post)).toBe('Already in your clips: updated.');
  });
});
