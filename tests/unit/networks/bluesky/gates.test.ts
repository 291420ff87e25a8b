import { describe, expect, it } from 'vitest';
import { DEFAULT_BLUESKY_OPTIONS, postSchema } from '@/lib/model';
import { gateRecords, selfLabels, threadgateAllow } from '@/lib/networks/bluesky/gates';
import { disablesQuotes, parseQuoteAddress } from '@/lib/networks/bluesky/quote';
import { takesQuotes } from '@/lib/networks/mastodon/quote';
import { makePost } from '../../factories';

const URI = 'at://did:plc:abc/app.bsky.feed.post/3lbqzxyz2222a';
const AT = '2025-03-24T08:00:00.000Z';

describe('Bluesky threadgate and postgate (issue 22)', () => {
  it('writes nothing for the defaults', () => {
    expect(threadgateAllow({ kind: 'everyone' })).toBeNull();
    expect(gateRecords(DEFAULT_BLUESKY_OPTIONS, URI, AT)).toEqual([]);
  });

  it('nobody is an empty allow; some people are one rule each, lists by address', () => {
    expect(threadgateAllow({ kind: 'nobody' })).toEqual([]);
    expect(threadgateAllow({ kind: 'some', mention: true, following: true, followers: true, lists: ['at://did:plc:abc/app.bsky.graph.list/x'] })).toEqual([
      { $type: 'app.bsky.feed.threadgate#mentionRule' },
      { $type: 'app.bsky.feed.threadgate#followingRule' },
      { $type: 'app.bsky.feed.threadgate#followerRule' },
      { $type: 'app.bsky.feed.threadgate#listRule', list: 'at://did:plc:abc/app.bsky.graph.list/x' },
    ]);
  });

  it('a post that may not be quoted has a postgate with a disable rule, pointing at the post', () => {
    const writes = gateRecords({ replies: { kind: 'nobody' }, allowQuotes: false, labels: [] }, URI, AT);
    expect(writes.map((w) => w.collection)).toEqual(['app.bsky.feed.threadgate', 'app.bsky.feed.postgate']);
    expect(writes[1]!.record).toEqual({
      $type: 'app.bsky.feed.postgate',
      post: URI,
      embeddingRules: [{ $type: 'app.bsky.feed.postgate#disableRule' }],
      createdAt: AT,
    });
    expect(disablesQuotes(writes[1]!.record)).toBe(true);
    expect(disablesQuotes({ embeddingRules: [] })).toBe(false);
  });

  it('self-labels are com.atproto.label.defs#selfLabels', () => {
    expect(selfLabels({ ...DEFAULT_BLUESKY_OPTIONS, labels: ['nudity', 'graphic-media'] })).toEqual({
      $type: 'com.atproto.label.defs#selfLabels',
      values: [{ val: 'nudity' }, { val: 'graphic-media' }],
    });
    expect(selfLabels(DEFAULT_BLUESKY_OPTIONS)).toBeUndefined();
  });
});

describe('the post a post quotes', () => {
  it('reads bsky.app addresses and at:// URIs, and refuses anything else with what to do', () => {
    expect(parseQuoteAddress('https://bsky.app/profile/ada.test/post/3lbqzxyz2222a')).toEqual({ actor: 'ada.test', rkey: '3lbqzxyz2222a' });
    expect(parseQuoteAddress(URI)).toEqual({ actor: 'did:plc:abc', rkey: '3lbqzxyz2222a' });
    expect(() => parseQuoteAddress('https://example.com/')).toThrow(/not the address of a Bluesky post/);
  });

  it('Mastodon takes quotes from API version 7 on', () => {
    expect(takesQuotes({ api_versions: { mastodon: 7 } })).toBe(true);
    expect(takesQuotes({ api_versions: { mastodon: 6 } })).toBe(false);
    expect(takesQuotes({})).toBe(false);
  });

  it('posts stored before the controls read as they were', () => {
    const { bluesky: _b, quote: _q, firstComments: _f, ...old } = postSchema.parse(makePost({ workspaceId: 'ws_1' }));
    const read = postSchema.parse(old);
    expect(read.bluesky).toBeUndefined();
    expect(read.quote).toBeUndefined();
  });
});
