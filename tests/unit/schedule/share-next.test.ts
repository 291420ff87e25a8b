import { beforeEach, describe, expect, it } from 'vitest';
import { inertTitle, NO_ACCOUNT, NO_SCHEDULE, shareNext, TOO_LATE_TO_UNDO, undoShareNext, UNDO_WINDOW_MS } from '@/lib/schedule/share-next';
import { openStore, validRows, type Store } from '@/lib/store';
import { makeAccount, makeCapture, makeWorkspace } from '../factories';

const at = (isoUtc: string) => Date.parse(isoUtc);
const MONDAY_0800_CET = at('2025-03-24T07:00:00Z');

// A Bluesky post as the site script captures it: its author is the credit.
const blueskyPost = () =>
  makeCapture({
    kind: 'social-post',
    url: 'https://bsky.app/profile/pfrazee.com/post/3kvwfzfrq3c2u',
    title: 'Paul Frazee on Bluesky',
    siteName: 'Bluesky',
    credits: [{ network: 'bluesky', handle: '@pfrazee.com', url: 'https://bsky.app/profile/pfrazee.com' }],
  });

let store: Store;
beforeEach(async () => {
  store = await openStore();
  await store.workspaces.put(makeWorkspace({ id: 'ws_1', timeZone: 'Europe/Berlin' }));
  return () => store.close();
});

const addAccounts = async () => {
  const brand = await store.accounts.put(
    makeAccount({
      handle: 'brand.bsky.social',
      createdAt: 1,
      schedule: [
        { weekday: 2, time: '09:00' },
        { weekday: 4, time: '09:00' },
      ],
    }),
  );
  const x = await store.accounts.put(
    makeAccount({ network: 'x', handle: 'brand', publishMode: 'reminder', createdAt: 2, schedule: [{ weekday: 3, time: '14:30' }] }),
  );
  const idle = await store.accounts.put(makeAccount({ network: 'mastodon', handle: 'brand@mastodon.social', createdAt: 3, schedule: [] }));
  return { brand, x, idle };
};

