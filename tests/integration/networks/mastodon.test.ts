import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, NetworkError, RateLimitedError, ValidationError } from '../../../lib/errors';
import { createAdapter, type NetworkAdapter, type PublishInput, type RemoteRef } from '../../../lib/networks';
import { authorizeUrl, createPkce, exchangeCode, registerApp } from '../../../lib/networks/mastodon/connect';
import { actAs, connectAs, FAST, mastodonAdapterFor, postAs, publishInput, REDIRECT } from '../../harness/mastodon/connect-account';
import { startMastodonServer, type InstanceConfig, type MastodonServer } from '../../harness/mastodon-server';
import { makeAccount } from '../../unit/factories';

/** A real 1×1 PNG. */
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
const fast = FAST;

const servers: MastodonServer[] = [];
async function serve(options: Partial<InstanceConfig> = {}): Promise<MastodonServer> {
  const server = await startMastodonServer(options);
  servers.push(server);
  return server;
}
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

const adapterFor = mastodonAdapterFor;
const input = publishInput;

describe('connecting a Mastodon account', () => {
  it('registers an app, exchanges a PKCE code, verifies the account and reads its limits from the server', async () => {
    const server = await serve({ maxCharacters: 1000, charactersPerUrl: 30, maxMediaAttachments: 6, imageSizeLimit: 10_000_000 });
    const brandId = server.createAccount('brand').account.id;
    for (const fan of ['fan1', 'fan2']) await actAs(server, server.createAccount(fan).token, `/api/v1/accounts/${brandId}/follow`);
    const connected = await connectAs(server, 'brand');
    expect(connected.serverUrl).toBe(server.url);
    expect(connected.profile).toMatchObject({
      handle: `brand@${new URL(server.url).host}`,
      displayName: 'Brand',
      followers: 2,
      following: 0,
    });
    // The test server names no api_versions.mastodon ≥ 7, so no quote posts there (issue 22).
    expect(connected.limits).toEqual({ maxCharacters: 1000, charactersPerUrl: 30, maxImages: 6, maxImageBytes: 10_000_000, quotes: false });
    expect(connected.secret).toMatchObject({ kind: 'oauth', server: server.url, scope: 'read write' });
    const registration = server.requests.find((request) => request.path === '/api/v1/apps');
    expect(registration).toBeDefined();
  });

  it('refuses a code exchanged with the wrong verifier, and the code cannot be reused', async () => {
    const server = await serve();
    server.approveAs('brand');
    const app = await registerApp(server.url, REDIRECT, { fetch });
    const pkce = await createPkce();
    const page = await fetch(authorizeUrl({ server: server.url, clientId: app.clientId, redirectUri: REDIRECT, challenge: pkce.challenge, state: 's' }), {
      redirect: 'manual',
    });
    const code = new URL(page.headers.get('location')!).searchParams.get('code')!;
    const attempt = (verifier: string) => exchangeCode({ server: server.url, ...app, code, verifier, redirectUri: REDIRECT }, { fetch });
    await expect(attempt((await createPkce()).verifier)).rejects.toThrow(AuthError);
    await expect(attempt(pkce.verifier)).rejects.toThrow(/refused the sign-in: invalid_grant/);
  });

  it('falls back to /api/v1/instance on an older server', async () => {
    const server = await serve({ hasV2: false, maxCharacters: 640 });
    const connected = await connectAs(server, 'brand');
    expect(connected.limits.maxCharacters).toBe(640);
    expect(await adapterFor(connected).limits()).toMatchObject({ maxCharacters: 640, maxImages: 4 });
  });
});

