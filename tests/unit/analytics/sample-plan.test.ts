import { describe, expect, it } from 'vitest';
import { duePlan, nextFollowerSampleAt, nextSampleAt } from '@/lib/analytics/sample-plan';

const H = 3_600_000;
const D = 24 * H;
const published = 1_700_000_000_000;

describe('sample plan', () => {
  it('reads at 1 h, 24 h, 7 d, then weekly until 30 days, then stops', () => {
    const taken: number[] = [];
    let last: number | null = null;
    for (let next = nextSampleAt(published, last); next !== null; next = nextSampleAt(published, last)) {
      taken.push((next - published) / H);
      last = next; // sampled exactly on time
    }
    expect(taken).toEqual([1, 24, 7 * 24, 14 * 24, 21 * 24, 28 * 24]);
  });

  it('takes one catch-up reading for points missed while the browser was shut', () => {
    // Sampled at 3 days: the 1 h and 24 h points are both covered; the next is 7 d.
    expect(nextSampleAt(published, published + 3 * D)).toBe(published + 7 * D);
  });

  it('still gives an old post with no reading its one last reading', () => {
    expect(nextSampleAt(published, null)).toBe(published + H);
    expect(nextSampleAt(published, published + 400 * D)).toBeNull();
  });

  it('reads followers daily, and at once for an account never read', () => {
    expect(nextFollowerSampleAt(null, 5)).toBe(5);
    expect(nextFollowerSampleAt(1000, 5)).toBe(1000 + D);
  });

  it('splits due items from the earliest later one, for a single alarm', () => {
    expect(
      duePlan(
        [
          { key: 'a', dueAt: 10 },
          { key: 'b', dueAt: 50 },
          { key: 'c', dueAt: 30 },
          { key: 'd', dueAt: 20 },
        ],
        20,
      ),
    ).toEqual({ due: ['a', 'd'], nextAt: 30 });
    expect(duePlan([], 20)).toEqual({ due: [], nextAt: null });
  });
});
