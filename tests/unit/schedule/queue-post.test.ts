import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import type { Account, Delivery, Post } from '@/lib/model';
import { addToQueue, reschedule, saveDraft, savePost, scheduleAt } from '@/lib/schedule/queue-post';
import { openStore, validRows, type Store } from '@/lib/store';
import { makeAccount, makeDelivery, makePost, makeWorkspace } from '../factories';

const at = (isoUtc: string) => Date.parse(isoUtc);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const MONDAY_0800_CET = at('2025-03-24T07:00:00Z');

let store: Store;
let bluesky: Account;
let mastodon: Account;

beforeEach(async () => {
  store = await openStore();
  await store.workspaces.put(makeWorkspace({ id: 'ws_1', timeZone: 'Europe/Berlin' }));
  bluesky = await store.accounts.put(
    makeAccount({
      schedule: [
        { weekday: 1, time: '09:00' },
        { weekday: 3, time: '14:30' },
      ],
    }),
  );
  mastodon = await store.accounts.put(
    makeAccount({ network: 'mastodon', handle: 'ada@mastodon.social', publishMode: 'reminder', schedule: [{ weekday: 2, time: '10:00' }] }),
  );
  return () => store.close();
});

const newPost = (overrides: Partial<Post> = {}) => savePost(store, makePost(overrides));
const allDeliveries = async () => validRows(await store.deliveries.list());

describe('addToQueue', () => {
  it("puts one scheduled delivery per account in that account's next free slot", async () => {
    const post = await newPost();
    const placed = await addToQueue(store, { postId: post.id, accountIds: [bluesky.id, mastodon.id], now: MONDAY_0800_CET });
    expect(placed.map((d) => [d.accountId, iso(d.dueAt), d.state, d.method])).toEqual([
      [bluesky.id, '2025-03-24T08:00:00.000Z', 'scheduled', 'api'], // Mon 09:00 CET
      [mastodon.id, '2025-03-25T09:00:00.000Z', 'scheduled', 'reminder'], // Tue 10:00 CET; reminder mode
    ]);
    expect(placed.every((d) => d.attempt === 0 && d.rkey === null && d.network === (d.accountId === bluesky.id ? 'bluesky' : 'mastodon'))).toBe(true);
    expect(new Set(placed.map((d) => d.idempotencyKey)).size).toBe(2);
    expect(await allDeliveries()).toHaveLength(2);
  });

  it('gives two posts queued in a row consecutive slots', async () => {
    const first = await newPost();
    const second = await newPost();
    await addToQueue(store, { postId: first.id, accountIds: [bluesky.id], now: MONDAY_0800_CET });
    const [next] = await addToQueue(store, { postId: second.id, accountIds: [bluesky.id], now: MONDAY_0800_CET });
    expect(iso(next!.dueAt)).toBe('2025-03-26T13:30:00.000Z'); // Wed 14:30 CET
  });

  it('frees the slot of a published, failed or cancelled post, but not of a held one', async () => {
    const monday = at('2025-03-24T08:00:00Z');
    for (const state of ['published', 'failed', 'cancelled'] as const) {
      await store.deliveries.put(makeDelivery({ accountId: bluesky.id, dueAt: monday, state }));
    }
    const post = await newPost();
    const [placed] = await addToQueue(store, { postId: post.id, accountIds: [bluesky.id], now: MONDAY_0800_CET });
    expect(placed!.dueAt).toBe(monday);
    await store.deliveries.update(placed!.id, (d) => d && { ...d, state: 'held' });
    const [after] = await addToQueue(store, { postId: (await newPost()).id, accountIds: [bluesky.id], now: MONDAY_0800_CET });
    expect(iso(after!.dueAt)).toBe('2025-03-26T13:30:00.000Z');
  });

  it('keeps 09:00 Berlin wall time across the March DST change', async () => {
    const fridayBefore = at('2025-03-28T12:00:00Z');
    const posts = [await newPost(), await newPost(), await newPost()];
    const times: (string | null)[] = [];
    for (const post of posts) {
      const [placed] = await addToQueue(store, { postId: post.id, accountIds: [bluesky.id], now: fridayBefore });
      times.push(iso(placed!.dueAt));
    }
    expect(times).toEqual([
      '2025-03-31T07:00:00.000Z', // Mon 09:00 CEST (UTC+2)
      '2025-04-02T12:30:00.000Z', // Wed 14:30 CEST
      '2025-04-07T07:00:00.000Z',
    ]);
  });

  it('refuses an account without a schedule and writes nothing for any account', async () => {
    const bare = await store.accounts.put(makeAccount({ handle: 'bare.bsky.social' }));
    const post = await newPost();
    const attempt = addToQueue(store, { postId: post.id, accountIds: [bluesky.id, bare.id], now: MONDAY_0800_CET });
    await expect(attempt).rejects.toThrow('Add a posting schedule to @bare.bsky.social in Settings first');
    await expect(attempt).rejects.toMatchObject({ code: 'validation' });
    expect(await allDeliveries()).toEqual([]);
  });

  it('turns draft deliveries into the scheduled ones and refuses to queue a post twice', async () => {
    const post = await newPost();
    const drafts = await saveDraft(store, { postId: post.id, accountIds: [bluesky.id, mastodon.id], now: 1 });
    expect(drafts.map((d) => [d.state, d.dueAt])).toEqual([
      ['draft', null],
      ['draft', null],
    ]);
    await saveDraft(store, { postId: post.id, accountIds: [bluesky.id], now: 2 }); // mastodon unchosen
    const [placed] = await addToQueue(store, { postId: post.id, accountIds: [bluesky.id], now: MONDAY_0800_CET });
    expect(placed!.id).toBe(drafts[0]!.id);
    expect((await allDeliveries()).map((d) => d.state)).toEqual(['scheduled']);
    await expect(addToQueue(store, { postId: post.id, accountIds: [bluesky.id], now: MONDAY_0800_CET })).rejects.toThrow(/already scheduled/);
  });

  it('refuses accounts of another workspace and an empty choice', async () => {
    const other = await store.accounts.put(makeAccount({ workspaceId: 'ws_other', schedule: [{ weekday: 1, time: '09:00' }] }));
    const post = await newPost();
    await expect(addToQueue(store, { postId: post.id, accountIds: [other.id], now: 0 })).rejects.toMatchObject({ code: 'not-found' });
    await expect(addToQueue(store, { postId: post.id, accountIds: [], now: 0 })).rejects.toMatchObject({ code: 'validation' });
  });
});

