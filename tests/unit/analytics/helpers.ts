import type { MetricSample, Post } from '@/lib/model';
import type { PublishedPost } from '@/lib/analytics/published';
import { makeDelivery, makePost } from '../factories';

let n = 0;

/** A published, measured post for analytics tests. */
export function measured(
  publishedAt: number,
  engagement: number,
  overrides: { accountId?: string; post?: Partial<Post>; unread?: boolean } = {},
): PublishedPost {
  const post = makePost(overrides.post);
  const delivery = {
    ...makeDelivery({
      postId: post.id,
      accountId: overrides.accountId ?? 'acct_1',
      state: 'published',
      publishedAt,
      remote: { id: `at://x/${++n}`, url: 'https://bsky.app/x', cid: 'c' },
    }),
    publishedAt,
  };
  const latest: MetricSample | null = overrides.unread
    ? null
    : { v: 1, id: `met_${n}`, accountId: delivery.accountId, deliveryId: delivery.id, takenAt: publishedAt + 1000, counts: { likes: engagement } };
  return { delivery, post, latest, engagement: overrides.unread ? 0 : engagement };
}

export function followerSample(accountId: string, takenAt: number, followers: number): MetricSample {
  return { v: 1, id: `met_f${++n}`, accountId, deliveryId: null, takenAt, counts: { followers } };
}
