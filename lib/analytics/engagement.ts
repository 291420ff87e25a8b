import type { MetricSample } from '../model';

/**
 * A post's engagement is the sum of its interaction counts as the adapter reports them (likes,
 * reposts, replies, quotes on Bluesky; favourites, reblogs, replies on Mastodon). Keys that are
 * not interactions are left out, should an adapter ever report them on a post.
 */
const NOT_ENGAGEMENT = new Set(['followers', 'following', 'posts', 'impressions', 'views']);

export function engagementOf(counts: Record<string, number>): number {
  let total = 0;
  for (const [key, value] of Object.entries(counts)) if (!NOT_ENGAGEMENT.has(key)) total += value;
  return total;
}

/** The newest sample of each delivery, taken at or before `asOf`. */
export function latestByDelivery(samples: MetricSample[], asOf = Infinity): Map<string, MetricSample> {
  const latest = new Map<string, MetricSample>();
  for (const sample of samples) {
    if (sample.deliveryId === null || sample.takenAt > asOf) continue;
    const seen = latest.get(sample.deliveryId);
    if (!seen || seen.takenAt < sample.takenAt) latest.set(sample.deliveryId, sample);
  }
  return latest;
}

/**
 * The follower count of an account around `at`: the newest reading at or before it, else the
 * first one after it (followers are read daily, so the first reading may follow a post).
 */
export function followersAt(samples: MetricSample[], accountId: string, at: number): number | null {
  let before: MetricSample | null = null;
  let after: MetricSample | null = null;
  for (const sample of samples) {
    if (sample.deliveryId !== null || sample.accountId !== accountId || sample.counts.followers === undefined) continue;
    if (sample.takenAt <= at) {
      if (!before || before.takenAt < sample.takenAt) before = sample;
    } else if (!after || after.takenAt > sample.takenAt) after = sample;
  }
  return (before ?? after)?.counts.followers ?? null;
}
