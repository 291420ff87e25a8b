import { beforeEach, describe, expect, it } from 'vitest';
import { commentRef, withComment } from '@/lib/analytics/collector';
import { setFirstComment } from '@/lib/compose/post-draft';
import { threadRkey } from '@/lib/networks/tid';
import { publishDue } from '@/lib/publish/publish-due';
import { shownComment } from '@/lib/schedule/shown-words';
import { openStore, type Store } from '@/lib/store';
import { makePost } from '../factories';
import type { Fault } from './fake-network';
import { T0, addAccount, makeWorld, reload, schedule } from './harness';

/** Issue 22: a first comment is one more part of the delivery, answering the post, sent exactly once. */
let store: Store;
beforeEach(async () => {
  store = await openStore();
  return () => store.close();
});

const withCommentFor = (accountId: string, text: string) => setFirstComment(makePost({ workspaceId: 'ws_1', text: 'the post' }), accountId, text);

describe('first comment', () => {
  for (const network of ['bluesky', 'mastodon'] as const) {
    it(`on ${network}: goes out right after the post, as a reply to it, and is recorded as the comment`, async () => {
      const world = await makeWorld(store);
      const account = await addAccount(store, { network });
      const post = {
        ...withCommentFor(account.id, 'More in the comments: https://example.com/'),
        variants: [{ accountId: account.id, text: null, thread: ['part two'] }],
      };
      const delivery = await schedule(store, account, T0, post);
      await publishDue(world.deps());
      const after = await reload(store, delivery.id);
      expect(after.state).toBe('published');
      const records = [...world.network.records.values()];
      expect(records.map((r) => r.text)).toEqual(['the post', 'part two', 'More in the comments: https://example.com/']);
      // The thread is a chain; the comment answers the post itself.
      expect(records[1]!.parentId).toBe(after.parts[0]!.id);
      expect(records[2]!.parentId).toBe(after.parts[0]!.id);
      expect(after.sent!.parts.map((part) => part.comment ?? false)).toEqual([false, false, true]);
      expect(shownComment(after, null)).toBe('More in the comments: https://example.com/');
      expect(commentRef(after)).toEqual(after.parts[2]);
      if (network === 'bluesky') expect(after.parts[2]!.id).toContain(threadRkey(after.rkey!, 2));
    });
  }

  it('when the post went out and the comment failed, the retry sends only the comment', async () => {
    let commentFault: Fault = '500';
    const world = await makeWorld(store, { fault: ({ key, kind }) => (kind === 'create' && key.endsWith(':1') ? commentFault : 'none') });
    const account = await addAccount(store, { network: 'mastodon' });
    const delivery = await schedule(store, account, T0, withCommentFor(account.id, 'the comment'));
    await publishDue(world.deps());
    const waiting = await reload(store, delivery.id);
    expect(waiting.state).toBe('retrying');
    expect(waiting.parts).toHaveLength(1);
    commentFault = 'none';
    world.clock.now = waiting.nextAttemptAt!;
    await publishDue(world.deps());
    const after = await reload(store, delivery.id);
    expect(after.state).toBe('published');
    const records = [...world.network.records.values()];
    expect(records.map((r) => r.text)).toEqual(['the post', 'the comment']);
    expect(world.network.requests.filter((r) => r.kind === 'create' && r.key.endsWith(':0'))).toHaveLength(1);
  });

  it('after a kill between the post and the comment, reconcile finds the post and sends the comment once', async () => {
    let killed = false;
    const world = await makeWorld(store, {
      fault: ({ key, kind }) => {
        if (kind === 'create' && !killed && key.endsWith(':0')) {
          killed = true;
          return 'kill-after';
        }
        return 'none';
      },
    });
    const account = await addAccount(store, { network: 'mastodon' });
    const delivery = await schedule(store, account, T0, withCommentFor(account.id, 'the comment'));
    await publishDue(world.deps()).catch(() => undefined);
    world.clock.now = T0 + 10 * 60_000; // the lease has expired
    await publishDue(world.deps());
    const after = await reload(store, delivery.id);
    expect(after.state).toBe('published');
    expect([...world.network.records.values()].map((r) => r.text)).toEqual(['the post', 'the comment']);
  });

  it('a comment of only spaces, or for another account, sends nothing more', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store);
    const post = setFirstComment(withCommentFor('acc_other', 'not mine'), account.id, '   ');
    const delivery = await schedule(store, account, T0, post);
    await publishDue(world.deps());
    expect((await reload(store, delivery.id)).parts).toHaveLength(1);
    expect([...world.network.records.values()].map((r) => r.text)).toEqual(['the post']);
  });
});

describe('metrics of a post with its first comment', () => {
  it("adds the comment's counts to the post's, without counting our own reply", () => {
    expect(withComment({ likes: 3, reposts: 1, replies: 2 }, { likes: 2, replies: 1 })).toEqual({ likes: 5, reposts: 1, replies: 2 });
    expect(withComment({ likes: 3 }, undefined)).toEqual({ likes: 3 });
  });
});
