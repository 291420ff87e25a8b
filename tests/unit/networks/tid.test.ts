import { TID } from '@atproto/common-web';
import { describe, expect, it } from 'vitest';
import { isTid, newTid, threadRkey } from '../../../lib/networks/tid';

describe('TIDs for record keys', () => {
  it('are valid AT Protocol TIDs holding the time they were made', () => {
    const now = Date.UTC(2026, 10, 23, 12, 0, 0);
    const tid = newTid(now);
    expect(isTid(tid)).toBe(true);
    const parsed = TID.fromStr(tid);
    expect(Math.floor(parsed.timestamp() / 1000)).toBe(now);
  });

  it('sort by time', () => {
    const earlier = newTid(1_700_000_000_000);
    const later = newTid(1_700_000_000_001);
    expect(earlier < later).toBe(true);
  });

  it('give each part of a thread its own key, the same every time', () => {
    const rkey = newTid(1_800_000_000_000);
    const keys = [0, 1, 2].map((i) => threadRkey(rkey, i));
    expect(keys[0]).toBe(rkey);
    expect(new Set(keys).size).toBe(3);
    expect([0, 1, 2].map((i) => threadRkey(rkey, i))).toEqual(keys);
    for (const key of keys) expect(TID.fromStr(key).clockid()).toBe(TID.fromStr(rkey).clockid());
    expect(keys[1]! > keys[0]! && keys[2]! > keys[1]!).toBe(true);
  });

  it('refuse to derive from something that is not a TID', () => {
    expect(() => threadRkey('not-a-tid', 1)).toThrow(/not a TID/);
  });
});
