import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WARNINGS } from '@/lib/capture/warnings';
import { clipCaptureSchema, type ClipCapture } from '@/lib/model';
import { captureIn, fixturePageUrl, loadPage } from './load-page';

/**
 * Issue 25: when a site changes its markup, the extractor keeps what it can still read and never
 * loses the page. Each case takes a golden fixture, removes what one field is read from, as a
 * redesign would, and checks that only that field is gone.
 */
const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/${name}.html`, import.meta.url)), 'utf8');

function captureWithout(name: string, selector: string): { clip: ClipCapture; golden: ClipCapture } {
  const html = fixture(name);
  const url = fixturePageUrl(`${name}.html`, html)!;
  const read = (change: (doc: Document) => void) => {
    const page = loadPage(html, url);
    try {
      change(page.doc);
      return clipCaptureSchema.parse(captureIn(page.doc, { kind: 'page', pageUrl: url }));
    } finally {
      void page.close();
    }
  };
  const golden = read(() => undefined);
  const clip = read((doc) => {
    const found = [...doc.querySelectorAll(selector)];
    expect(found.length, `${name} has ${selector}`).toBeGreaterThan(0);
    for (const element of found) element.remove();
  });
  return { clip, golden };
}

describe('social extractors fail soft', () => {
  it('X: a post whose text element is gone keeps its author, address, photo and counts, and says the text was not read', () => {
    const { clip, golden } = captureWithout('x--status-with-photo', '[data-testid="tweetText"]');
    expect(clip).toMatchObject({ kind: 'social-post', url: golden.url, byline: golden.byline, credits: golden.credits });
    expect(clip.post).toMatchObject({ authorHandle: '@NASAWebb', text: '', media: golden.post!.media, counts: golden.post!.counts });
    expect(clip.warnings).toEqual([]); // a photo post with no words is still a post
    const bare = captureWithout('x--localized-conversation', '[data-testid="tweetText"]').clip;
    expect(bare).toMatchObject({ kind: 'social-post', post: { authorHandle: '@main_user', text: '' }, warnings: [WARNINGS.postTextUnread] });
  });

  it('X: without the action bar the counts are empty and nothing else changes', () => {
    const { clip, golden } = captureWithout('x--status-with-photo', '[role="group"]');
    expect(clip.post!.counts).toEqual({});
    expect({ ...clip, post: { ...clip.post, counts: {} } }).toEqual({ ...golden, post: { ...golden.post, counts: {} } });
  });

  it('X: an article whose title element is gone keeps every block of its body', () => {
    const { clip, golden } = captureWithout('x--article-2026-02-13', '[data-testid="twitter-article-title"]');
    expect(clip.post!.title).toBeUndefined();
    expect(clip.post!.text).toBe(golden.post!.text);
    expect(clip.title).toBe('Heinrich on X');
  });

  it('Reddit: a post whose text body is gone keeps its title, subreddit, score and comments count', () => {
    const { clip, golden } = captureWithout('reddit--text-post', '[slot="text-body"]');
    expect(clip.post).toMatchObject({ title: golden.post!.title, community: 'r/socialmedia', text: '', counts: golden.post!.counts });
    expect(clip.text).toBe(golden.post!.title);
  });

  it('Hacker News: without the discussion there is no top comment; the story is whole', () => {
    const { clip, golden } = captureWithout('hackernews--story-with-comments', 'table.comment-tree');
    expect(clip.post!.topComment).toBeUndefined();
    expect(clip.post).toMatchObject({ title: golden.post!.title, linkUrl: golden.post!.linkUrl, counts: golden.post!.counts, authorHandle: 'author_one' });
  });

  it('Mastodon: a status whose quote markup is gone keeps its own text and content warning', () => {
    const { clip, golden } = captureWithout('mastodon--quote-with-content-warning', '.status__quote');
    expect(clip.post!.quoted).toBeUndefined();
    expect(clip.post).toMatchObject({ text: golden.post!.text, contentWarning: 'Spoilers for the season finale', postUrl: golden.post!.postUrl });
  });

  it('never loses the page: with no author to read, the post is saved as a link to it, saying why', () => {
    const { clip, golden } = captureWithout('hackernews--story-with-comments', '.hnuser');
    expect(clip).toMatchObject({ kind: 'link', sourceUrl: golden.sourceUrl, warnings: [WARNINGS.socialUnreadable] });
  });
});
