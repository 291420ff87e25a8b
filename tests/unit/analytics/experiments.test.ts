import { describe, expect, it } from 'vitest';
import { compareExperiments, normalCdf, twoProportionP } from '@/lib/analytics/experiments';
import { followerSample, measured } from './helpers';

const t0 = 1_700_000_000_000;
const arm = (name: string, engagement: number, accountId = 'acct_1') =>
  measured(t0 + 1000, engagement, { accountId, post: { experiment: { id: 'exp_1', arm: name, question: 'Does a deal in the first line sell?' } } });

describe('experiment comparison', () => {
  it('computes the normal CDF and a two-proportion p-value as textbooks do', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 4);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    // 60/1000 vs 30/1000: z ≈ 3.22, p ≈ 0.0013
    expect(twoProportionP(60, 1000, 30, 1000)).toBeCloseTo(0.0013, 3);
  });

  it('refuses to call a winner on a small sample, whatever the rates', () => {
    const followers = [followerSample('acct_1', t0, 100)];
    const [result] = compareExperiments([arm('A', 6), arm('B', 1)], followers);
    expect(result!.verdict.kind).toBe('not-enough-data');
    expect(result!.statement).toBe(
      'Not enough data to call a winner yet: arm A has 6 engagements and each arm needs at least 10. Until then the rates can swing on a single reply or repost.',
    );
    expect(result!.arms.map((a) => a.rate)).toEqual([0.06, 0.01]); // the rates are still shown
  });

  it('says an account with no followers has no rate, rather than that its followers were never read', () => {
    const [result] = compareExperiments([arm('A', 60), arm('B', 30)], [followerSample('acct_1', t0, 0)]);
    expect(result!.verdict).toEqual({ kind: 'not-enough-data', reason: 'arm A went out when its account had no followers, so it has no rate to compare' });
  });

  it('refuses when the reach is unknown (followers never read)', () => {
    const [result] = compareExperiments([arm('A', 60), arm('B', 30)], []);
    expect(result!.verdict).toEqual({ kind: 'not-enough-data', reason: 'no follower count yet for arm A (Cadence reads followers once a day)' });
  });

  it('says "likely better" for a clear difference, and no more than that', () => {
    const followers = [followerSample('acct_1', t0, 1000)];
    const [result] = compareExperiments([arm('A', 60), arm('B', 30)], followers);
    expect(result!.verdict).toMatchObject({ kind: 'likely-better', leader: 'A', runnerUp: 'B' });
    expect(result!.statement).toBe(
      'A likely did better: 6.00% vs 3.00% engagement rate (p = 0.001). An arm is a single post, so when it went out may count as much as what it said. One test, not proof: repeat it before changing strategy.',
    );
  });

  it('refuses on the runner-up too, and counts in words that read right for one', () => {
    const followers = [followerSample('acct_1', t0, 1000)];
    const [result] = compareExperiments([arm('A', 60), arm('B', 1)], followers);
    expect(result!.verdict).toEqual({ kind: 'not-enough-data', reason: 'arm B has 1 engagement and each arm needs at least 10' });
  });

  it('drops the single-post caveat when every arm has several posts', () => {
    const followers = [followerSample('acct_1', t0, 500)];
    const [result] = compareExperiments([arm('A', 30), arm('A', 30), arm('B', 15), arm('B', 15)], followers);
    expect(result!.verdict.kind).toBe('likely-better');
    expect(result!.statement).not.toContain('single post');
    expect(result!.statement).toContain('One test, not proof');
  });

  it('calls a small difference on enough data "no clear winner"', () => {
    const followers = [followerSample('acct_1', t0, 1000)];
    const [result] = compareExperiments([arm('A', 33), arm('B', 30)], followers);
    expect(result!.verdict.kind).toBe('no-clear-difference');
    expect(result!.statement).toMatch(/^No clear winner yet/);
  });

  it('sums reach over an arm posted to several accounts, each at its own follower count', () => {
    const followers = [followerSample('acct_1', t0, 1000), followerSample('acct_2', t0 - 5000, 3000), followerSample('acct_2', t0 + 5000, 9999)];
    const [result] = compareExperiments([arm('A', 40), arm('A', 40, 'acct_2'), arm('B', 20)], followers);
    expect(result!.arms.find((a) => a.arm === 'A')).toEqual({ arm: 'A', posts: 2, engagements: 80, reach: 4000, rate: 0.02 });
  });
});
