import { describe, expect, it } from 'vitest';
import { median, responseTimes } from '@/lib/engage/response-time';
import { fillSavedReply } from '@/lib/engage/saved-replies';
import { isUnread, seenUpTo } from '@/lib/engage/unread';

const MINUTE = 60_000;

describe('response time', () => {
  it('is the median minutes from mention to reply per account, ignoring unanswered items', () => {
    const item = (accountId: string, minutes: number | null) => ({ accountId, createdAt: 1_000_000, repliedAt: minutes === null ? null : 1_000_000 + minutes * MINUTE });
    const times = responseTimes([item('a', 5), item('a', 60 * 24 * 7), item('a', 15), item('a', null), item('b', 3), item('b', 4)]);
    expect(times.get('a')).toEqual({ medianMinutes: 15, answered: 3 });
    expect(times.get('b')).toEqual({ medianMinutes: 3.5, answered: 2 });
    expect(times.has('c')).toBe(false);
  });

  it('refuses the median of nothing', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

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
    expect(seenUpTo([{ isRead: true, createdAt: 1 }, { isRead: false, createdAt: 2 }, { isRead: true, createdAt: 3 }])).toBe(1);
    expect(seenUpTo([{ isRead: true, createdAt: 1 }, { isRead: true, createdAt: 3 }])).toBe(3);
    expect(seenUpTo([{ isRead: false, createdAt: 1 }, { isRead: true, createdAt: 3 }])).toBeNull();
  });
});
