import 'fake-indexeddb/auto';
import { AtpAgent, RichText } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPoller } from '@/lib/engage/poller';
import { sendReply } from '@/lib/engage/reply';
import type { EngageDeps } from '@/lib/engage/deps';
import { newId, type Account } from '@/lib/model';
import { createAdapter, credentialVault } from '@/lib/networks';
import { connectBluesky } from '@/lib/networks/bluesky';
import { newTid } from '@/lib/networks/tid';
import { openStore, validRows, type Store } from '@/lib/store';
import { createAccount, pollUntil, processAll, uniq } from '../support';

/**
 * The inbox against the real local AT Protocol network: a fan (B) mentions, replies to and quotes
 * the brand (A); A's poller picks each up exactly once, across repeated polls and a restart; A
 * answers through the inbox reply path and B sees the answer; a listening stream finds a post.
 */
const now = () => Date.now();
const dbName = `engage-${uniq()}`;
let store: Store;
let brand: AtpAgent;
let fan: AtpAgent;
let account: Account;

const depsOf = (on: Store): EngageDeps => ({
  store: on,
  now,
  adapterFor: (of) => createAdapter({ account: of, vault: credentialVault(on, of.id, now), fetch, now }),
});

beforeAll(async () => {
  store = await openStore({ name: dbName });
  brand = await createAccount('brand');
  fan = await createAccount('fan');
  await processAll(); // the AppView knows both profiles before connecting reads A's
  const handle = brand.session!.handle;
  // Connecting reads the profile from the AppView, which indexes a new account shortly after.
  const connect = () =>
    connectBluesky({ service: inject('pdsUrl'), identifier: handle, password: `${handle.replace(/\.test$/, '')}-password` }, { fetch, now });
  const connected = await pollUntil(() => connect().catch(() => null));
  const at = now();
  account = await store.accounts.put({
    v: 1,
    id: newId('acct'),
    workspaceId: 'ws_1',
    network: 'bluesky',
    handle,
    displayName: connected.profile.displayName,
    avatarUrl: null,
    serverUrl: connected.serverUrl,
    remoteId: connected.profile.remoteId,
    publishMode: 'api',
    status: 'connected',
    statusReason: null,
    limits: { maxCharacters: 300, charactersPerUrl: null, maxImages: 4, maxImageBytes: 1_000_000 },
    schedule: [],
    createdAt: at,
    updatedAt: at,
  });
  await store.credentials.put({ v: 1, accountId: account.id, secret: connected.secret, updatedAt: at });
});

afterAll(() => store?.close());

describe('the inbox on a real AT Protocol network', () => {
  it('picks up a mention, a reply and a quote exactly once, links them to our post, and answers', async () => {
    // Our published post, as the publisher leaves it: a delivery pointing at the remote record.
    const adapter = depsOf(store).adapterFor(account);
    const ours = await adapter.publish({
      parts: [{ text: `Our new roast is out ${uniq()}`, media: [], link: null }],
      lang: 'en',
      idempotencyKey: 'k',
      rkey: newTid(now()),
      done: [],
      replyTo: null,
      scheduledAt: null,
    });
    const ourRef = ours.parts[0]!;
    await store.deliveries.put({
      v: 1,
      id: 'dlv_ours',
      postId: 'post_ours',
      accountId: account.id,
      workspaceId: 'ws_1',
      network: 'bluesky',
      state: 'published',
      method: 'api',
      dueAt: now(),
      attempt: 1,
      nextAttemptAt: null,
      lease: null,
      idempotencyKey: 'k',
      rkey: null,
      remote: ourRef,
      parts: [ourRef],
      sent: null,
      lastError: null,
      publishedAt: now(),
      updatedAt: now(),
    });

    const mention = new RichText({ text: `Hey @${account.handle}, where can I buy it?` });
    await mention.detectFacets(fan);
    const mentionPost = await fan.post({ text: mention.text, facets: mention.facets });
    const strong = { uri: ourRef.id, cid: ourRef.cid! };
    const replyPost = await fan.post({ text: 'Tastes great!', reply: { root: strong, parent: strong } });
    const quotePost = await fan.post({ text: 'Look at this', embed: { $type: 'app.bsky.embed.record', record: strong } });
    await processAll();

    const seen = new Map<string, number>();
    const count = (items: { remoteId: string }[]) => items.forEach((item) => seen.set(item.remoteId, (seen.get(item.remoteId) ?? 0) + 1));
    await pollUntil(async () => {
      count((await createPoller(depsOf(store)).run({ force: true })).added);
      return [mentionPost.uri, replyPost.uri, quotePost.uri].every((uri) => seen.has(uri));
    });
    count((await createPoller(depsOf(store)).run({ force: true })).added);

    // A restart: a new poller over the same database finds nothing new.
    store.close();
    store = await openStore({ name: dbName });
    count((await createPoller(depsOf(store)).run({ force: true })).added);
    expect([...seen.values()].every((times) => times === 1)).toBe(true);

    const items = validRows(await store.inbox.list());
    const byUri = (uri: string) => items.find((item) => item.remoteId === uri)!;
    expect(byUri(mentionPost.uri)).toMatchObject({ kind: 'mention', author: { handle: fan.session!.handle }, inReplyTo: null });
    expect(byUri(replyPost.uri)).toMatchObject({ kind: 'reply', text: 'Tastes great!', inReplyTo: { remoteId: ourRef.id, deliveryId: 'dlv_ours' } });
    expect(byUri(quotePost.uri)).toMatchObject({ kind: 'quote', inReplyTo: { deliveryId: 'dlv_ours' } });

    // Answer the mention through the inbox reply path; the fan sees it on the network.
    const item = byUri(mentionPost.uri);
    const delivery = await sendReply(depsOf(store), {
      accountId: account.id,
      text: `@${fan.session!.handle} at our shop, thank you!`,
      replyTo: { parent: item.ref!, root: item.root ?? item.ref! },
      retryOf: null,
    });
    expect(delivery).toMatchObject({ state: 'published' });
    await processAll();
    // processAll is not a complete barrier for a new reply's thread view: poll, as the product does.
    const replies = await pollUntil(async () => {
      const thread = await fan.getPostThread({ uri: mentionPost.uri });
      const found = (thread.data.thread as { replies?: { post: { uri: string; author: { did: string } } }[] }).replies ?? [];
      return found.some((reply) => reply.post.uri === delivery.remote!.id) && found;
    });
    expect(replies.map((reply) => reply.post.uri)).toContain(delivery.remote!.id);
    expect(replies.find((reply) => reply.post.uri === delivery.remote!.id)?.post.author.did).toBe(brand.session!.did);
  });

  it('a listening stream finds a post with its keyword, once', async () => {
    const keyword = `cadencebrew${uniq()}`;
    await store.streams.put({
      v: 1,
      id: 'st_brew',
      workspaceId: 'ws_1',
      name: 'Brew',
      kind: 'keyword',
      query: keyword,
      accountIds: [account.id],
      cursors: {},
      lastPolledAt: null,
      createdAt: now(),
    });
    const post = await fan.post({ text: `Trying ${keyword} this morning` });
    await fan.post({ text: 'Nothing to see here' });
    await processAll();
    const found = await pollUntil(async () => {
      const run = await createPoller(depsOf(store)).run({ force: true });
      return run.found.find((result) => result.ref.id === post.uri);
    });
    expect(found).toMatchObject({ streamId: 'st_brew', author: { handle: fan.session!.handle } });
    await createPoller(depsOf(store)).run({ force: true });
    expect(validRows(await store.streamResults.list()).filter((result) => result.streamId === 'st_brew')).toHaveLength(1);
  });
});
