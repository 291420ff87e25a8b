import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHighlights, postText } from '@/lib/capture/site-buttons/highlights';
import { mastodonSite } from '@/lib/capture/site-buttons/mastodon-site';
import { buttonsRoot, existingButtons, HOST_TAG } from '@/lib/capture/site-buttons/post-buttons';
import { capturePost } from '@/lib/capture/site-buttons/post-capture';
import { MATCHED_CLASS } from '@/lib/capture/site-buttons/post-match';
import { findPosts, siteFor, type SitePosts } from '@/lib/capture/site-buttons/sites';
import { watchPosts } from '@/lib/capture/site-buttons/watch-posts';
import { highlightRules, type HighlightRule } from '@/lib/engage/highlight-rules';
import { clipCaptureSchema } from '@/lib/model';
import { loadPage, savedFromUrl, type LoadedPage } from './load-page';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url)), 'utf8');
let page: LoadedPage;
const open = (name: string, url?: string) => {
  const html = fixture(name);
  page = loadPage(html, url ?? savedFromUrl(html)!);
  return page.doc;
};
afterEach(() => page?.close());

const act = async () => 'ok';
const barOf = (post: Element) => buttonsRoot(existingButtons(post)!)!.querySelector('[role="group"]')!;
const labelOf = (post: Element) => {
  const host = existingButtons(post);
  return (host && buttonsRoot(host)?.querySelector('.match')?.textContent) ?? null;
};

describe('Mastodon, found by its markup on any server', () => {
  it('finds the status and a reply on a status page, each with its own address', () => {
    const doc = open('mastodon--detailed-status.html');
    const posts = findPosts(doc, mastodonSite);
    expect(posts.map((post) => mastodonSite.permalink(post, new URL(doc.URL)))).toEqual([
      'https://fosstodon.org/@kev/112594876543210987',
      // No time link in this reply: the server's own address for it, as its web app links it.
      'https://fosstodon.org/@reader@mastodon.social/112594900000000000',
    ]);
    expect(siteFor(new URL(doc.URL))).toBeNull(); // no host name says Mastodon
  });

  it('reads the status as the whole-page capture does', () => {
    const doc = open('mastodon--detailed-status.html');
    const expected = JSON.parse(fixture('mastodon--detailed-status.expected.json')) as Record<string, unknown>;
    const capture = clipCaptureSchema.parse(capturePost(findPosts(doc, mastodonSite)[0]!, mastodonSite, doc));
    const { kind, url, title, text, post, credits } = expected;
    expect(capture).toMatchObject({ kind, url, title, text, post, credits });
  });

  it('does nothing on a page without Mastodon’s markup, even with a "status" in it', () => {
    const doc = open('bluesky--post-with-image.html', 'http://127.0.0.1:8080/page/plain');
    doc.body.insertAdjacentHTML('beforeend', '<div class="status" data-id="1"><a href="/@a/1">a status</a></div>');
    const stop = watchPosts(doc, mastodonSite, { act });
    expect(doc.querySelectorAll(HOST_TAG)).toHaveLength(0);
    stop();
  });
});

