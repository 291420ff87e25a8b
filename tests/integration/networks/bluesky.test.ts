import { AppBskyEmbedExternal, AppBskyEmbedImages, AppBskyFeedDefs, AtpAgent, RichText } from '@atproto/api';
import sharp from 'sharp';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { AuthError, NetworkError, RateLimitedError, ValidationError } from '../../../lib/errors';
import type { Credential } from '../../../lib/model';
import { connectBluesky, createBlueskyAdapter } from '../../../lib/networks/bluesky';
import { createAdapter } from '../../../lib/networks';
import { newTid, threadRkey } from '../../../lib/networks/tid';
import type { CredentialVault, Fetch, NetworkAdapter, PublishInput, RemoteNotification, RemoteRef } from '../../../lib/networks/types';
import { makeAccount } from '../../unit/factories';
import { createAccount, pollUntil, processAll } from '../support';

type Secret = Credential['secret'];

/** The vault as the background keeps it, in memory here: what was saved is what loads. */
function memoryVault(secret: Secret) {
  const saved: Secret[] = [];
  let current = secret;
  const vault: CredentialVault = {
    load: async () => current,
    save: async (next) => {
      current = next;
      saved.push(next);
    },
  };
  return { vault, saved, current: () => current };
}

/** A fetch that counts requests and can be told to fail the next matching one. */
function faultyFetch() {
  const state = { requests: 0, fault: null as null | ((url: string) => Response | Error | null) };
  const wrapped: Fetch = async (input, init) => {
    state.requests++;
    const url = input instanceof Request ? input.url : String(input);
    const injected = state.fault?.(url);
    if (injected instanceof Error) throw injected;
    if (injected) return injected;
    return fetch(input, init);
  };
  return { fetch: wrapped, state };
}

const passwordOf = (agent: AtpAgent) => `${agent.session!.handle.replace(/\.test$/, '')}-password`;
const bytes = (text: string) => new TextEncoder().encode(text).length;

async function png(width: number, height: number, color: string): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background: color } })
      .png()
      .toBuffer(),
  );
}

function input(parts: PublishInput['parts'], overrides: Partial<PublishInput> = {}): PublishInput {
  return { parts, lang: 'en', idempotencyKey: 'k', rkey: newTid(Date.now()), done: [], replyTo: null, scheduledAt: null, ...overrides };
}
const text = (value: string) => ({ text: value, media: [], link: null });

async function connect(agent: AtpAgent) {
  const net = faultyFetch();
  const connected = await connectBluesky(
    { service: inject('pdsUrl'), identifier: agent.session!.handle, password: passwordOf(agent) },
    { fetch: net.fetch, now: Date.now },
  );
  const memory = memoryVault(connected.secret);
  const account = makeAccount({ network: 'bluesky', handle: connected.profile.handle, remoteId: connected.profile.remoteId });
  const adapter = createAdapter({ account, vault: memory.vault, fetch: net.fetch, now: Date.now });
  return { connected, memory, net, adapter, account };
}

/** Reads go to the AppView, through a third account's PDS (which proxies app.bsky.* reads). */
let reader: AtpAgent;
async function postView(uri: string): Promise<AppBskyFeedDefs.PostView> {
  // processAll is not a perfect barrier for a brand-new account's first posts: poll briefly.
  return pollUntil(async () => (await reader.app.bsky.feed.getPosts({ uris: [uri] })).data.posts[0]);
}