describe('publishing to Mastodon', () => {
  let server: MastodonServer;
  let brand: NetworkAdapter;
  let brandId: string;
  beforeAll(async () => {
    server = await serve();
    const connected = await connectAs(server, 'brand');
    brand = adapterFor(connected);
    brandId = connected.profile.remoteId;
  });
  const ownStatuses = () => server.state.visibleStatuses().filter((status) => status.accountId === brandId);

  it('is the adapter the registry builds for a Mastodon account', async () => {
    const connected = await connectAs(server, 'brand');
    const account = makeAccount({ network: 'mastodon', remoteId: connected.profile.remoteId });
    const adapter = createAdapter({ account, vault: { load: async () => connected.secret, save: async () => {} }, fetch, now: Date.now });
    expect(adapter.network).toBe('mastodon');
    expect((await adapter.profile()).remoteId).toBe(brandId);
  });

  it('uploads an image with its alt text, waits for processing, and posts it', async () => {
    const result = await brand.publish(
      input({
        parts: [
          {
            text: 'Our chart of the week #data',
            media: [{ bytes: PNG, mime: 'image/png', alt: 'A bar chart rising', width: 1, height: 1 }],
            link: null,
          },
        ],
      }),
    );
    expect(result.serverScheduled).toBe(false);
    const status = server.state.statuses.get(result.parts[0]!.id)!;
    expect(status.text).toBe('Our chart of the week #data');
    expect(status.language).toBe('en');
    const media = server.state.media.get(status.mediaIds[0]!)!;
    expect(media).toMatchObject({ description: 'A bar chart rising', mime: 'image/png', size: PNG.length });
    expect(server.requests.filter((request) => request.path === `/api/v1/media/${media.id}`)).toHaveLength(3); // 206, 206, 200
    expect(result.parts[0]!.url).toBe(`${server.url}/@brand/${status.id}`);
  });

  it('publishes a 3-part thread as a chain, reporting each part as it goes', async () => {
    const seen: Array<[number, string]> = [];
    const result = await brand.publish(
      input({
        parts: ['One: the news.', 'Two: the details.', 'Three: the link https://example.com/a/very/long/path/to/read'].map((text) => ({
          text,
          media: [],
          link: null,
        })),
        onPart: async (index, ref) => void seen.push([index, ref.id]),
      }),
    );
    expect(seen).toEqual(result.parts.map((ref, index) => [index, ref.id]));
    const [first, second, third] = result.parts.map((ref) => server.state.statuses.get(ref.id)!);
    expect([first!.inReplyToId, second!.inReplyToId, third!.inReplyToId]).toEqual([null, first!.id, second!.id]);
    const conversation = await brand.thread(result.parts[1]!);
    expect(conversation.map((post) => post.text)).toEqual([
      'One: the news.',
      'Two: the details.',
      'Three: the link https://example.com/a/very/long/path/to/read',
    ]);
    expect(conversation.every((post) => post.root?.id === first!.id)).toBe(true);
  });

  it('sends the same Idempotency-Key twice and gets one status', async () => {
    const before = ownStatuses().length;
    const same = input({ parts: [{ text: 'Only once, please', media: [], link: null }] });
    const first = await brand.publish(same);
    const second = await brand.publish(same);
    expect(second.parts[0]!.id).toBe(first.parts[0]!.id);
    expect(ownStatuses().length).toBe(before + 1);
  });

  it('after a crash mid-thread, reconcile finds the part that went out and publishing resumes after it', async () => {
    const since = Date.now();
    const parts = ['Crash test, part one', 'Crash test, part two @friend@elsewhere.example'].map((text) => ({
      text,
      media: [],
      link: null,
    }));
    const key = crypto.randomUUID();
    const killed = brand.publish(
      input({
        parts,
        idempotencyKey: key,
        onPart: async () => {
          throw new Error('worker killed');
        },
      }),
    );
    await expect(killed).rejects.toThrow('worker killed');
    const found = await brand.reconcile({ parts, idempotencyKey: key, rkey: null, done: [], since });
    expect(found.certain).toBe(true);
    expect(found.parts).toHaveLength(1);
    const resumed = await brand.publish(input({ parts, idempotencyKey: crypto.randomUUID(), done: found.parts }));
    expect(resumed.parts[0]!.id).toBe(found.parts[0]!.id);
    expect(server.state.statuses.get(resumed.parts[1]!.id)!.inReplyToId).toBe(found.parts[0]!.id);
    // Now both exist, and reconcile says so — even the remote mention the server shortened.
    const again = await brand.reconcile({ parts, idempotencyKey: key, rkey: null, done: [], since });
    const createdAt = Date.parse(server.state.statuses.get(resumed.parts[0]!.id)!.createdAt);
    expect(again).toEqual({ parts: resumed.parts, certain: true, publishedAt: createdAt });
  });

  it('is certain nothing went out when the listing covers the window without a match', async () => {
    const result = await brand.reconcile({
      parts: [{ text: 'never sent', media: [], link: null }],
      idempotencyKey: 'k',
      rkey: null,
      done: [],
      since: Date.now() - 60_000,
    });
    expect(result).toEqual({ parts: [], certain: true });
  });

  it('is not certain when our recent posts outnumber what the listing pages back through', async () => {
    const busy = await serve();
    const connected = await connectAs(busy, 'busy');
    const since = Date.now();
    for (let batch = 0; batch < 11; batch++) {
      await Promise.all(Array.from({ length: 40 }, (_, i) => postAs(busy, connected.secret.accessToken, { status: `busy ${batch}.${i}` })));
    }
    const result = await adapterFor(connected).reconcile({
      parts: [{ text: 'lost in the crowd', media: [], link: null }],
      idempotencyKey: 'k',
      rkey: null,
      done: [],
      since,
    });
    expect(result).toEqual({ parts: [], certain: false });
    // The newest posts are within reach, so one of those is still found, and then it is certain.
    const found = await adapterFor(connected).reconcile({
      parts: [{ text: 'busy 10.0', media: [], link: null }],
      idempotencyKey: 'k',
      rkey: null,
      done: [],
      since,
    });
    expect(found.certain).toBe(true);
    expect(found.parts).toHaveLength(1);
  });

  it('hands a post to the server with scheduled_at, then removes it', async () => {
    const at = Date.now() + 3_600_000;
    const handOff = input({ parts: [{ text: 'Tomorrow’s news', media: [], link: null }], scheduledAt: at });
    const result = await brand.publish(handOff);
    expect(result.serverScheduled).toBe(true);
    expect((await brand.publish(handOff)).parts).toEqual(result.parts); // the same Idempotency-Key: still one
    const ref = result.parts[0]!;
    expect(ref.url).toBe('');
    expect(server.state.scheduled.get(ref.id)).toMatchObject({
      scheduledAt: new Date(at).toISOString(),
      params: { text: 'Tomorrow’s news' },
    });
    await brand.remove(ref);
    expect(server.state.scheduled.has(ref.id)).toBe(false);
    await expect(brand.remove(ref)).rejects.toThrow(/no longer holds this scheduled post/);
    await expect(brand.publish(input({ scheduledAt: Date.now() + 60_000 }))).rejects.toThrow(/refused the post: Validation failed: Scheduled at/);
    await expect(
      brand.publish(
        input({
          scheduledAt: at,
          parts: [
            { text: 'a', media: [], link: null },
            { text: 'b', media: [], link: null },
          ],
        }),
      ),
    ).rejects.toThrow(/not a thread/);
  });

  it('finds a hand-off whose answer was lost among the scheduled statuses, and once published among our statuses', async () => {
    const since = Date.now();
    const at = since + 3_600_000;
    const parts = [{ text: `Handed over ${crypto.randomUUID()}`, media: [], link: null }];
    const killed = brand.publish(input({ parts, scheduledAt: at, onPart: async () => Promise.reject(new Error('worker killed')) }));
    await expect(killed).rejects.toThrow('worker killed');
    const [held] = [...server.state.scheduled.values()].filter((row) => row.params.text === parts[0]!.text);
    // The same text for another time, and the Idempotency-Key long expired: neither may mislead.
    await brand.publish(input({ parts, scheduledAt: at + 600_000 }));
    server.state.idempotency.clear();
    const ask = { parts, idempotencyKey: 'gone', rkey: null, done: [], since, replyTo: null, scheduledAt: at };

    expect(await brand.reconcile(ask)).toEqual({ parts: [{ id: held!.id, url: '', cid: null }], certain: true, serverScheduled: true });
    expect(server.requests.at(-1)!.path).toBe('/api/v1/scheduled_statuses'); // found there, nothing else asked

    const [published] = server.runScheduler(at).filter((status) => status.text === parts[0]!.text);
    const after = await brand.reconcile(ask);
    // Published by the scheduler at its time: created_at is when it went out, not when we asked.
    expect(after).toEqual({ parts: [{ id: published!.id, url: `${server.url}/@brand/${published!.id}`, cid: null }], certain: true, publishedAt: at });

    const never = await brand.reconcile({ ...ask, parts: [{ text: 'never handed over', media: [], link: null }] });
    expect(never).toEqual({ parts: [], certain: true });
  });

  it('matches a part by what answers what: the reply target of part 0', async () => {
    const since = Date.now();
    const fan = server.createAccount(`fan${Date.now()}`);
    const question = await postAs(server, fan.token, { status: 'Which roast is best?' });
    const text = `The dark one ${crypto.randomUUID()}`;
    const top = await brand.publish(input({ parts: [{ text, media: [], link: null }] }));
    const reply = await brand.publish(
      input({
        parts: [{ text, media: [], link: null }],
        replyTo: { parent: { id: question.id, url: '', cid: null }, root: { id: question.id, url: '', cid: null } },
      }),
    );
    const ask = { parts: [{ text, media: [], link: null }], idempotencyKey: 'k', rkey: null, done: [], since };
    const asReply = await brand.reconcile({
      ...ask,
      replyTo: { parent: { id: question.id, url: '', cid: null }, root: { id: question.id, url: '', cid: null } },
    });
    expect(asReply.parts.map((ref) => ref.id)).toEqual([reply.parts[0]!.id]);
    expect((await brand.reconcile({ ...ask, replyTo: null })).parts.map((ref) => ref.id)).toEqual([top.parts[0]!.id]);

    // A scheduled reply: the server renders its target as a JSON number, rounded past 2^53.
    const at = Date.now() + 7_200_000;
    const later = `Later, the dark one ${crypto.randomUUID()}`;
    const target = { parent: { id: question.id, url: '', cid: null }, root: { id: question.id, url: '', cid: null } };
    const handed = await brand.publish(input({ parts: [{ text: later, media: [], link: null }], scheduledAt: at, replyTo: target }));
    const scheduledAsk = { ...ask, parts: [{ text: later, media: [], link: null }], scheduledAt: at };
    expect(await brand.reconcile({ ...scheduledAsk, replyTo: target })).toEqual({ parts: handed.parts, certain: true, serverScheduled: true });
    expect(await brand.reconcile({ ...scheduledAsk, replyTo: null })).toEqual({ parts: [], certain: true });
    await brand.remove(handed.parts[0]!);
  });

  it('tells image-only parts apart by their images and alt text, and is uncertain when nothing tells them apart', async () => {
    const own = await serve();
    const photographer = adapterFor(await connectAs(own, 'photos'));
    const since = Date.now();
    const image = (alt: string) => ({ bytes: PNG, mime: 'image/png', alt, width: 1, height: 1 });
    const part = (text: string, ...alts: string[]) => ({ text, media: alts.map(image), link: null });
    const ask = (parts: PublishInput['parts']) => photographer.reconcile({ parts, idempotencyKey: 'k', rkey: null, done: [], since, replyTo: null });

    const sunrise = await photographer.publish(input({ parts: [part('', 'Sunrise over the bay')] }));
    expect(await ask([part('', 'Sunrise over the bay')])).toMatchObject({ parts: sunrise.parts, certain: true });
    expect(await ask([part('', 'The harbour at night')])).toMatchObject({ parts: [], certain: true });
    expect(await ask([part('', 'Sunrise over the bay', 'Second photo')])).toMatchObject({ parts: [], certain: true });
    expect(await ask([part('Sunrise over the bay')])).toMatchObject({ parts: [], certain: true }); // text is not alt text

    // No text and no alt text: any image post in the window could be it, or none.
    expect(await ask([part('', '')])).toMatchObject({ parts: [], certain: true }); // none with one image and no alt yet
    await photographer.publish(input({ parts: [part('', '')] }));
    expect(await ask([part('', '')])).toMatchObject({ parts: [], certain: false });
    expect(await ask([part('', '', '')])).toMatchObject({ parts: [], certain: true }); // two images: none posted

    // In a thread, answering our own previous part identifies an image-only part.
    const thread = await photographer.publish(input({ parts: [part('Our week in pictures'), part('', '')] }));
    expect(await ask([part('Our week in pictures'), part('', '')])).toMatchObject({ parts: thread.parts, certain: true });
  });

  it('removes a published status; removing it twice is fine', async () => {
    const { parts } = await brand.publish(input({ parts: [{ text: 'Oops', media: [], link: null }] }));
    await brand.remove(parts[0]!);
    expect(server.state.statuses.get(parts[0]!.id)!.deleted).toBe(true);
    await brand.remove(parts[0]!);
  });
});

