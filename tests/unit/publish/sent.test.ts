import { beforeEach, describe, expect, it } from 'vitest';
import { loadCalendar, loadChipWords } from '@/components/data/calendar';
import { postText, publishedPosts } from '@/lib/analytics/published';
import { deliverySchema, type Delivery, type Post } from '@/lib/model';
import { outgoingParts } from '@/lib/compose/post-draft';
import { confirmPosted } from '@/lib/publish/actions';
import { partsToMatch, shareText } from '@/lib/publish/build-input';
import { handOff } from '@/lib/publish/hand-off';
import { publishDue } from '@/lib/publish/publish-due';
import { followUpId } from '@/lib/publish/recycle';
import { FIRST_LOOKUP_DELAY_MS } from '@/lib/publish/resolve-hand-off';
import { partsFromPost, recordSent, shownWords } from '@/lib/publish/sent';
import { publishedNote } from '@/lib/schedule/edit-lock';
import { savePost } from '@/lib/schedule/queue-post';
import { openStore, type Store } from '@/lib/store';
import { makeDelivery, makePost } from '../factories';
import { T0, addAccount, makeWorld, reload, schedule } from './harness';

let store: Store;
beforeEach(async () => {
  store = await openStore();
  return () => store.close();
});

const DAY = 24 * 3_600_000;
const card = { url: 'https://example.com/roast', title: 'Roast', description: 'About the roast', imageUrl: null };
const texts = (delivery: Delivery) => delivery.sent?.parts.map((part) => part.text);

async function loadPostRow(id: string): Promise<Post> {
  const row = await store.posts.get(id);
  if (!row?.ok) throw new Error(`post ${id} is gone`);
  return row.value;
}

/** Edits the post's words through the same save Compose uses, which refuses them while locked. */
async function editWords(postId: string, change: (post: Post) => Partial<Post>): Promise<Post> {
  const post = await loadPostRow(postId);
  return savePost(store, { ...post, ...change(post), updatedAt: post.updatedAt + 1 });
}

