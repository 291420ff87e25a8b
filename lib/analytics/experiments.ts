import type { MetricSample } from '../model';
import { followersAt } from './engagement';
import type { PublishedPost } from './published';

/**
 * A/B experiments: posts sharing `post.experiment.id` are arms of one test.
 *
 * Engagement rate (the definition we compare on): an arm's engagements (likes + reposts + replies
 * + quotes, newest sample) divided by its reach proxy, the followers each delivery's account had
 * when it was published, summed over the arm's deliveries. Neither network tells us impressions,
 * so followers stand in for "people who could have seen it".
 *
 * The verdict comes from a two-sided two-proportion z-test between the two best arms, treating
 * each follower as one chance to engage. That assumption is generous (one repost by a large
 * account breaks it), so we say less than the test would: no verdict unless each arm has at least
 * MIN_ENGAGEMENTS engagements and MIN_NON_ENGAGED followers who did not (the normal approximation
 * needs both ≥ 10), and only "likely" — never "proven" — below p < 0.05.
 */
export const MIN_ENGAGEMENTS = 10;
export const MIN_NON_ENGAGED = 10;
export const SIGNIFICANCE = 0.05;

export interface ArmResult {
  arm: string;
  posts: number;
  engagements: number;
  /** Sum of followers at publish time; null when an account's followers were never read. */
  reach: number | null;
  rate: number | null;
}

export type Verdict =
  | { kind: 'not-enough-data'; reason: string }
  | { kind: 'no-clear-difference'; pValue: number; leader: string; runnerUp: string }
  | { kind: 'likely-better'; pValue: number; leader: string; runnerUp: string; lift: number };

export interface ExperimentResult {
  id: string;
  /** What the test asks, as written in Compose ('' when no arm says). */
  question: string;
  arms: ArmResult[];
  verdict: Verdict;
  statement: string;
}

/** Standard normal CDF (Abramowitz & Stegun 26.2.17, |error| < 7.5e-8). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = 0.3989422804014327 * Math.exp((-z * z) / 2);
  const tail = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return z >= 0 ? 1 - tail : tail;
}

/** Two-sided p-value of the pooled two-proportion z-test. */
export function twoProportionP(x1: number, n1: number, x2: number, n2: number): number {
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return 1;
  const z = (x1 / n1 - x2 / n2) / se;
  return 2 * (1 - normalCdf(Math.abs(z)));
}

const percent = (rate: number) => `${(rate * 100).toFixed(2)}%`;
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function armsOf(items: PublishedPost[], samples: MetricSample[]): ArmResult[] {
  const arms = new Map<string, PublishedPost[]>();
  for (const item of items) arms.set(item.post!.experiment!.arm, [...(arms.get(item.post!.experiment!.arm) ?? []), item]);
  return [...arms].map(([arm, members]) => {
    const engagements = members.reduce((sum, item) => sum + item.engagement, 0);
    const reaches = members.map((item) => followersAt(samples, item.delivery.accountId, item.delivery.publishedAt));
    const reach = reaches.some((r) => r === null) ? null : reaches.reduce<number>((sum, r) => sum + r!, 0);
    return { arm, posts: members.length, engagements, reach, rate: reach ? engagements / reach : null };
  });
}

function verdictOf(arms: ArmResult[]): Verdict {
  if (arms.length < 2) return { kind: 'not-enough-data', reason: 'only one arm has been published' };
  const unknown = arms.find((arm) => arm.reach === null);
  if (unknown) return { kind: 'not-enough-data', reason: `no follower count yet for arm ${unknown.arm} (Cadence reads followers once a day)` };
  // A count of nought is a reading, not a missing one: say so rather than "no follower count yet".
  const unseen = arms.find((arm) => arm.rate === null);
  if (unseen) return { kind: 'not-enough-data', reason: `arm ${unseen.arm} went out when its account had no followers, so it has no rate to compare` };
  const [leader, runnerUp] = [...arms].sort((a, b) => b.rate! - a.rate!);
  for (const arm of [leader!, runnerUp!]) {
    if (arm.engagements < MIN_ENGAGEMENTS)
      return { kind: 'not-enough-data', reason: `arm ${arm.arm} has ${plural(arm.engagements, 'engagement')} and each arm needs at least ${MIN_ENGAGEMENTS}` };
    if (arm.reach! - arm.engagements < MIN_NON_ENGAGED)
      return { kind: 'not-enough-data', reason: `arm ${arm.arm} has more engagements than its followers can explain` };
  }
  const pValue = twoProportionP(leader!.engagements, leader!.reach!, runnerUp!.engagements, runnerUp!.reach!);
  if (pValue >= SIGNIFICANCE) return { kind: 'no-clear-difference', pValue, leader: leader!.arm, runnerUp: runnerUp!.arm };
  return { kind: 'likely-better', pValue, leader: leader!.arm, runnerUp: runnerUp!.arm, lift: leader!.rate! / runnerUp!.rate! - 1 };
}

function statementOf(verdict: Verdict, arms: ArmResult[]): string {
  const arm = (name: string) => arms.find((candidate) => candidate.arm === name)!;
  const rate = (name: string) => percent(arm(name).rate!);
  switch (verdict.kind) {
    case 'not-enough-data':
      // The rates are still shown beside this: say plainly that they are not a result yet.
      return `Not enough data to call a winner yet: ${verdict.reason}. Until then the rates can swing on a single reply or repost.`;
    case 'no-clear-difference':
      return `No clear winner yet: ${verdict.leader} (${rate(verdict.leader)}) vs ${verdict.runnerUp} (${rate(verdict.runnerUp)}) could be chance (p = ${verdict.pValue.toFixed(2)}).`;
    case 'likely-better': {
      // One post per arm is one draw of its timing and audience: the test cannot see that.
      const isSinglePost = arm(verdict.leader).posts === 1 || arm(verdict.runnerUp).posts === 1;
      return [
        `${verdict.leader} likely did better: ${rate(verdict.leader)} vs ${rate(verdict.runnerUp)} engagement rate (p = ${verdict.pValue < 0.001 ? '< 0.001' : verdict.pValue.toFixed(3)}).`,
        isSinglePost ? 'An arm is a single post, so when it went out may count as much as what it said.' : null,
        'One test, not proof: repeat it before changing strategy.',
      ]
        .filter(Boolean)
        .join(' ');
    }
  }
}

/** Every experiment with at least one published, measured arm in `items`. */
export function compareExperiments(items: PublishedPost[], samples: MetricSample[]): ExperimentResult[] {
  const byExperiment = new Map<string, PublishedPost[]>();
  for (const item of items) {
    const id = item.post?.experiment?.id;
    if (id && item.latest) byExperiment.set(id, [...(byExperiment.get(id) ?? []), item]);
  }
  return [...byExperiment].map(([id, members]) => {
    const arms = armsOf(members, samples).sort((a, b) => a.arm.localeCompare(b.arm));
    const verdict = verdictOf(arms);
    const question = members.map((item) => item.post?.experiment?.question ?? '').find((text) => text.trim() !== '') ?? '';
    return { id, question, arms, verdict, statement: statementOf(verdict, arms) };
  });
}
