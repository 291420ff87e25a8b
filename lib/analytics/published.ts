import type { Delivery, MetricSample, Post } from '../model';
import { shownText } from '../publish/sent';
import { engagementOf, latestByDelivery } from './engagement';

/** One published delivery with its post and its newest counts: the unit every chart counts. */
export interface PublishedPost {
  delivery: Delivery & { publishedAt: number };
  post: Post | null;
  /** The newest sample; null until the collector has read this post once. */
  latest: MetricSample | null;
  engagement: number;
}

export interface Range {
  /** Inclusive, epoch ms. */
  from: number;
  /** Exclusive, epoch ms. */
  to: number;
}

/** Deliveries published inside `range` (and, when given, on one account), newest first. */
export function publishedPosts(deliveries: Delivery[], posts: Post[], samples: MetricSample[], range: Range, accountId: string | null = null): PublishedPost[] {
  const postById = new Map(posts.map((post) => [post.id, post]));
  const latest = latestByDelivery(samples);
  return deliveries
    .filter((d): d is PublishedPost['delivery'] => d.state === 'published' && d.publishedAt !== null)
    .filter((d) => d.publishedAt >= range.from && d.publishedAt < range.to && (accountId === null || d.accountId === accountId))
    .map((delivery) => {
      const sample = latest.get(delivery.id) ?? null;
      return { delivery, post: postById.get(delivery.postId) ?? null, latest: sample, engagement: sample ? engagementOf(sample.counts) : 0 };
    })
    .sort((a, b) => b.delivery.publishedAt - a.delivery.publishedAt);
}

/**
 * The text a person recognises a post by: what this delivery sent (the post may have been edited
 * since, for its next evergreen round), else the account's text in the post as it is now.
 */
export function postText(item: PublishedPost): string {
  return shownText(item.delivery, item.post);
}