describe('a published delivery records what it sent', () => {
  it('one post: its exact text and its link card', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store);
    const delivery = await schedule(store, account, T0, { text: 'New roast, out now  ✨ ', link: card });
    await publishDue(world.deps());
    const after = await reload(store, delivery.id);
    expect(after.state).toBe('published');
    expect(after.sent).toEqual({ parts: [{ text: 'New roast, out now  ✨ ', alts: [], link: card.url, media: [] }] });
    expect([...world.network.records.values()].map((r) => r.text)).toEqual(texts(after));
  });

  it('UTM tags go out on the links as Compose previews them, and reconcile, reminders and the record read the same words', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store);
    const utm = { enabled: true, medium: 'social', campaign: 'autumn' };
    const text = 'Out now: https://example.com/roast?id=3 and more';
    const delivery = await schedule(store, account, T0, {
      text,
      utm,
      variants: [{ accountId: account.id, text: null, thread: ['Also https://example.com/beans'] }],
    });
    const post = await loadPostRow(delivery.postId);
    const tagged = outgoingParts(post, account);
    expect(tagged[0]).toBe('Out now: https://example.com/roast?id=3&utm_source=bluesky&utm_medium=social&utm_campaign=autumn and more');
    expect(tagged[1]).toContain('https://example.com/beans?utm_source=bluesky');
    await publishDue(world.deps());
    const after = await reload(store, delivery.id);
    expect(after.state).toBe('published');
    expect([...world.network.records.values()].map((r) => r.text)).toEqual(tagged);
    expect(texts(after)).toEqual(tagged);
    expect(partsToMatch(post, account).map((part) => part.text)).toEqual(tagged);
    expect(shareText(post, account)).toBe(tagged.join('\n\n'));
    // Off: the words as written.
    expect(outgoingParts({ ...post, utm: { ...utm, enabled: false } }, account)[0]).toBe(text);
  });

  it("a thread of three: each part, from the account's own variant", async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store);
    const delivery = await schedule(store, account, T0, {
      text: 'shared',
      variants: [{ accountId: account.id, text: 'one', thread: ['two', 'three'] }],
    });
    await publishDue(world.deps());
    const after = await reload(store, delivery.id);
    expect(after.parts).toHaveLength(3);
    expect(after.sent?.parts).toEqual([
      { text: 'one', alts: [], link: null, media: [] },
      { text: 'two', alts: [], link: null, media: [] },
      { text: 'three', alts: [], link: null, media: [] },
    ]);
    expect([...world.network.records.values()].sort((a, b) => a.index - b.index).map((r) => r.text)).toEqual(['one', 'two', 'three']);
  });

  it('a thread that failed half way and was edited while it waited keeps the words its first part went out with', async () => {
    let creates = 0;
    const world = await makeWorld(store, { fault: ({ kind }) => (kind === 'create' && ++creates === 2 ? '500' : 'none') });
    const account = await addAccount(store);
    const delivery = await schedule(store, account, T0, { variants: [{ accountId: account.id, text: 'first, old', thread: ['second, old', 'third, old'] }] });
    await publishDue(world.deps());
    const waiting = await reload(store, delivery.id);
    expect(waiting.state).toBe('retrying');
    expect(texts(waiting)).toEqual(['first, old']);

    // Not locked while it waits to retry (edit-lock.ts): the rest of the thread goes out as edited.
    await editWords(delivery.postId, () => ({ variants: [{ accountId: account.id, text: 'first, new', thread: ['second, new', 'third, new'] }] }));
    world.clock.now = waiting.nextAttemptAt!;
    await publishDue(world.deps());
    const after = await reload(store, delivery.id);
    expect(after.state).toBe('published');
    expect(texts(after)).toEqual(['first, old', 'second, new', 'third, new']);
    expect([...world.network.records.values()].sort((a, b) => a.index - b.index).map((r) => r.text)).toEqual(texts(after));
  });

  it('a reminder records the text its share page was filled with when the user confirms', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store, { network: 'linkedin', publishMode: 'reminder' });
    const delivery = await schedule(store, account, T0, { variants: [{ accountId: account.id, text: 'Hiring!', thread: ['Apply by Friday.'] }] });
    await publishDue(world.deps());
    const confirmed = await confirmPosted(store, delivery.id, T0 + 60_000);
    expect(confirmed.sent).toEqual({ parts: [{ text: 'Hiring!\n\nApply by Friday.', alts: [], link: null, media: [] }] });
  });

  it('a Mastodon hand-off records what the server holds, and keeps it once the server publishes it', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store, { network: 'mastodon' });
    const due = T0 + 3_600_000;
    const delivery = await schedule(store, account, due, { text: 'Held by the server' });
    const handed = await handOff(world.deps(), delivery.id);
    expect(texts(handed)).toEqual(['Held by the server']);
    world.clock.now = due;
    await publishDue(world.deps());
    world.network.runScheduler(due);
    world.clock.now = due + FIRST_LOOKUP_DELAY_MS;
    await publishDue(world.deps());
    const resolved = await reload(store, delivery.id);
    expect(resolved.remote?.url).not.toBe('');
    expect(texts(resolved)).toEqual(['Held by the server']);
  });
});

