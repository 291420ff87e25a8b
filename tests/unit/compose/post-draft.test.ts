import { describe, expect, it } from 'vitest';
import { blankPost, chooseAccount, dropAccount, outgoingParts, setVariant, textFor } from '@/lib/compose/post-draft';
import { makeAccount, makeClip } from '../factories';

describe('post drafts', () => {
  const clip = makeClip({
    title: 'A story',
    url: 'https://example.com/story',
    credits: [{ network: 'bluesky', handle: 'ada.bsky.social', url: null }],
    siteName: 'Example',
  });
  const bluesky = makeAccount({ network: 'bluesky' });
  const mastodon = makeAccount({ network: 'mastodon' });

  it('starts from a clip with its title, link and a credit per network', () => {
    let post = blankPost('post_1', 'ws_1', 5, clip);
    post = chooseAccount(chooseAccount(post, bluesky, clip), mastodon, clip);
    expect(post.text).toBe('A story\nhttps://example.com/story');
    expect(textFor(post, bluesky.id)).toBe('A story\nhttps://example.com/story\nvia @ada.bsky.social');
    expect(textFor(post, mastodon.id)).toBe('A story\nhttps://example.com/story\nvia Example');
  });

  it('starts from a quote with its words, author and deep link, and names the author’s handle on each network that has one', () => {
    const fragmentUrl = 'https://example.com/story#:~:text=Small%20files%20win.';
    const quote = makeClip({
      kind: 'selection',
      url: 'https://example.com/story',
      byline: 'By Ada Author\n  March 3',
      siteName: 'Example',
      quote: { text: 'Small files win.', fragmentUrl },
      credits: [{ network: 'bluesky', handle: '@ada.bsky.social', url: null }],
    });
    let post = blankPost('post_q', 'ws_1', 5, quote);
    post = chooseAccount(chooseAccount(post, bluesky, quote), mastodon, quote);
    expect(post.text).toBe(`“Small files win.”\n— Ada Author\n${fragmentUrl}`);
    expect(textFor(post, bluesky.id)).toBe(`“Small files win.”\n— Ada Author (@ada.bsky.social)\n${fragmentUrl}`);
    expect(textFor(post, mastodon.id)).toBe(post.text);
    const anonymous = { ...quote, byline: null, siteName: null };
    expect(blankPost('p', 'ws_1', 5, anonymous).text).toBe(`“Small files win.”\n${fragmentUrl}`);
    expect(textFor(chooseAccount({ ...post, variants: [], text: 'My own words' }, bluesky, anonymous), bluesky.id)).toBe('My own words\n— @ada.bsky.social');
  });

  it('lets one variant diverge and come back to the shared text', () => {
    let post = chooseAccount(chooseAccount(blankPost('p', 'ws_1', 1, null), bluesky, null), mastodon, null);
    post = { ...post, text: 'shared' };
    post = setVariant(post, bluesky.id, { text: 'only on bluesky' });
    expect([textFor(post, bluesky.id), textFor(post, mastodon.id)]).toEqual(['only on bluesky', 'shared']);
    post = setVariant(post, bluesky.id, { text: null, thread: [] });
    expect(textFor(post, bluesky.id)).toBe('shared');
    expect(dropAccount(post, bluesky.id).variants.map((v) => v.accountId)).toEqual([mastodon.id]);
  });

  it('tags links per network only when UTM is on', () => {
    let post = chooseAccount({ ...blankPost('p', 'ws_1', 1, null), text: 'Read https://example.com/a' }, mastodon, null);
    expect(outgoingParts(post, mastodon)).toEqual(['Read https://example.com/a']);
    post = { ...post, utm: { enabled: true, medium: 'social', campaign: 'spring' } };
    expect(outgoingParts(post, mastodon)).toEqual(['Read https://example.com/a?utm_source=mastodon&utm_medium=social&utm_campaign=spring']);
  });
});