describe('shareNext', () => {
  it('saves the clip, writes a credited post and queues it in each scheduled account’s next free slot', async () => {
    const { brand, x } = await addAccounts();
    const result = await shareNext(store, blueskyPost(), { workspaceId: 'ws_1', now: MONDAY_0800_CET });
    expect(result.message).toBe('Queued for Tue 09:00 on @brand.bsky.social and Wed 14:30 on @brand.');

    const [clip] = validRows(await store.clips.list());
    expect(clip).toMatchObject({ id: result.clipId, kind: 'social-post', workspaceIds: ['ws_1'], status: 'used' });
    const [post] = validRows(await store.posts.list());
    expect(post).toMatchObject({
      id: result.postId,
      workspaceId: 'ws_1',
      clipId: clip!.id,
      text: 'Paul Frazee on Bluesky\nhttps://bsky.app/profile/pfrazee.com/post/3kvwfzfrq3c2u',
    });
    // The credit in each network's own form: a Bluesky mention on Bluesky, the site's name on X.
    expect(post!.variants).toEqual([
      { accountId: brand.id, text: `${post!.text}\nvia @pfrazee.com`, thread: [] },
      { accountId: x.id, text: `${post!.text}\nvia Bluesky`, thread: [] },
    ]);

    const deliveries = validRows(await store.deliveries.list());
    expect(deliveries.map((d) => [d.accountId, d.state, d.method, new Date(d.dueAt!).toISOString()]).sort()).toEqual(
      [
        [brand.id, 'scheduled', 'api', '2025-03-25T08:00:00.000Z'], // Tue 09:00 CET
        [x.id, 'scheduled', 'reminder', '2025-03-26T13:30:00.000Z'], // Wed 14:30 CET
      ].sort(),
    );
    expect(result.queued.map((q) => q.handle)).toEqual(['@brand.bsky.social', '@brand']);
  });

  it('posts an author’s display name inert: no address, domain, mention or tag of theirs goes out from the brand (issue 18, hole 9)', async () => {
    await addAccounts();
    const capture = { ...blueskyPost(), title: 'Free coins at evil.com/win and https://x.example @victim.bsky.social #scam on Bluesky' };
    await shareNext(store, capture, { workspaceId: 'ws_1', now: MONDAY_0800_CET });
    const [post] = validRows(await store.posts.list());
    expect(post!.text).toBe('Free coins at and scam on Bluesky\nhttps://bsky.app/profile/pfrazee.com/post/3kvwfzfrq3c2u');
    // The clip keeps what the page said; only the words sent unseen are made inert.
    expect(validRows(await store.clips.list())[0]!.title).toBe(capture.title);
  });

  it('Undo takes the shared post out of the queue and away, the clip back to new; not when too late, and not what the publisher holds', async () => {
    const { brand } = await addAccounts();
    const shared = await shareNext(store, blueskyPost(), { workspaceId: 'ws_1', now: MONDAY_0800_CET });
    expect(await undoShareNext(store, shared.postId!, MONDAY_0800_CET + 60_000)).toEqual({ message: 'Undone: nothing was queued.' });
    expect(validRows(await store.posts.list())).toEqual([]);
    expect(validRows(await store.deliveries.list())).toEqual([]);
    expect(validRows(await store.clips.list())[0]).toMatchObject({ status: 'new' });

    const again = await shareNext(store, blueskyPost(), { workspaceId: 'ws_1', now: MONDAY_0800_CET });
    expect(await undoShareNext(store, again.postId!, MONDAY_0800_CET + UNDO_WINDOW_MS + 1)).toEqual({ message: TOO_LATE_TO_UNDO });
    const claimed = validRows(await store.deliveries.list()).find((d) => d.accountId === brand.id);
    await store.deliveries.put({ ...claimed!, state: 'publishing', lease: { owner: 'worker', until: MONDAY_0800_CET + 120_000 } });
    expect((await undoShareNext(store, again.postId!, MONDAY_0800_CET + 1_000)).message).toBe(
      'Taken out of the queue for @brand (it waits as a draft); not for @brand.bsky.social: Cadence is already sending it there. Look at the Calendar in Cadence.',
    );
    expect(
      validRows(await store.deliveries.list())
        .map((d) => d.state)
        .sort(),
    ).toEqual(['draft', 'publishing']);
    expect(await undoShareNext(store, 'post_unknown', MONDAY_0800_CET)).toEqual({ message: TOO_LATE_TO_UNDO });
  });

  it('inertTitle leaves ordinary titles as they were', () => {
    expect(inertTitle('Paul Frazee 🦋 on Bluesky')).toBe('Paul Frazee 🦋 on Bluesky');
    expect(inertTitle('Node.js 22 is out: what’s new, v8 12.4 and more')).toBe('Node.js 22 is out: what’s new, v8 12.4 and more');
    expect(inertTitle('Mail me@home.com #1 fan')).toBe('Mail 1 fan');
    expect(inertTitle('Ana (@ana.bsky.social) says: read example.org.')).toBe('Ana says: read');
  });

  it('gives the next share the next free slots, with the date once it is a week out', async () => {
    await addAccounts();
    await shareNext(store, blueskyPost(), { workspaceId: 'ws_1', now: MONDAY_0800_CET });
    const second = await shareNext(store, makeCapture({ title: 'Another read' }), { workspaceId: 'ws_1', now: MONDAY_0800_CET });
    expect(second.message).toBe('Queued for Thu 09:00 on @brand.bsky.social and Wed 2 Apr 14:30 on @brand.');
    expect(await store.posts.count()).toBe(2);
    expect(await store.deliveries.count()).toBe(4);
  });

  it('pressed again for the same post, queues nothing more and says where it already is', async () => {
    await addAccounts();
    await shareNext(store, blueskyPost(), { workspaceId: 'ws_1', now: MONDAY_0800_CET });
    const again = await shareNext(store, blueskyPost(), { workspaceId: 'ws_1', now: MONDAY_0800_CET + 60_000 });
    expect(again.message).toBe('Already queued for Tue 09:00 on @brand.bsky.social and Wed 14:30 on @brand.');
    expect(again.queued).toEqual([]);
    expect(await store.posts.count()).toBe(1);
    expect(await store.deliveries.count()).toBe(2);
  });

  it('without a posting schedule keeps the clip, writes no post and says what to do', async () => {
    await store.accounts.put(makeAccount({ handle: 'brand.bsky.social', schedule: [] }));
    const result = await shareNext(store, blueskyPost(), { workspaceId: 'ws_1', now: MONDAY_0800_CET });
    expect(result).toMatchObject({ postId: null, queued: [], message: NO_SCHEDULE });
    expect(NO_SCHEDULE).toContain('add a posting schedule in Settings first');
    expect(validRows(await store.clips.list())).toMatchObject([{ id: result.clipId, status: 'new' }]);
    expect(await store.posts.count()).toBe(0);
    expect(await store.deliveries.count()).toBe(0);
  });

  it('without accounts says so; a disconnected account is named, not queued', async () => {
    expect((await shareNext(store, blueskyPost(), { workspaceId: 'ws_1', now: MONDAY_0800_CET })).message).toBe(NO_ACCOUNT);
    await store.accounts.put(makeAccount({ handle: 'old.bsky.social', status: 'disconnected', schedule: [{ weekday: 2, time: '09:00' }] }));
    expect((await shareNext(store, blueskyPost(), { workspaceId: 'ws_1', now: MONDAY_0800_CET })).message).toBe(
      'Clipped, not queued: reconnect @old.bsky.social in Settings first.',
    );
    await store.accounts.put(makeAccount({ handle: 'live.bsky.social', createdAt: 5, schedule: [{ weekday: 2, time: '10:00' }] }));
    const result = await shareNext(store, blueskyPost(), { workspaceId: 'ws_1', now: MONDAY_0800_CET });
    expect(result.message).toBe('Queued for Tue 10:00 on @live.bsky.social. Not on @old.bsky.social: reconnect first.');
    expect(await store.clips.count()).toBe(1); // the same post, clipped three times, is one clip
  });

  it('only uses the accounts of the active workspace', async () => {
    await store.workspaces.put(makeWorkspace({ id: 'ws_2' }));
    await store.accounts.put(makeAccount({ workspaceId: 'ws_2', schedule: [{ weekday: 2, time: '09:00' }] }));
    const result = await shareNext(store, blueskyPost(), { workspaceId: 'ws_1', now: MONDAY_0800_CET });
    expect(result.message).toBe(NO_ACCOUNT);
  });
});