describe('after the post is edited', () => {
  it('the published round shows what it sent, the next evergreen round the new words, on the calendar and in Insights', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store);
    const published = await schedule(store, account, T0, { text: 'Round one', evergreenDays: 7 });
    await publishDue(world.deps());
    const followUp = await reload(store, await followUpId(published.id));
    expect(followUp.state).toBe('scheduled');

    // Editing a post whose deliveries went out stays allowed: evergreen relies on it.
    const post = await editWords(published.postId, () => ({ text: 'Round two' }));
    const sent = await reload(store, published.id);
    expect(shownWords(sent, post)).toEqual({ parts: ['Round one'], isSent: true, isEditedSince: true, media: [], editedAt: null });
    expect(shownWords(followUp, post)).toEqual({ parts: ['Round two'], isSent: false, isEditedSince: false, media: null, editedAt: null });

    const calendar = await loadChipWords(store, (await loadCalendar(store, T0 - DAY, T0 + 10 * DAY)).deliveries);
    expect(calendar.words[published.id]).toEqual({ text: 'Round one', isEditedSince: true });
    expect(calendar.words[followUp.id]).toEqual({ text: 'Round two', isEditedSince: false });

    const [item, ...others] = publishedPosts([sent, followUp], [post], [], { from: T0 - DAY, to: T0 + 10 * DAY });
    expect(others).toEqual([]);
    expect(postText(item!)).toBe('Round one');
  });

  it('an unchanged post is not called edited, and Compose says published rounds keep their words', async () => {
    const world = await makeWorld(store);
    const account = await addAccount(store);
    const delivery = await schedule(store, account, T0, { text: 'Same words', link: card });
    await publishDue(world.deps());
    const after = await reload(store, delivery.id);
    const post = await loadPostRow(delivery.postId);
    expect(shownWords(after, post).isEditedSince).toBe(false);
    expect(await editWords(delivery.postId, () => ({ link: { ...card, url: 'https://example.com/other' } }))).toBeTruthy();
    expect(shownWords(after, await loadPostRow(delivery.postId)).isEditedSince).toBe(true);
    expect(publishedNote([after])).toMatch(/went out once already\. Those posts keep the words they were sent with/);
    expect(publishedNote([{ ...after, state: 'scheduled' }])).toBeNull();
  });
});

describe('rows written before `sent` was kept', () => {
  it('parse with sent null and show the post as it is now', () => {
    const { sent: _, ...old } = makeDelivery({ state: 'published', publishedAt: T0 });
    const row = deliverySchema.parse(old);
    expect(row.sent).toBeNull();
    expect(shownWords(row, makePost({ text: 'What the post says' }))).toEqual({
      parts: ['What the post says'],
      isSent: false,
      isEditedSince: false,
      media: null,
      editedAt: null,
    });
  });

  it('a delivery that is not published shows the post even when a record exists (a hand-off still held)', () => {
    const row = makeDelivery({ state: 'scheduled', sent: { parts: [{ text: 'held', alts: [], link: null }] } });
    expect(shownWords(row, makePost({ text: 'the post' })).parts).toEqual(['the post']);
  });
});

describe('partsFromPost and recordSent', () => {
  it('puts the images’ alt texts and the link card on the first part only', () => {
    const media = [
      { id: 'm1', src: 'blob:a', alt: 'A cup', mime: 'image/png', width: 10, height: 10, bytes: 100 },
      { id: 'm2', src: 'blob:b', alt: '', mime: 'image/png', width: 10, height: 10, bytes: 100 },
    ];
    const post = makePost({ text: 'one', variants: [{ accountId: 'acct_1', text: null, thread: ['two'] }], media, link: card });
    expect(partsFromPost(post, { accountId: 'acct_1', network: 'bluesky', method: 'api' })).toEqual([
      {
        text: 'one',
        alts: ['A cup', ''],
        link: card.url,
        media: [
          { src: 'blob:a', alt: 'A cup', mime: 'image/png' },
          { src: 'blob:b', alt: '', mime: 'image/png' },
        ],
      },
      { text: 'two', alts: [], link: null, media: [] },
    ]);
  });

  it('keeps the parts already recorded and adds the rest', () => {
    const old = { parts: [{ text: 'old', alts: [], link: null }] };
    const now = [
      { text: 'new 0', alts: [], link: null },
      { text: 'new 1', alts: [], link: null },
    ];
    expect(recordSent(old, now).parts.map((p) => p.text)).toEqual(['old', 'new 1']);
    expect(recordSent(old, now, 2, 0).parts.map((p) => p.text)).toEqual(['new 0', 'new 1']); // part 0 sent again: this attempt's
    expect(recordSent(null, now, 1).parts.map((p) => p.text)).toEqual(['new 0']);
  });
});
