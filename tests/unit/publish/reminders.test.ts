import { beforeEach, describe, expect, it } from 'vitest';
import { confirmPosted, snooze } from '@/lib/publish/actions';
import { publishDue } from '@/lib/publish/publish-due';
import { reminderUrl } from '@/lib/publish/reminder-flow';
import { firstLink, shareUrl } from '@/lib/publish/reminders';
import { openStore, type Store } from '@/lib/store';
import { T0, addAccount, makeWorld, reload, schedule } from './harness';

describe('share pages', () => {
  const text = 'New post: café & co https://example.com/a?b=1 #news';
  it('prefills X, LinkedIn and Threads with the text, encoded', () => {
    const q = encodeURIComponent(text);
    expect(shareUrl('x', text)).toBe(`https://x.com/intent/post?text=${q}`);
    expect(shareUrl('linkedin', text)).toBe(`https://www.linkedin.com/feed/?shareActive=true&text=${q}`);
    expect(shareUrl('threads', text)).toBe(`https://www.threads.net/intent/post?text=${q}`);
    expect(new URL(shareUrl('x', text)).searchParams.get('text')).toBe(text);
  });
  it("gives Facebook the post's first link (or the link card's), and the home page when there is none", () => {
    expect(shareUrl('facebook', text)).toBe('https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fexample.com%2Fa%3Fb%3D1');
    expect(shareUrl('facebook', 'no link', { link: 'https://card.example/' })).toBe(
      'https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fcard.example%2F',
    );
    expect(shareUrl('facebook', 'no link here')).toBe('https://www.facebook.com/');
    expect(firstLink('see https://a.example/x. Then')).toBe('https://a.example/x');
  });
  it("sends Mastodon reminders to the account's own instance", () => {
    expect(shareUrl('mastodon', 'hi', { serverUrl: 'https://fosstodon.org/' })).toBe('https://fosstodon.org/share?text=hi');
  });
});

describe('reminder publishing', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore();
    return () => store.close();
  });

  it('at the due time waits for the user and notifies; the notification opens the prefilled page', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store, { network: 'linkedin', publishMode: 'reminder', handle: 'ada' });
    const delivery = await schedule(store, account, T0, { text: 'Hiring!' });
    expect(delivery.method).toBe('reminder');
    await publishDue(world.deps());
    expect((await reload(store, delivery.id)).state).toBe('awaiting-confirmation');
    expect(world.notes).toEqual([expect.objectContaining({ id: `reminder:${delivery.id}`, kind: 'reminder', title: 'Time to post on LinkedIn as @ada' })]);
    expect(await reminderUrl(store, delivery.id)).toBe('https://www.linkedin.com/feed/?shareActive=true&text=Hiring!');
    await publishDue(world.deps());
    expect(world.notes).toHaveLength(1); // not nagged on every pass
    expect(world.network.requests).toEqual([]);
  });

  it('snoozes to later and confirms as published', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store, { network: 'x', publishMode: 'reminder' });
    const delivery = await schedule(store, account, T0);
    await publishDue(world.deps());
    expect(await snooze(store, delivery.id, 15, T0 + 60_000)).toMatchObject({ state: 'scheduled', dueAt: T0 + 16 * 60_000 });
    await expect(confirmPosted(store, delivery.id, T0)).rejects.toThrow('This post is scheduled, so it cannot be confirmed now.');
    world.clock.now = T0 + 16 * 60_000;
    await publishDue(world.deps());
    expect(await confirmPosted(store, delivery.id, T0 + 17 * 60_000)).toMatchObject({ state: 'published', publishedAt: T0 + 17 * 60_000 });
  });
});