describe('watching a feed visits only what changed', () => {
  it('an appended post is visited alone; a changed post alone; our own buttons going in are no change', async () => {
    vi.useFakeTimers();
    try {
      const doc = open('feeds/bluesky--home-feed.html');
      const site = siteFor(new URL(doc.URL))!;
      const onPost = vi.fn();
      const stop = watchPosts(doc, site, { act }, { throttleMs: 50, onPost });
      const [why, paul, ghost] = findPosts(doc, site);
      expect(onPost.mock.calls.map(([post]) => post)).toEqual([why, paul]); // the ghost has no address yet
      onPost.mockClear();
      await vi.advanceTimersByTimeAsync(100);
      expect(onPost).not.toHaveBeenCalled();

      const more = paul!.cloneNode(true) as Element;
      more.querySelector(HOST_TAG)?.remove();
      more.querySelector('a[href*="/post/"]')!.setAttribute('href', '/profile/pfrazee.com/post/3kvwzzzzzzz2c');
      doc.querySelector('[data-testid="followingFeedPage-feed-flatlist"]')!.append(more);
      await vi.advanceTimersByTimeAsync(60);
      expect(onPost.mock.calls.map(([post]) => post)).toEqual([more]);

      onPost.mockClear();
      why!.querySelector('[data-testid="postText"]')!.firstChild!.nodeValue = 'Now about the launch.';
      ghost!.insertAdjacentHTML('beforeend', '<a href="/profile/ghost.bsky.social/post/3kvghost1">now</a>');
      await vi.advanceTimersByTimeAsync(60);
      expect(new Set(onPost.mock.calls.map(([post]) => post))).toEqual(new Set([why, ghost]));
      expect(existingButtons(ghost!)).not.toBeNull();
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('listening highlights', () => {
  const rulesOf = (...streams: { name: string; kind: 'keyword' | 'hashtag' | 'phrase'; query: string }[]) => highlightRules(streams);
  /** A stand-in for the background: rules now, and `push` for when they change. */
  const fakeFollow = (initial: HighlightRule[]) => {
    let apply: ((rules: HighlightRule[]) => void) | null = null;
    const follow = vi.fn((next: (rules: HighlightRule[]) => void) => {
      apply = next;
      next(initial);
      return () => (apply = null);
    });
    return { follow, push: (rules: HighlightRule[]) => apply?.(rules), isFollowing: () => apply !== null };
  };

  it('reads a post’s own text, not its author or buttons', () => {
    const doc = open('feeds/bluesky--home-feed.html');
    const site = siteFor(new URL(doc.URL))!;
    expect(postText(findPosts(doc, site)[1]!, site)).toBe('Shipping day: custom feeds got a lot faster.');
    const tidy = doc.createElement('div');
    tidy.innerHTML = '<p>No text selector: <b>all</b> of it</p>';
    expect(postText(tidy, { ...site, text: undefined } as SitePosts)).toBe('No text selector: all of it');
  });

  it('marks exactly the posts that match, with the stream’s name; a deleted stream takes its marks', () => {
    const doc = open('feeds/bluesky--home-feed.html');
    const site = siteFor(new URL(doc.URL))!;
    const { follow, push, isFollowing } = fakeFollow(
      rulesOf({ name: 'Feed speed', kind: 'keyword', query: 'custom FEEDS' }, { name: 'Infra', kind: 'hashtag', query: 'relays' }),
    );
    const [why, paul] = findPosts(doc, site);
    const unmarked = [why!, paul!].map((post) => post.outerHTML);
    const highlights = createHighlights(doc, site, follow);
    const stop = watchPosts(doc, site, { act }, { onPost: highlights.mark });
    expect(follow).toHaveBeenCalledTimes(1);
    expect([labelOf(why!), labelOf(paul!)]).toEqual([null, 'Matches: Feed speed']);
    // The mark is all inside the closed root: the page's own post is as it was.
    const pageSees = () => [why!, paul!].map((post) => post.outerHTML.replace(/<cadence-post-actions><\/cadence-post-actions>/g, ''));
    expect(pageSees()).toEqual(unmarked);
    expect(barOf(paul!).classList.contains(MATCHED_CLASS)).toBe(true);
    // The label is in the Cadence bar, after the post's text: it covers none of it.
    expect(existingButtons(paul!)?.previousElementSibling).not.toBeNull();

    push(rulesOf({ name: 'Infra', kind: 'keyword', query: 'relays' }));
    expect([labelOf(why!), labelOf(paul!)]).toEqual(['Matches: Infra', null]);
    expect(barOf(paul!).classList.contains(MATCHED_CLASS)).toBe(false);
    expect(pageSees()).toEqual(unmarked);

    push([]);
    expect([barOf(why!), barOf(paul!)].map((bar) => bar.classList.contains(MATCHED_CLASS))).toEqual([false, false]);
    highlights.stop();
    stop();
    expect(isFollowing()).toBe(false);
  });

  it('gives a post its own outline back and never asks on a page without posts', () => {
    const doc = open('bluesky--post-with-image.html', 'http://127.0.0.1:8080/page/plain');
    const { follow } = fakeFollow(rulesOf({ name: 'Any', kind: 'keyword', query: 'bluesky' }));
    const highlights = createHighlights(doc, mastodonSite, follow);
    const stop = watchPosts(doc, mastodonSite, { act }, { onPost: highlights.mark });
    expect(follow).not.toHaveBeenCalled();
    stop();
    void page.close();

    const thread = open('bluesky--post-with-image.html');
    const site = siteFor(new URL(thread.URL))!;
    const post = findPosts(thread, site)[1]!;
    (post as HTMLElement).style.setProperty('outline', '1px dotted red');
    const own = (post as HTMLElement).style.getPropertyValue('outline');
    const rules = fakeFollow(rulesOf({ name: 'Feeds', kind: 'keyword', query: 'feeds' }));
    const marks = createHighlights(thread, site, rules.follow);
    const stopThread = watchPosts(thread, site, { act }, { onPost: marks.mark });
    expect(labelOf(post)).toBe('Matches: Feeds');
    marks.stop();
    expect((post as HTMLElement).style.getPropertyValue('outline')).toContain('dotted');
    expect((post as HTMLElement).style.getPropertyValue('outline')).toBe(own);
    stopThread();
  });
});