describe('the Bluesky adapter against a real local network', () => {
  let brandAgent: AtpAgent;
  let fan: AtpAgent;
  let other: AtpAgent;
  let brand: Awaited<ReturnType<typeof connect>>;

  beforeAll(async () => {
    brandAgent = await createAccount('brand');
    fan = await createAccount('fan');
    other = await createAccount('other');
    reader = await createAccount('reader');
    brand = await connect(brandAgent);
  });

  describe('connect', () => {
    it('signs in with handle and app password and reads the profile', async () => {
      expect(brand.connected.profile).toMatchObject({ remoteId: brandAgent.session!.did, handle: brandAgent.session!.handle });
      expect(brand.connected.secret).toMatchObject({ kind: 'atproto-session', did: brandAgent.session!.did, service: new URL(inject('pdsUrl')).origin });
      expect(brand.connected.serverUrl).toBe(new URL(inject('pdsUrl')).origin);
      // The AppView indexes a brand-new account shortly after it is created, and processAll is no
      // barrier for that (connect copes: profileOrBare); wait for it as for a first post.
      await processAll();
      const notIndexedYet = (error: unknown) => {
        if (/profile not found/i.test(String(error))) return null;
        throw error;
      };
      expect(await pollUntil(() => brand.adapter.profile().catch(notIndexedYet))).toMatchObject({ handle: brandAgent.session!.handle, followers: 0 });
    });

    it('says plainly when the password is wrong, the server unreachable or the address malformed', async () => {
      const deps = { fetch, now: Date.now };
      const wrong = connectBluesky({ service: inject('pdsUrl'), identifier: brandAgent.session!.handle, password: 'nope' }, deps);
      await expect(wrong).rejects.toThrow(AuthError);
      await expect(wrong).rejects.toThrow(/did not accept that handle and app password/);
      await expect(connectBluesky({ service: 'http://127.0.0.1:1', identifier: 'a.test', password: 'x' }, deps)).rejects.toThrow(NetworkError);
      await expect(connectBluesky({ service: 'http://exa mple', identifier: 'a.test', password: 'x' }, deps)).rejects.toThrow(ValidationError);
      await expect(connectBluesky({ service: 'http://example.com', identifier: 'a.test', password: 'x' }, deps)).rejects.toThrow(/https/);
    });
  });

  describe('publish', () => {
    it('writes text with facets at the right byte ranges, after emoji and CJK, with langs', async () => {
      const fanHandle = fan.session!.handle;
      const body = `日本語のお知らせ 🎉👩‍👩‍👧 hello @${fanHandle} read https://example.com/launch?x=1 #CadenceLaunch`;
      const result = await brand.adapter.publish(input([text(body)], { lang: 'ja' }));
      expect(result.serverScheduled).toBe(false);
      const [part] = result.parts;
      expect(part!.url).toBe(`https://bsky.app/profile/${brandAgent.session!.handle}/post/${part!.id.split('/').pop()}`);

      await processAll();
      const view = await postView(part!.id);
      const record = view.record as {
        text: string;
        langs: string[];
        facets: { index: { byteStart: number; byteEnd: number }; features: Record<string, string>[] }[];
      };
      expect(record.text).toBe(body);
      expect(record.langs).toEqual(['ja']);
      const at = (s: string) => ({ byteStart: bytes(body.slice(0, body.indexOf(s))), byteEnd: bytes(body.slice(0, body.indexOf(s))) + bytes(s) });
      expect(record.facets).toEqual([
        { index: at(`@${fanHandle}`), features: [{ $type: 'app.bsky.richtext.facet#mention', did: fan.session!.did }] },
        { index: at('https://example.com/launch?x=1'), features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/launch?x=1' }] },
        { index: at('#CadenceLaunch'), features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'CadenceLaunch' }] },
      ]);
      // The facets agree with @atproto/api's own detection.
      const reference = new RichText({ text: body });
      await reference.detectFacets(fan);
      expect(reference.facets?.map((f) => f.index)).toEqual(record.facets.map((f) => f.index));
    });

    it('attaches two images with alt text and aspect ratio', async () => {
      const media = [
        { bytes: await png(40, 20, '#ff0000'), mime: 'image/png', alt: 'A red banner', width: 40, height: 20 },
        { bytes: await png(10, 30, '#0000ff'), mime: 'image/png', alt: 'A blue pillar', width: null, height: null },
      ];
      const { parts } = await brand.adapter.publish(input([{ text: 'Two colours', media, link: null }]));
      await processAll();
      const view = await postView(parts[0]!.id);
      expect(AppBskyEmbedImages.isView(view.embed)).toBe(true);
      const images = (view.embed as AppBskyEmbedImages.View).images;
      expect(images.map((image) => image.alt)).toEqual(['A red banner', 'A blue pillar']);
      expect(images[0]!.aspectRatio).toEqual({ width: 40, height: 20 });
      expect(images[1]!.aspectRatio).toBeUndefined();
      expect(images[0]!.fullsize).toMatch(/^http/);
    });

    it('attaches a link card with a thumbnail', async () => {
      const link = {
        url: 'https://example.com/article',
        title: 'An article',
        description: 'What it says',
        thumb: { bytes: await png(30, 16, '#00aa00'), mime: 'image/png' },
      };
      const { parts } = await brand.adapter.publish(input([{ text: 'Worth a read', media: [], link }]));
      await processAll();
      const view = await postView(parts[0]!.id);
      expect(AppBskyEmbedExternal.isView(view.embed)).toBe(true);
      const { external } = view.embed as AppBskyEmbedExternal.View;
      expect(external).toMatchObject({ uri: link.url, title: link.title, description: link.description });
      expect(external.thumb).toMatch(/^http/);
    });

    it('publishes a thread, each part replying to the one before with part 0 as root, and reports each part', async () => {
      const reported: [number, RemoteRef][] = [];
      const request = input([text('Thread 1/3'), text('Thread 2/3'), text('Thread 3/3')], {
        onPart: async (index, ref) => void reported.push([index, ref]),
      });
      const { parts } = await brand.adapter.publish(request);
      expect(parts).toHaveLength(3);
      expect(reported).toEqual(parts.map((ref, index) => [index, ref]));
      expect(parts.map((ref) => ref.id.split('/').pop())).toEqual([0, 1, 2].map((i) => threadRkey(request.rkey!, i)));

      await processAll();
      // processAll is not a complete barrier for the AppView's thread view: poll, as the product does.
      const data = await pollUntil(() =>
        reader.getPostThread({ uri: parts[2]!.id }).then(
          (r) => r.data,
          () => null,
        ),
      );
      const last = data.thread as AppBskyFeedDefs.ThreadViewPost;
      const record = last.post.record as { text: string; reply: { root: { uri: string; cid: string }; parent: { uri: string; cid: string } } };
      expect(record.text).toBe('Thread 3/3');
      expect(record.reply.parent).toEqual({ uri: parts[1]!.id, cid: parts[1]!.cid });
      expect(record.reply.root).toEqual({ uri: parts[0]!.id, cid: parts[0]!.cid });
      expect(((last.parent as AppBskyFeedDefs.ThreadViewPost).parent as AppBskyFeedDefs.ThreadViewPost).post.uri).toBe(parts[0]!.id);

      const flattened = await brand.adapter.thread(parts[1]!);
      expect(flattened.map((post) => post.text)).toEqual(['Thread 1/3', 'Thread 2/3', 'Thread 3/3']);
      expect(flattened[1]!.inReplyTo?.id).toBe(parts[0]!.id);
    });

    it('resumes after the parts already done and answers a given post', async () => {
      const { parts: target } = await fan.post({ text: 'Question for the brand?' }).then((r) => ({ parts: [{ id: r.uri, url: '', cid: r.cid }] }));
      const request = input([text('Answer 1'), text('Answer 2')], { replyTo: { parent: target[0]!, root: target[0]! } });
      const first = await brand.adapter.reconcile({ ...request, since: 0 });
      expect(first).toEqual({ parts: [], certain: true });

      // A crash after part 0: the next attempt gets it in `done` and writes only part 1.
      const partial = await brand.adapter.publish({ ...request, parts: request.parts.slice(0, 1) });
      const resumed = await brand.adapter.publish({ ...request, done: partial.parts });
      expect(resumed.parts[0]).toEqual(partial.parts[0]);
      expect(await brand.adapter.reconcile({ ...request, since: 0 })).toEqual({ parts: resumed.parts, certain: true });

      await processAll();
      const answer1 = (await postView(resumed.parts[0]!.id)).record as { reply: { parent: { uri: string }; root: { uri: string } } };
      const answer2 = (await postView(resumed.parts[1]!.id)).record as { reply: { parent: { uri: string }; root: { uri: string } } };
      expect(answer1.reply).toMatchObject({ parent: { uri: target[0]!.id }, root: { uri: target[0]!.id } });
      expect(answer2.reply).toMatchObject({ parent: { uri: resumed.parts[0]!.id }, root: { uri: target[0]!.id } });
    });

    it('never makes a second post when the same input is published again (as after a crash)', async () => {
      const request = input([text('Exactly once'), text('and its second part')]);
      const first = await brand.adapter.publish(request);
      const again = await brand.adapter.publish({ ...request, done: [] });
      expect(again.parts).toEqual(first.parts);
      const { data } = await brandAgent.com.atproto.repo.listRecords({ repo: brandAgent.session!.did, collection: 'app.bsky.feed.post', limit: 100 });
      expect(data.records.filter((r) => (r.value as { text: string }).text === 'Exactly once')).toHaveLength(1);
      expect(data.records.filter((r) => (r.value as { text: string }).text === 'and its second part')).toHaveLength(1);
    });

    it('refuses a post without a record key, too many images and an oversized image, before any request', async () => {
      const before = brand.net.state.requests;
      await expect(brand.adapter.publish(input([text('x')], { rkey: null }))).rejects.toThrow(ValidationError);
      const image = { bytes: new Uint8Array(10), mime: 'image/png', alt: '', width: null, height: null };
      await expect(brand.adapter.publish(input([{ text: 'x', media: Array(5).fill(image), link: null }]))).rejects.toThrow(/takes 4/);
      const huge = { ...image, bytes: new Uint8Array(1_000_001) };
      await expect(brand.adapter.publish(input([{ text: 'x', media: [huge], link: null }]))).rejects.toThrow(/1,000 KB/);
      expect(brand.net.state.requests).toBe(before);
    });

    it('removes a post', async () => {
      const { parts } = await brand.adapter.publish(input([text('Cancelled')]));
      await brand.adapter.remove(parts[0]!);
      expect(
        await brand.adapter.reconcile({ parts: [text('Cancelled')], idempotencyKey: 'k', rkey: parts[0]!.id.split('/').pop()!, done: [], since: 0 }),
      ).toEqual({
        parts: [],
        certain: true,
      });
    });
  });

  describe('session', () => {
    it('refreshes an access token that stopped working and saves the new tokens in the vault', async () => {
      const secret = brand.memory.current();
      if (secret.kind !== 'atproto-session') throw new Error('expected an atproto session');
      const memory = memoryVault({ ...secret, accessJwt: `${secret.accessJwt.slice(0, -4)}AAAA` });
      const adapter = createBlueskyAdapter({ account: brand.account, vault: memory.vault, fetch, now: Date.now });
      const { parts } = await adapter.publish(input([text('After a refresh')]));
      expect(parts[0]!.id).toContain(brandAgent.session!.did);
      expect(memory.saved).toHaveLength(1);
      const saved = memory.current();
      expect(saved.kind === 'atproto-session' && saved.accessJwt !== secret.accessJwt && saved.refreshJwt !== secret.refreshJwt).toBe(true);
      // A second post uses the saved token: no second refresh.
      await adapter.publish(input([text('No log-in per post')]));
      expect(memory.saved).toHaveLength(1);
      // A sign-in the server revoked (signed out elsewhere) cannot be refreshed: AuthError, in words.
      const other = await connectBluesky(
        { service: inject('pdsUrl'), identifier: brandAgent.session!.handle, password: passwordOf(brandAgent) },
        { fetch, now: Date.now },
      );
      await new AtpAgent({ service: inject('pdsUrl') }).com.atproto.server.deleteSession(undefined, {
        headers: { authorization: `Bearer ${other.secret.refreshJwt}` },
      });
      const revoked = createBlueskyAdapter({
        account: brand.account,
        vault: memoryVault({ ...other.secret, accessJwt: 'not-a-token' }).vault,
        fetch,
        now: Date.now,
      });
      await expect(revoked.profile()).rejects.toThrow(new AuthError('Bluesky signed this account out. Reconnect it in Settings.'));
      // Keep the brand adapter on the live tokens for the rest of the file.
      await brand.memory.vault.save(saved);
      brand.adapter = createBlueskyAdapter({ account: brand.account, vault: brand.memory.vault, fetch: brand.net.fetch, now: Date.now });
    });
  });

  describe('inbox', () => {
    it('picks up each mention, reply and quote exactly once, and a quiet poll costs one request', async () => {
      const start = await brand.adapter.notifications(null);
      const own = await brand.adapter.publish(input([text('Our announcement')]));
      const ours = own.parts[0]!;
      const handle = brandAgent.session!.handle;

      const mention = new RichText({ text: `Hey @${handle} look at this` });
      await mention.detectFacets(fan);
      const mentionPost = await fan.post({ text: mention.text, facets: mention.facets });
      const replyPost = await fan.post({ text: 'Nice one', reply: { root: { uri: ours.id, cid: ours.cid! }, parent: { uri: ours.id, cid: ours.cid! } } });
      // Poll as the product does, carrying the cursor; nothing may come twice or be missed.
      const seen: RemoteNotification[] = [];
      let cursor = start.cursor;
      const poll = async () => {
        const page = await brand.adapter.notifications(cursor);
        cursor = page.cursor;
        seen.push(...page.items);
      };
      await pollUntil(async () => (await poll(), seen.length >= 2));
      const quotePost = await other.post({ text: 'Quoting this', embed: { $type: 'app.bsky.embed.record', record: { uri: ours.id, cid: ours.cid! } } });
      await pollUntil(async () => (await poll(), seen.length >= 3));
      await poll();

      expect(seen.map((n) => n.remoteId).sort()).toEqual([mentionPost.uri, replyPost.uri, quotePost.uri].sort());
      expect(seen.find((n) => n.remoteId === mentionPost.uri)).toMatchObject({ kind: 'mention', subject: null, post: { text: mention.text } });
      expect(seen.find((n) => n.remoteId === replyPost.uri)).toMatchObject({
        kind: 'reply',
        subject: { id: ours.id, cid: ours.cid },
        post: { inReplyTo: { id: ours.id } },
      });
      expect(seen.find((n) => n.remoteId === quotePost.uri)).toMatchObject({
        kind: 'quote',
        subject: { id: ours.id },
        post: { author: { handle: other.session!.handle } },
      });

      const before = brand.net.state.requests;
      const idle = await brand.adapter.notifications(cursor);
      expect(idle).toEqual({ items: [], cursor, requests: 1 });
      expect(brand.net.state.requests - before).toBe(1);

      await brand.adapter.markSeen({ remoteId: quotePost.uri, at: Date.now(), cursor: idle.cursor });
      await pollUntil(async () => {
        const { data } = await brandAgent.app.bsky.notification.listNotifications({ reasons: ['mention', 'reply', 'quote'] });
        return data.notifications.filter((n) => seen.some((item) => item.remoteId === n.uri)).every((n) => n.isRead);
      });
    });

    it('likes and reposts a post', async () => {
      const post = await fan.post({ text: 'Please share' });
      await brand.adapter.like({ id: post.uri, url: '', cid: post.cid });
      await brand.adapter.repost({ id: post.uri, url: '', cid: null });
      await processAll();
      // Counts settle a moment after indexing: read until they do (15 s at most).
      const view = await pollUntil(async () => {
        const seen = await postView(post.uri);
        return seen.likeCount === 1 && seen.repostCount === 1 && seen;
      }).catch(() => postView(post.uri));
      expect({ likes: view.likeCount, reposts: view.repostCount }).toEqual({ likes: 1, reposts: 1 });
    });
  });

  describe('listening and insights', () => {
    it('finds a keyword post, newest first, and only new ones after the mark', async () => {
      const word = `zebrafish${Date.now().toString(36)}`;
      await fan.post({ text: `Older note about ${word}` });
      await other.post({ text: `Newer note about ${word}` });
      await processAll();
      // The search index trails the AppView's other tables even after processAll: poll, as the product does.
      const first = await pollUntil(async () => {
        const page = await brand.adapter.search({ kind: 'keyword', text: word }, null);
        return page.items.length === 2 && page;
      });
      expect(first.items.map((post) => post.text)).toEqual([`Newer note about ${word}`, `Older note about ${word}`]);
      const idle = await brand.adapter.search({ kind: 'keyword', text: word }, first.cursor);
      expect(idle).toEqual({ items: [], cursor: first.cursor, requests: 1 });
      await fan.post({ text: `Newest note about ${word}` });
      await processAll();
      const next = await pollUntil(async () => {
        const page = await brand.adapter.search({ kind: 'keyword', text: word }, first.cursor);
        return page.items.length > 0 && page;
      });
      expect(next.items.map((post) => post.text)).toEqual([`Newest note about ${word}`]);
    });

    it('reads likes, reposts, replies and quotes for many posts at once', async () => {
      const a = (await brand.adapter.publish(input([text('Metrics A')]))).parts[0]!;
      const b = (await brand.adapter.publish(input([text('Metrics B')]))).parts[0]!;
      for (const agent of [fan, other]) {
        await agent.like(a.id, a.cid!);
        await agent.repost(a.id, a.cid!);
      }
      await fan.like(b.id, b.cid!);
      await fan.post({ text: 'reply', reply: { root: { uri: a.id, cid: a.cid! }, parent: { uri: a.id, cid: a.cid! } } });
      await other.post({ text: 'quote', embed: { $type: 'app.bsky.embed.record', record: { uri: a.id, cid: a.cid! } } });
      await processAll();
      // The AppView's counts settle a moment after indexing: read until they do (15 s at most).
      const wanted = JSON.stringify({ likes: 2, reposts: 2, replies: 1, quotes: 1 });
      const counts = await pollUntil(async () => {
        const read = await brand.adapter.metrics([a, b]);
        return JSON.stringify(read.get(a.id)) === wanted && read;
      }).catch(() => brand.adapter.metrics([a, b])); // then the assertions below say what differs
      expect(counts.get(a.id)).toEqual({ likes: 2, reposts: 2, replies: 1, quotes: 1 });
      expect(counts.get(b.id)).toEqual({ likes: 1, reposts: 0, replies: 0, quotes: 0 });
    });
  });

  describe('faults at the fetch layer', () => {
    let adapter: NetworkAdapter;
    let net: ReturnType<typeof faultyFetch>;
    beforeAll(() => {
      net = faultyFetch();
      adapter = createBlueskyAdapter({ account: brand.account, vault: brand.memory.vault, fetch: net.fetch, now: Date.now });
    });
    const once = (make: () => Response | Error) => {
      net.state.fault = (url) => {
        if (!url.includes('app.bsky.actor.getProfile')) return null;
        net.state.fault = null;
        return make();
      };
    };

    it('maps 429 with ratelimit-reset to RateLimitedError at that time', async () => {
      const reset = Math.floor(Date.now() / 1000) + 120;
      once(() => Response.json({ error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' }, { status: 429, headers: { 'ratelimit-reset': String(reset) } }));
      const error = await adapter.profile().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitedError);
      expect((error as RateLimitedError).retryAt).toBe(reset * 1000);
    });

    it('maps 500 and a failed fetch to NetworkError, and works again after', async () => {
      once(() => Response.json({ error: 'InternalServerError' }, { status: 500 }));
      await expect(adapter.profile()).rejects.toThrow(NetworkError);
      once(() => new TypeError('fetch failed'));
      await expect(adapter.profile()).rejects.toThrow(NetworkError);
      await expect(adapter.profile()).resolves.toMatchObject({ handle: brandAgent.session!.handle });
    });
  });
});
