import { describe, expect, it } from 'vitest';
import { audienceLine, mentionsIn, replyPrefill, type ReplyParent } from '@/lib/engage/reply-audience';
import { sendReply } from '@/lib/engage/reply';
import { createEngageService } from '@/lib/engage/service';
import type { HandlerContext } from '@/lib/messaging';
import { replyVisibility, type InboxItem } from '@/lib/model';
import { openStore, validRows } from '@/lib/store';
import { makeAccount } from '../factories';
import { createFakePorts } from '../fake-ports';
import { createFakeNetwork } from './fake-adapter';

/** Issue 18, hole 2: a reply never widens the audience of what it answers. */
const panel: HandlerContext = { from: 'extension', tabId: null };
const ref = { id: '110000000000000123', url: 'https://masto.test/@fan/110000000000000123', cid: null };
const time = 1_800_000_000_000;

const mastodonParent = (over: Partial<ReplyParent> = {}): ReplyParent => ({
  network: 'mastodon',
  visibility: 'direct',
  replyMentions: ['fan', 'friend@elsewhere.social'],
  author: { handle: 'fan@masto.test' },
  ...over,
});

describe('the visibility of a reply', () => {
  it('is the narrower of the account default and the parent, and direct when the parent is unknown', () => {
    expect(replyVisibility('public', 'public')).toBe('public');
    expect(replyVisibility('public', 'unlisted')).toBe('unlisted');
    expect(replyVisibility('unlisted', 'public')).toBe('unlisted');
    expect(replyVisibility('private', 'public')).toBe('private');
    expect(replyVisibility('private', 'direct')).toBe('direct');
    expect(replyVisibility('direct', 'public')).toBe('direct');
    expect(replyVisibility('public', null)).toBe('public');
    expect(replyVisibility(null, 'public')).toBe('direct');
  });

  it('starts the box with the mentions Mastodon adds, and says who sees the reply for the text as it is', () => {
    expect(replyPrefill(mastodonParent())).toBe('@fan @friend@elsewhere.social ');
    // A row from before Cadence kept mentions: the author alone.
    expect(replyPrefill(mastodonParent({ replyMentions: null }))).toBe('@fan@masto.test ');
    expect(replyPrefill({ ...mastodonParent(), network: 'bluesky' })).toBe('');

    expect(audienceLine(mastodonParent(), '@fan @friend@elsewhere.social on its way')).toBe('Reply is direct: only @fan and @friend@elsewhere.social see it.');
    expect(audienceLine(mastodonParent(), '@fan on its way')).toBe('Reply is direct: only @fan sees it.');
    expect(audienceLine(mastodonParent(), 'on its way')).toMatch(/mentions no one, so no one would see it: add the @mentions back/);
    expect(audienceLine(mastodonParent({ visibility: null }), '@fan hi')).toBe(
      'Cadence does not know who could see this post (it arrived before Cadence kept that), so the reply is sent direct. Reply is direct: only @fan sees it.',
    );
    expect(audienceLine(mastodonParent({ visibility: 'private' }), '@fan hi')).toMatch(/^Reply is followers-only.*only your followers and @fan see it\.$/);
    expect(audienceLine({ ...mastodonParent(), network: 'bluesky', visibility: null }, 'hi')).toBe('Replies on Bluesky are public: anyone can see this one.');
  });

  it('finds mentions as Mastodon does: not in an e-mail address or a URL', () => {
    expect(mentionsIn('@fan hi @Friend@elsewhere.social, mail me@example.com or see https://x.test/@nobody @fan')).toEqual(['fan', 'Friend@elsewhere.social']);
  });
});

describe('replying from the inbox to a Mastodon post', () => {
  async function setUp(item: Partial<InboxItem> & Record<string, unknown>) {
    const store = await openStore();
    const account = await store.accounts.put(
      makeAccount({
        network: 'mastodon',
        handle: 'brand@masto.test',
        limits: { maxCharacters: 500, charactersPerUrl: 23, maxImages: 4, maxImageBytes: 1_000_000 },
      }),
    );
    const fake = createFakeNetwork();
    const service = createEngageService({ store: Promise.resolve(store), now: () => time, ports: createFakePorts().ports }, { adapterFor: () => fake.adapter });
    const row = {
      v: 1,
      id: `${account.id}:n1`,
      accountId: account.id,
      workspaceId: account.workspaceId,
      network: 'mastodon',
      kind: 'direct',
      remoteId: 'n1',
      url: ref.url,
      author: { handle: 'fan@masto.test', displayName: 'Fan', avatarUrl: null, remoteId: '7' },
      text: '@brand psst',
      inReplyTo: null,
      createdAt: time,
      receivedAt: time,
      isRead: false,
      state: 'open',
      snoozedUntil: null,
      labels: [],
      repliedAt: null,
      ref,
      root: ref,
      subject: null,
      replyDeliveryId: null,
      likedAt: null,
      repostedAt: null,
      ...item,
    };
    await store.db.put('inbox', row); // raw, as any version of Cadence may have stored it
    const send = (text: string) =>
      service.handlers!['inbox.reply']!({ accountId: account.id, text, replyTo: { parent: ref, root: ref }, inboxItemId: row.id, streamResultId: null }, panel);
    return { store, account, fake, send };
  }

  it('sends a reply to a direct mention as direct, whatever the panel sends', async () => {
    const { store, fake, send } = await setUp({ visibility: 'direct', replyMentions: ['fan'] });
    await send('@fan sure, DM me the order number');
    expect(fake.calls.publish[0]!.replyTo).toEqual({ parent: ref, root: ref, visibility: 'direct' });
    expect(validRows(await store.posts.list())[0]!.replyTo).toEqual({ parent: ref, root: ref, visibility: 'direct' });
    store.close();
  });

  it('answers a row stored before Cadence kept the visibility as direct (unknown is never public)', async () => {
    const { store, fake, send } = await setUp({});
    await send('@fan thanks!');
    expect(fake.calls.publish[0]!.replyTo?.visibility).toBeNull();
    store.close();
  });

  it('refuses a direct reply that mentions no one, with what to do, and sends nothing', async () => {
    const { store, fake, send } = await setUp({ visibility: 'direct', replyMentions: ['fan'] });
    await expect(send('thanks!')).rejects.toThrow('a direct reply reaches only the people it mentions: add their @mentions, then send again.');
    expect(fake.calls.publish).toEqual([]);
    store.close();
  });

  it('keeps a followers-only parent as the reply ceiling', async () => {
    const { store, fake, send } = await setUp({ visibility: 'private', replyMentions: ['fan'] });
    await send('thanks!');
    expect(fake.calls.publish[0]!.replyTo?.visibility).toBe('private');
    store.close();
  });

  it('a reply written by hand with no stored row to go by is direct on Mastodon', async () => {
    const { store, account, fake } = await setUp({});
    await expect(
      sendReply(
        { store, now: () => time, adapterFor: () => fake.adapter },
        { accountId: account.id, text: 'hi', replyTo: { parent: ref, root: ref }, retryOf: null },
      ),
    ).rejects.toThrow('sent direct');
    store.close();
  });
});
