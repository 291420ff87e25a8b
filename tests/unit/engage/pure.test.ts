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
    expect(seenUpTo([{ isRead: true, createdAt: 1 }, { isRead: false, createdAt: 2 }, { isRead: true, createdAt: 3 }])?.createdAt).toBe(1);
    expect(seenUpTo([{ isRead: true, createdAt: 3 }, { isRead: true, createdAt: 1 }])?.createdAt).toBe(3);
    expect(seenUpTo([{ isRead: false, createdAt: 1 }, { isRead: true, createdAt: 3 }])).toBeNull();
  });
});