describe('reading from Mastodon', () => {
  let server: MastodonServer;
  let brand: NetworkAdapter;
  let fanToken: string;
  beforeAll(async () => {
    server = await serve({ apiVersion: 7 }); // Mastodon 4.5: fans quote our posts
    brand = adapterFor(await connectAs(server, 'brand'));
    fanToken = server.createAccount('fan').token;
  });

  it('fetches every new mention across pages, none missed or twice; an idle poll costs one request', async () => {
    for (let i = 0; i < 45; i++) await postAs(server, fanToken, { status: `@brand early ${i}` });
    const first = await brand.notifications(null);
    expect(first.requests).toBe(2); // the newest page, and the read marker because something is new
    expect(first.items).toHaveLength(40); // only the newest page on the very first poll
    expect(first.items.at(-1)!.post.text).toBe('@brand early 44');
    expect(first.items.some((item) => item.isRead)).toBe(false); // no app has set a marker yet

    const sent: string[] = [];
    for (let i = 0; i < 170; i++) {
      const text = `@brand wave ${i}`;
      const status = await postAs(server, fanToken, { status: text });
      sent.push(text);
      // Likes are notifications too, but not the inbox's: types[] leaves them out.
      if (i % 50 === 0) await actAs(server, fanToken, `/api/v1/statuses/${status.id}/favourite`);
    }
    const before = server.requests.length;
    const next = await brand.notifications(first.cursor);
    expect(next.items.map((item) => item.post.text)).toEqual(sent);
    expect(new Set(next.items.map((item) => item.remoteId)).size).toBe(170);
    expect(next.requests).toBe(4); // 80 + 80 + 10, and the marker
    expect(server.requests.length - before).toBe(4);
    expect(next.items.every((item) => item.kind === 'mention' && item.post.author.handle === `fan@${new URL(server.url).host}`)).toBe(true);

    const idle = await brand.notifications(next.cursor);
    expect(idle).toEqual({ items: [], cursor: next.cursor, requests: 1 });

    await brand.markSeen({ remoteId: next.cursor!, at: Date.now(), cursor: next.cursor });
    const brandId = server.state.accountByName('brand')!.id;
    expect(server.state.markers.get(brandId)?.lastReadId).toBe(next.cursor);
  });

  it('an account with no notifications yet takes everything that arrives after its first poll as news', async () => {
    const quiet = adapterFor(await connectAs(server, 'quiet'));
    const empty = await quiet.notifications(null);
    expect(empty).toEqual({ items: [], cursor: '0', requests: 1 });
    for (let i = 0; i < 50; i++) await postAs(server, fanToken, { status: `@quiet hello ${i}` });
    const burst = await quiet.notifications(empty.cursor);
    expect(burst.items.map((item) => item.post.text)).toEqual(Array.from({ length: 50 }, (_, i) => `@quiet hello ${i}`));
  });

  it('marks what was read in another app as read, from the notifications marker', async () => {
    const { cursor } = await brand.notifications(null);
    for (let i = 0; i < 3; i++) await postAs(server, fanToken, { status: `@brand read test ${i}` });
    const brandId = server.state.accountByName('brand')!.id;
    const [, second] = server.state.notifications.filter((n) => n.accountId === brandId).slice(-3);
    // The user read up to the second on the web (any app's marker is the account's marker).
    await brand.markSeen({ remoteId: second!.id, at: Date.now(), cursor: null });
    const page = await brand.notifications(cursor);
    expect(page.items.map((item) => [item.post.text, item.isRead])).toEqual([
      ['@brand read test 0', true],
      ['@brand read test 1', true],
      ['@brand read test 2', false],
    ]);
    const markerReads = server.requests.filter((request) => request.path === '/api/v1/markers' && request.method === 'GET');
    expect(markerReads.at(-1)!.query.getAll('timeline[]')).toEqual(['notifications']);

    // A server from before markers (Mastodon < 3.0) answers 404: the notifications still arrive, unread.
    await postAs(server, fanToken, { status: '@brand on an old server' });
    server.fault({ kind: 'answer', status: 404, path: '/api/v1/markers', body: { error: 'Not Found' } });
    const old = await brand.notifications(page.cursor);
    expect(old.items.map((item) => [item.post.text, item.isRead])).toEqual([['@brand on an old server', false]]);
  });

  it('tells replies, direct mentions and quotes apart, with the post they answer', async () => {
    const { cursor } = await brand.notifications(null);
    const { parts } = await brand.publish(input({ parts: [{ text: 'What do you think?', media: [], link: null }] }));
    await postAs(server, fanToken, { status: '@brand love it', in_reply_to_id: parts[0]!.id });
    await postAs(server, fanToken, { status: '@brand psst', visibility: 'direct' });
    await postAs(server, fanToken, { status: 'Look at this @brand', quoted_status_id: parts[0]!.id });
    const page = await brand.notifications(cursor);
    expect(page.items.map((item) => [item.kind, item.post.text, item.subject?.id ?? null])).toEqual([
      ['reply', '@brand love it', parts[0]!.id],
      ['direct', '@brand psst', null],
      ['quote', 'Look at this @brand', parts[0]!.id],
    ]);
  });

  it('likes and boosts, listens by hashtag and keyword, and counts', async () => {
    const fanPost = await postAs(server, fanToken, { status: 'Big launch today #CadenceLaunch with the whole team' });
    const ref: RemoteRef = { id: fanPost.id, url: '', cid: null };
    await brand.like(ref);
    const boost = await brand.repost(ref);
    expect(boost.id).not.toBe(fanPost.id);

    const tagged = await brand.search({ kind: 'hashtag', text: '#cadencelaunch' }, null);
    expect(tagged.items.map((post) => post.ref.id)).toEqual([fanPost.id]);
    const idle = await brand.search({ kind: 'hashtag', text: 'cadencelaunch' }, tagged.cursor);
    expect(idle.items).toEqual([]);
    expect((await brand.search({ kind: 'keyword', text: 'launch team' }, null)).items.map((post) => post.ref.id)).toContain(fanPost.id);
    expect((await brand.search({ kind: 'phrase', text: 'launch team' }, null)).items).toEqual([]);
    await expect(brand.search({ kind: 'hashtag', text: '#no spaces' }, null)).rejects.toThrow(ValidationError);

    const counts = await brand.metrics([ref, { id: '1', url: '', cid: null }]);
    expect(counts.get(fanPost.id)).toMatchObject({ likes: 1, reposts: 1, replies: 0 });
    expect(counts.has('1')).toBe(false);

    const profile = await brand.profile();
    expect(profile.posts).toBe(server.state.visibleStatuses().filter((s) => s.accountId === profile.remoteId).length);
  });

  it('counts one status at a time on a server without GET /api/v1/statuses?id[]=', async () => {
    const old = await serve({ hasBatchStatuses: false });
    const adapter = adapterFor(await connectAs(old, 'brand'));
    const { parts } = await adapter.publish(input({ parts: [{ text: 'counted', media: [], link: null }] }));
    const counts = await adapter.metrics([...parts, { id: '1', url: '', cid: null }]);
    expect(counts.get(parts[0]!.id)).toMatchObject({ likes: 0, reposts: 0, replies: 0 });
    expect(old.requests.filter((request) => request.path.startsWith('/api/v1/statuses/')).length).toBe(2);
  });
});

