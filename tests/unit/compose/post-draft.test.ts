import { describe, expect, it } from 'vitest';
import { blankPost, chooseAccount, dropAccount, outgoingParts, setVariant, textFor } from '@/lib/compose/post-draft';
import { makeAccount, makeClip } from '../factories';

describe('post drafts', () => {
  const clip = makeClip({ title: 'A story', url: 'https://example.com/story', credits: [{ network: 'bluesky', handle: 'ada.bsky.social', url: null }], siteName: 'Example' });
  const bluesky = makeAccount({ network: 'bluesky' });
  const mastodon = makeAccount({ network: 'mastodon' });

  it('starts from a clip with its title, link and a credit per network', () => {
    let post = blankPost('post_1', 'ws_1', 5, clip);
    post = chooseAccount(chooseAccount(post, bluesky, clip), mastodon, clip);
    expect(post.text).toBe('A story\nhttps://example.com/story');
    expect(textFor(post, bluesky.id)).toBe('A story\nhttps://example.com/story\nvia @ada.bsky.social');
    expect(textFor(post, mastodon.id)).toBe('A story\nhttps://example.com/story\nvia Example');
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
