import { describe, expect, it } from 'vitest';
import { DEFAULT_IMAGE_LIMITS, imageLimitsFor, strictestLimits } from '@/lib/compose/media-limits';
import { planResize, shrinkPlan, type ResizePlan } from '@/lib/compose/resize-plan';
import { makeAccount } from '../factories';

const bluesky = DEFAULT_IMAGE_LIMITS.bluesky;

describe('choosing how to resize an image', () => {
  it('leaves an image alone when it already fits', () => {
    expect(planResize({ width: 1200, height: 800, bytes: 400_000, mime: 'image/jpeg' }, bluesky)).toBeNull();
  });

  it('brings the longest side within the limit, keeping the aspect ratio', () => {
    const plan = planResize({ width: 4000, height: 3000, bytes: 3_000_000, mime: 'image/jpeg' }, bluesky);
    expect(plan).toEqual({ width: 2000, height: 1500, mime: 'image/jpeg', quality: 0.9 });
  });

  it('respects the pixel count as well as the side', () => {
    const plan = planResize(
      { width: 2000, height: 2000, bytes: 500_000, mime: 'image/png' },
      { maxBytes: 1_000_000, maxDimension: 5000, maxPixels: 1_000_000 },
    )!;
    expect(plan.width * plan.height).toBeLessThanOrEqual(1_000_000);
    expect(plan).toMatchObject({ width: 1000, height: 1000, mime: 'image/png', quality: null });
  });

  it('re-encodes a GIF or an over-heavy PNG as JPEG', () => {
    expect(planResize({ width: 100, height: 100, bytes: 1000, mime: 'image/gif' }, bluesky)?.mime).toBe('image/jpeg');
    expect(planResize({ width: 1000, height: 1000, bytes: 3_000_000, mime: 'image/png' }, bluesky)).toEqual({
      width: 1000,
      height: 1000,
      mime: 'image/jpeg',
      quality: 0.9,
    });
  });

  it('steps quality down, then shrinks by the byte overshoot, then gives up', () => {
    const limits = { maxBytes: 1_000_000, maxDimension: 2000, maxPixels: 4_000_000 };
    let plan: ResizePlan | null = { width: 2000, height: 1500, mime: 'image/jpeg', quality: 0.9 };
    const qualities: number[] = [];
    while (plan && plan.width === 2000) {
      qualities.push(plan.quality!);
      plan = shrinkPlan(plan, 4_000_000, limits);
    }
    expect(qualities).toEqual([0.9, 0.8, 0.7, 0.6]);
    // 4 MB for 1 MB: a quarter of the area (and 10 % more), so about half of each side.
    expect(plan).toEqual({ width: Math.floor(2000 * Math.sqrt(0.225)), height: Math.floor(1500 * Math.sqrt(0.225)), mime: 'image/jpeg', quality: 0.6 });
    expect(shrinkPlan({ width: 70, height: 70, mime: 'image/jpeg', quality: 0.6 }, 4_000_000, limits)).toBeNull();
    expect(shrinkPlan(plan!, 999_999, limits)).toBeNull();
  });

  it('tries JPEG when a PNG encodes too big', () => {
    expect(shrinkPlan({ width: 800, height: 600, mime: 'image/png', quality: null }, 2_000_000, bluesky)).toEqual({
      width: 800,
      height: 600,
      mime: 'image/jpeg',
      quality: 0.9,
    });
  });
});

describe('image limits per account', () => {
  it('takes the Mastodon instance limit and keeps Bluesky at its 1,000,000 bytes', () => {
    const mastodon = imageLimitsFor(
      makeAccount({ network: 'mastodon', limits: { maxCharacters: 500, charactersPerUrl: 23, maxImages: 4, maxImageBytes: 8_000_000 } }),
    );
    const sky = imageLimitsFor(
      makeAccount({ network: 'bluesky', limits: { maxCharacters: 300, charactersPerUrl: null, maxImages: 4, maxImageBytes: 50_000_000 } }),
    );
    expect([mastodon.maxBytes, sky.maxBytes]).toEqual([8_000_000, 1_000_000]);
    expect(strictestLimits([mastodon, sky])).toMatchObject({ maxBytes: 1_000_000, maxDimension: 2000, isAltRequired: true });
    expect(strictestLimits([])).toEqual(DEFAULT_IMAGE_LIMITS.bluesky);
  });
});
