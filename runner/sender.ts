import { ValidationError } from '@/lib/errors';
import type { Account, Post } from '@/lib/model';
import type { NetworkAdapter, PublishInput } from '@/lib/networks';
import { buildParts, postOptions, type ContentLoaders } from '@/lib/publish/build-input';
import type { TeamDelivery } from '@/lib/team/documents';
import type { TeamSender } from '@/lib/team/publish-delivery';

/**
 * How the runner sends one delivery: the post's parts built by lib/publish (the account's
 * variant, the thread, the first comment), sent by the account's lib/networks adapter with the
 * delivery's own record key and Idempotency-Key, never keys of its own.
 *
 * The post is read again from the team server at send time (`load`), so what goes out is what the
 * lease was taken on. Images are not carried to the runner (their bytes live in a member's
 * browser): the runner leaves such a post to the browsers before it claims (runner.ts), and should
 * one reach here it is refused with a reason. A link card goes out without its thumbnail.
 */
const RUNNER_LOADERS: ContentLoaders = {
  loadMedia: async () => {
    throw new ValidationError('This post has images, and the runner cannot reach them: a member’s browser publishes it.');
  },
  loadLink: async (link) => ({ url: link.url, title: link.title, description: link.description, thumb: null }),
};

export interface SenderDeps {
  adapter: NetworkAdapter;
  account: Account;
  load: () => Promise<Post>;
}

export function createTeamSender({ adapter, account, load }: SenderDeps): TeamSender {
  async function inputFor(delivery: TeamDelivery): Promise<PublishInput> {
    const post = await load();
    return {
      parts: await buildParts(post, account, RUNNER_LOADERS),
      ...postOptions(post),
      idempotencyKey: delivery.idempotencyKey,
      rkey: delivery.rkey,
      done: [],
      replyTo: post.replyTo,
      scheduledAt: null,
    };
  }
  return {
    async send(delivery) {
      const result = await adapter.publish(await inputFor(delivery));
      const first = result.parts[0];
      if (!first) throw new ValidationError('The network accepted nothing for this post.');
      return first.id;
    },
    async reconcile(delivery) {
      const input = await inputFor(delivery);
      const found = await adapter.reconcile({ ...input, since: 0 });
      // Only a whole thread counts as found; with part of it there, sending resumes after it
      // (the adapter reads back each part already created at its key).
      return found.certain && found.parts.length === input.parts.length ? (found.parts[0]?.id ?? null) : null;
    },
  };
}