describe('Mastodon errors', () => {
  let server: MastodonServer;
  let connected: Awaited<ReturnType<typeof connectAs>>;
  beforeAll(async () => {
    server = await serve({ maxBodyBytes: 2_000, maxCharacters: 20 });
    connected = await connectAs(server, 'brand');
  });

  it('a revoked token is an AuthError that says to reconnect', async () => {
    const other = await connectAs(server, 'brand');
    server.revoke(other.secret.accessToken);
    const failure = adapterFor(other).publish(input());
    await expect(failure).rejects.toThrow(AuthError);
    await expect(adapterFor(other).profile()).rejects.toThrow(/signed this account out of 127\.0\.0\.1:\d+ \(The access token was revoked\)\. Reconnect it/);
  });

  it('429 is a RateLimitedError retrying at X-RateLimit-Reset, or after Retry-After', async () => {
    const reset = new Date(Date.now() + 300_000);
    reset.setMilliseconds(0);
    server.fault({
      kind: 'answer',
      status: 429,
      path: '/api/v1/statuses',
      headers: { 'X-RateLimit-Limit': '300', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset.toISOString() },
      body: { error: 'Too many requests' },
    });
    const limited = await adapterFor(connected)
      .publish(input())
      .catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAt).toBe(reset.getTime());

    server.fault({ kind: 'answer', status: 429, path: '/api/v1/notifications', headers: { 'Retry-After': '120' } });
    const started = Date.now();
    const later = await adapterFor(connected)
      .notifications(null)
      .catch((error: unknown) => error);
    expect(later).toBeInstanceOf(RateLimitedError);
    expect((later as RateLimitedError).retryAt).toBeGreaterThanOrEqual(started + 120_000);
  });

  it('5xx, a hang and an unreachable server are NetworkErrors', async () => {
    server.fault({ kind: 'answer', status: 503, path: '/api/v1/statuses' });
    await expect(adapterFor(connected).publish(input())).rejects.toThrow(NetworkError);
    server.fault({ kind: 'hang', path: '/api/v1/statuses' });
    await expect(adapterFor(connected, { ...fast, timeoutMs: 300 }).publish(input())).rejects.toThrow(/did not answer within/);
    const gone = await serve();
    const goneAccount = await connectAs(gone, 'brand');
    await gone.close();
    await expect(adapterFor(goneAccount).profile()).rejects.toThrow(/Could not reach 127\.0\.0\.1/);
  });

  it('422 and 413 are ValidationErrors naming the server and its reason', async () => {
    const host = new URL(server.url).host;
    await expect(
      adapterFor(connected).publish(input({ parts: [{ text: 'This text is far longer than twenty characters', media: [], link: null }] })),
    ).rejects.toThrow(`${host} refused the post: Validation failed: Text character limit of 20 exceeded`);
    const big = new Uint8Array(5_000);
    await expect(
      adapterFor(connected).publish(input({ parts: [{ text: 'pic', media: [{ bytes: big, mime: 'image/png', alt: 'x', width: 1, height: 1 }], link: null }] })),
    ).rejects.toThrow(`The image is too large for ${host}.`);
  });
});
