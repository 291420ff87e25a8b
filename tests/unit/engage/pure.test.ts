import { describe, expect, it } from 'vitest';
import { fillSavedReply } from '@/lib/engage/saved-replies';
import { isUnread, seenUpTo } from '@/lib/engage/unread';

describe('saved replies', () => {
  it('fills {name} and {handle}, and leaves unknown placeholders visible', () => {
    expect(fillSavedReply('Hi {name} ({handle}), thanks! {oops}', { displayName: 'Ada', handle: 'ada.test' })).toBe('Hi Ada (@ada.test), thanks! {oops}');
    expect(fillSavedReply('Hi {name}', { displayName: ' ', handle: '@ada.test' })).toBe('Hi @ada.test');
  });
});

describe('read markers', () => {
  it('counts open unread items only', () => {
    expect(isUnread({ isRead: false, state: 'open' })).toBe(true);
    expect(isUnread({ isRead: false, state: 'snoozed' })).toBe(false);
    expect(isUnread({ isRead: true, state: 'open' })).toBe(false);
  });

  it('moves the network marker only as far as every older item is read', () => {
    const at = (isRead: boolean, createdAt: number, remoteId = String(createdAt)) => ({ isRead, createdAt, remoteId });
    expect(seenUpTo([at(true, 1), at(false, 2), at(true, 3)])?.createdAt).toBe(1);
    expect(seenUpTo([at(true, 3), at(true, 1)])?.createdAt).toBe(3);
    expect(seenUpTo([at(false, 1), at(true, 3)])).toBeNull();
    // Several in one millisecond (a burst): the newest by Mastodon's ordered ids, whatever the list order.
    expect(seenUpTo([at(true, 5, '110000000000107550'), at(true, 5, '110000000000106030'), at(true, 5, '99999999999999999')])?.remoteId).toBe(
      '110000000000107550',
    );
    expect(seenUpTo([at(true, 5, '110000000000106030'), at(true, 5, '110000000000107550')])?.remoteId).toBe('110000000000107550');
    // An unread item in that millisecond still holds the marker back.
    expect(seenUpTo([at(true, 4), at(true, 5, '2'), at(false, 5, '1')])?.createdAt).toBe(4);
  });
});
