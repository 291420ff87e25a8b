import type { AppBskyFeedDefs, AppBskyNotificationListNotifications } from '@atproto/api';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../lib/errors';
import { normalizeService } from '../../../../lib/networks/bluesky/connect';
import { toNotification, toRemotePost } from '../../../../lib/networks/bluesky/convert';
import { searchQuery } from '../../../../lib/networks/bluesky/search';

const OURS = { uri: 'at://did:plc:brand/app.bsky.feed.post/3kaaaaaaaaaa2', cid: 'bafyours' };
const ROOT = { uri: 'at://did:plc:brand/app.bsky.feed.post/3kaaaaaaaaaa1', cid: 'bafyroot' };
const author = { did: 'did:plc:fan', handle: 'fan.test', displayName: 'Fan', avatar: 'https://cdn.example/a.jpg' };

function makeNotification(overrides: Partial<AppBskyNotificationListNotifications.Notification>): AppBskyNotificationListNotifications.Notification {
  return {
    uri: 'at://did:plc:fan/app.bsky.feed.post/3kbbbbbbbbbb2',
    cid: 'bafyfan',
    author,
    reason: 'mention',
    record: { $type: 'app.bsky.feed.post', text: 'hello', createdAt: '2026-01-01T10:00:00.000Z' },
    isRead: false,
    indexedAt: '2026-01-01T10:00:01.000Z',
    ...overrides,
  };
}

describe('Bluesky views as plain data', () => {
  it('a reply names our post as its subject, with the thread root', () => {
    const n = toNotification(
      makeNotification({ reason: 'reply', record: { text: 'Nice', createdAt: '2026-01-01T10:00:00.000Z', reply: { root: ROOT, parent: OURS } } }),
    );
    expect(n).toMatchObject({
      remoteId: 'at://did:plc:fan/app.bsky.feed.post/3kbbbbbbbbbb2',
      kind: 'reply',
      subject: { id: OURS.uri, cid: OURS.cid },
      post: {
        text: 'Nice',
        createdAt: Date.UTC(2026, 0, 1, 10),
        inReplyTo: { id: OURS.uri },
        root: { id: ROOT.uri },
        author: { handle: 'fan.test', displayName: 'Fan' },
      },
      isRead: false,
    });
    expect(n!.post.ref.url).toBe('https://bsky.app/profile/fan.test/post/3kbbbbbbbbbb2');
  });

  it('a quote names the quoted post, also when it quotes with media', () => {
    const plain = toNotification(
      makeNotification({ reason: 'quote', record: { text: 'q', createdAt: '2026-01-01T10:00:00Z', embed: { $type: 'app.bsky.embed.record', record: OURS } } }),
    );
    expect(plain?.subject?.id).toBe(OURS.uri);
    const withMedia = toNotification(
      makeNotification({
        reason: 'quote',
        record: { text: 'q', createdAt: '2026-01-01T10:00:00Z', embed: { $type: 'app.bsky.embed.recordWithMedia', record: { record: OURS } } },
      }),
    );
    expect(withMedia?.subject?.id).toBe(OURS.uri);
  });

  it('ignores reasons that are not conversations, and survives a malformed record', () => {
    expect(toNotification(makeNotification({ reason: 'like' }))).toBeNull();
    const odd = toNotification(makeNotification({ record: { text: 42 } }));
    expect(odd?.post).toMatchObject({ text: '', createdAt: Date.UTC(2026, 0, 1, 10, 0, 1), inReplyTo: null });
  });

  it('a post view carries its counts', () => {
    const view: AppBskyFeedDefs.PostView = {
      uri: OURS.uri,
      cid: OURS.cid,
      author,
      record: { text: 'hi', createdAt: '2026-01-01T10:00:00Z' },
      indexedAt: '2026-01-01T10:00:00Z',
      likeCount: 3,
      repostCount: 2,
      replyCount: 1,
    };
    expect(toRemotePost(view).counts).toEqual({ likes: 3, reposts: 2, replies: 1, quotes: 0 });
  });
});

describe('inputs', () => {
  it('search queries: hashtag and phrase', () => {
    expect(searchQuery({ kind: 'hashtag', text: '#launch' })).toBe('#launch');
    expect(searchQuery({ kind: 'phrase', text: 'new "release" today' })).toBe('"new release today"');
    expect(searchQuery({ kind: 'keyword', text: ' cadence ' })).toBe('cadence');
    expect(() => searchQuery({ kind: 'keyword', text: ' ' })).toThrow(ValidationError);
  });

  it('server addresses: default, bare host, local http, and clear errors', () => {
    expect(normalizeService('')).toBe('https://bsky.social');
    expect(normalizeService('pds.example.com/')).toBe('https://pds.example.com');
    expect(normalizeService('http://localhost:2583')).toBe('http://localhost:2583');
    expect(() => normalizeService('http://pds.example.com')).toThrow(/https/);
    expect(() => normalizeService('https://exa mple')).toThrow(ValidationError);
  });
});
