import { beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/errors';
import type { Account, Post } from '@/lib/model';
import { publishPostNow } from '@/lib/publish/actions';
import { checkForQueue } from '@/lib/schedule/queue-check';
import { addToQueue, saveDraft, savePost, scheduleAt } from '@/lib/schedule/queue-post';
import { openStore, validRows, type Store } from '@/lib/store';
import { makeAccount, makePost, makeWorkspace } from '../factories';

const NOW = Date.parse('2025-03-24T07:00:00Z');
const image = (alt: string) => ({ id: `med_${alt || 'none'}`, src: 'https://example.com/a.png', alt, mime: 'image/png', width: 10, height: 10, bytes: 100 });

let store: Store;
let ada: Account;
let remind: Account;

beforeEach(async () => {
  store = await openStore();
  await store.workspaces.put(makeWorkspace({ id: 'ws_1', timeZone: 'Europe/Berlin' }));
  ada = await store.accounts.put(makeAccount({ handle: 'ada.bsky.social', schedule: [{ weekday: 1, time: '09:00' }] }));
  remind = await store.accounts.put(makeAccount({ network: 'x', handle: 'ada_x', publishMode: 'reminder', schedule: [{ weekday: 1, time: '09:00' }] }));
  return () => store.close();
});

const over = (overrides: Partial<Post> = {}) => savePost(store, makePost({ text: 'a'.repeat(400), ...overrides }));

describe('checkForQueue', () => {
  it('names the account, the count and the limit of a Bluesky post over 300', () => {
    const { refusals, warnings } = checkForQueue(makePost({ text: 'a'.repeat(400) }), [ada]);
    expect(refusals).toEqual(['@ada.bsky.social: 400 characters, Bluesky allows 300 — split it into a thread or shorten it.']);
    expect(warnings).toEqual([]);
  });

  it('counts each part of a thread, and the variant the account will send', () => {
    const post = makePost({ text: 'short', variants: [{ accountId: ada.id, text: 'ok', thread: ['b'.repeat(301)] }] as Post['variants'] });
    expect(checkForQueue(post, [ada]).refusals).toEqual([
      '@ada.bsky.social (post 2 of the thread): 301 characters, Bluesky allows 300 — split it into a thread or shorten it.',
    ]);
  });

  it('refuses an image without alt text and more images than the network takes', () => {
    const post = makePost({ media: [image('a cat'), image(''), image('3'), image('4'), image('5')].map((m, i) => ({ ...m, id: `med_${i}` })) });
    expect(checkForQueue(post, [ada]).refusals).toEqual([
      '@ada.bsky.social: 5 images, Bluesky allows 4 — remove 1 or untick @ada.bsky.social.',
      '@ada.bsky.social: image 2 has no alt text, which Bluesky needs — add it first.',
    ]);
  });

  it('only warns for a reminder network: the user still edits on the share page', () => {
    // The factory's account limits are 300 characters whatever the network.
    const { refusals, warnings } = checkForQueue(makePost({ text: 'a'.repeat(301) }), [remind]);
    expect(refusals).toEqual([]);
    expect(warnings).toEqual(['@ada_x: 301 characters, X allows 300 — split it into a thread or shorten it. (you can still fix it on the share page)']);
  });
});

describe('where deliveries are written', () => {
  it('Add to queue, Schedule at and Share now refuse an over-limit post and write nothing', async () => {
    const post = await over();
    const targets = { postId: post.id, accountIds: [ada.id], now: NOW };
    await expect(addToQueue(store, targets)).rejects.toThrow('@ada.bsky.social: 400 characters, Bluesky allows 300');
    await expect(scheduleAt(store, { ...targets, at: NOW + 3_600_000 })).rejects.toBeInstanceOf(ValidationError);
    expect(validRows(await store.deliveries.list())).toEqual([]);
    const [draft] = await saveDraft(store, targets);
    await expect(publishPostNow(store, post.id, NOW)).rejects.toThrow('Bluesky allows 300');
    expect(validRows(await store.deliveries.list())).toEqual([draft]);
  });

  it('queues a reminder account over its limit', async () => {
    const post = await over({ text: 'a'.repeat(301) });
    const [placed] = await addToQueue(store, { postId: post.id, accountIds: [remind.id], now: NOW });
    expect(placed).toMatchObject({ state: 'scheduled', method: 'reminder' });
  });
});