describe('scheduleAt', () => {
  it('schedules every chosen account at the same instant, and only in the future', async () => {
    const post = await newPost();
    const when = at('2025-04-01T15:00:00Z');
    const placed = await scheduleAt(store, { postId: post.id, accountIds: [bluesky.id, mastodon.id], at: when, now: MONDAY_0800_CET });
    expect(placed.map((d) => d.dueAt)).toEqual([when, when]);
    const later = await newPost();
    await expect(scheduleAt(store, { postId: later.id, accountIds: [bluesky.id], at: 5, now: 10 })).rejects.toThrow('Pick a time in the future');
  });

  it('moves a post already scheduled to the new instant, and adds an account ticked since (issue 17)', async () => {
    const post = await newPost();
    const [first] = await scheduleAt(store, { postId: post.id, accountIds: [bluesky.id], at: at('2025-04-01T15:00:00Z'), now: MONDAY_0800_CET });
    const when = at('2025-04-01T16:45:00Z');
    const placed = await scheduleAt(store, { postId: post.id, accountIds: [bluesky.id, mastodon.id], at: when, now: MONDAY_0800_CET });
    expect(placed.map((d) => [d.accountId, d.state, d.dueAt])).toEqual([
      [bluesky.id, 'scheduled', when],
      [mastodon.id, 'scheduled', when],
    ]);
    expect(placed[0]!.id).toBe(first!.id);
    expect(await allDeliveries()).toHaveLength(2);
  });

  it('refuses, writing nothing, when one account’s delivery cannot move: going out, or with the Mastodon server', async () => {
    const post = await newPost();
    const when = at('2025-04-01T16:45:00Z');
    await store.deliveries.put(makeDelivery({ postId: post.id, accountId: bluesky.id, state: 'publishing', dueAt: 1000 }));
    await expect(scheduleAt(store, { postId: post.id, accountIds: [mastodon.id, bluesky.id], at: when, now: MONDAY_0800_CET })).rejects.toThrow(
      `This post is publishing on @${bluesky.handle}, so it cannot move now.`,
    );
    expect((await allDeliveries()).map((d) => d.accountId)).toEqual([bluesky.id]);
    const handedOff = await newPost();
    await store.deliveries.put(
      makeDelivery({ postId: handedOff.id, accountId: mastodon.id, network: 'mastodon', method: 'server-scheduled', state: 'scheduled', dueAt: 5000 }),
    );
    await expect(scheduleAt(store, { postId: handedOff.id, accountIds: [mastodon.id], at: when, now: MONDAY_0800_CET })).rejects.toThrow(
      /Unschedule it on the Calendar first/,
    );
  });
});

describe('reschedule', () => {
  const put = (overrides: Partial<Delivery>) => store.deliveries.put(makeDelivery({ accountId: bluesky.id, ...overrides }));
  const target = at('2025-04-02T07:00:00Z');

  it('moves a scheduled delivery', async () => {
    const delivery = await put({ state: 'scheduled' });
    const moved = await reschedule(store, delivery.id, target, MONDAY_0800_CET);
    expect(moved).toMatchObject({ state: 'scheduled', dueAt: target, updatedAt: MONDAY_0800_CET });
    expect(await store.deliveries.get(delivery.id)).toMatchObject({ ok: true, value: { dueAt: target } });
  });

  it('restarts a failed or held delivery as scheduled, keeping its idempotency key', async () => {
    for (const state of ['failed', 'held'] as const) {
      const delivery = await put({ state, attempt: 3, nextAttemptAt: 99, idempotencyKey: `key-${state}` });
      const moved = await reschedule(store, delivery.id, target, MONDAY_0800_CET);
      expect(moved).toMatchObject({ state: 'scheduled', attempt: 0, nextAttemptAt: null, idempotencyKey: `key-${state}` });
    }
  });

  it('refuses deliveries that are on their way out or done, past times and missing rows', async () => {
    for (const state of ['publishing', 'retrying', 'published', 'draft', 'cancelled', 'awaiting-confirmation'] as const) {
      const delivery = await put({ state, dueAt: 1000 });
      await expect(reschedule(store, delivery.id, target, MONDAY_0800_CET)).rejects.toThrow(`A ${state} post cannot be moved`);
      expect(await store.deliveries.get(delivery.id)).toMatchObject({ value: { state, dueAt: 1000 } });
    }
    const scheduled = await put({ state: 'scheduled' });
    await expect(reschedule(store, scheduled.id, MONDAY_0800_CET - 1, MONDAY_0800_CET)).rejects.toBeInstanceOf(AppError);
    await expect(reschedule(store, 'dlv_missing', target, MONDAY_0800_CET)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses to move a post the Mastodon server holds, and leaves it as it was', async () => {
    const handedOff = await put({ state: 'scheduled', method: 'server-scheduled', network: 'mastodon', dueAt: 5000 });
    await expect(reschedule(store, handedOff.id, target, MONDAY_0800_CET)).rejects.toThrow('scheduled on the Mastodon server');
    expect(await store.deliveries.get(handedOff.id)).toMatchObject({ value: { dueAt: 5000, method: 'server-scheduled' } });
  });
});

describe('savePost: the words of a post on its way stay as they are', () => {
  const handedOff = (post: Post, overrides: Partial<Delivery> = {}) =>
    store.deliveries.put(
      makeDelivery({
        postId: post.id,
        accountId: mastodon.id,
        network: 'mastodon',
        method: 'server-scheduled',
        state: 'scheduled',
        dueAt: MONDAY_0800_CET,
        remote: { id: '77', url: '', cid: null },
        ...overrides,
      }),
    );

  it('refuses new words while Mastodon’s scheduler holds the post, and until the lookup has found the status it became', async () => {
    const post = await newPost({ text: 'As handed off' });
    const delivery = await handedOff(post);
    await expect(savePost(store, { ...post, text: 'Changed' })).rejects.toThrow('This post is with your Mastodon server’s scheduler, which takes no changes.');
    await expect(savePost(store, { ...post, variants: [{ accountId: mastodon.id, text: 'Other words', thread: [] }] })).rejects.toThrow(/scheduler/);
    // Out, but not found yet: still locked (the lookup matches these words).
    await store.deliveries.put({ ...delivery, state: 'published', publishedAt: MONDAY_0800_CET });
    await expect(savePost(store, { ...post, text: 'Changed' })).rejects.toThrow(/scheduler/);
    expect(((await store.posts.get(post.id)) as { value: Post }).value.text).toBe('As handed off');
    // Found: the words may change again (what went out is on the network).
    await store.deliveries.put({
      ...delivery,
      state: 'published',
      publishedAt: MONDAY_0800_CET,
      remote: { id: '78', url: 'https://mastodon.social/@ada/78', cid: null },
    });
    expect((await savePost(store, { ...post, text: 'Changed' })).text).toBe('Changed');
  });

  it('refuses new words while a delivery is publishing, but labels, recycling and the same words save', async () => {
    const post = await newPost({ text: 'Going out' });
    await store.deliveries.put(makeDelivery({ postId: post.id, accountId: bluesky.id, state: 'publishing', dueAt: MONDAY_0800_CET }));
    await expect(savePost(store, { ...post, text: 'Too late' })).rejects.toThrow('This post is going out right now');
    const labelled = await savePost(store, { ...post, campaign: 'Spring', pillar: 'News', evergreenDays: 30, updatedAt: post.updatedAt + 1 });
    expect(labelled).toMatchObject({ text: 'Going out', campaign: 'Spring', evergreenDays: 30 });
  });

  it('a scheduled, failed or cancelled hand-off of another kind locks nothing, and a new post always saves', async () => {
    const post = await newPost({ text: 'Queued' });
    await store.deliveries.put(makeDelivery({ postId: post.id, accountId: bluesky.id, state: 'scheduled', dueAt: MONDAY_0800_CET }));
    await handedOff(post, { state: 'cancelled' });
    expect((await savePost(store, { ...post, text: 'Edited before it goes' })).text).toBe('Edited before it goes');
  });
});
