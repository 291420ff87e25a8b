import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, NetworkError, RateLimitedError, ValidationError } from '../../../lib/errors';
import type { Credential } from '../../../lib/model';
import { createAdapter, type NetworkAdapter, type PublishInput, type RemoteRef } from '../../../lib/networks';
import { authorizeUrl, connectMastodon, createPkce, exchangeCode, registerApp } from '../../../lib/networks/mastodon/connect';
import { createMastodonAdapter, type MastodonOptions } from '../../../lib/networks/mastodon';
import { startMastodonServer, type InstanceConfig, type MastodonServer } from '../../harness/mastodon-server';
import { makeAccount } from '../../unit/factories';

const REDIRECT = 'https://cadence.extension.test/mastodon';
/** A real 1×1 PNG. */
const PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
);
const fast: MastodonOptions = { sleep: () => Promise.resolve(), timeoutMs: 2_000 };

const servers: MastodonServer[] = [];
async function serve(options: Partial<InstanceConfig> = {}): Promise<MastodonServer> {
  const server = await startMastodonServer(options);
  servers.push(server);
  return server;
}
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

type Secret = Extract<Credential['secret'], { kind: 'oauth' }>;

/** The whole connect flow, as the background glue will run it, with the authorize page auto-approved. */
async function connect(server: MastodonServer, username: string) {
  server.approveAs(username);
  const app = await registerApp(server.url, REDIRECT, { fetch });
  const pkce = await createPkce();
  const state = crypto.randomUUID();
  const page = await fetch(
    authorizeUrl({ server: server.url, clientId: app.clientId, redirectUri: REDIRECT, challenge: pkce.challenge, state }),
    { redirect: 'manual' },
  );
  expect(page.status).toBe(302);
  const back = new URL(page.headers.get('location')!);
  expect(back.origin + back.pathname).toBe(REDIRECT);
  expect(back.searchParams.get('state')).toBe(state);
  const token = await exchangeCode(
    { server: server.url, ...app, code: back.searchParams.get('code')!, verifier: pkce.verifier, redirectUri: REDIRECT },
    { fetch },
  );
  return connectMastodon({ server: server.url, accessToken: token.accessToken, scope: token.scope, ...app }, { fetch, now: Date.now });
}

function adapterFor(connected: { secret: Secret; profile: { remoteId: string } }, options: MastodonOptions = fast): NetworkAdapter {
  let secret: Credential['secret'] = connected.secret;
  const account = makeAccount({ network: 'mastodon', remoteId: connected.profile.remoteId, serverUrl: connected.secret.server });
  const vault = { load: async () => secret, save: async (next: Credential['secret']) => void (secret = next) };
  return createMastodonAdapter({ account, vault, fetch, now: Date.now }, options);
}

function input(overrides: Partial<PublishInput> = {}): PublishInput {
  return {
    parts: [{ text: 'Hello', media: [], link: null }],
    lang: 'en',
    idempotencyKey: crypto.randomUUID(),
    rkey: null,
    done: [],
    replyTo: null,
    scheduledAt: null,
    ...overrides,
  };
}

async function postAs(server: MastodonServer, token: string, params: Record<string, unknown>) {
  const response = await fetch(`${server.url}/api/v1/statuses`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(params),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { id: string };
}

describe('connecting a Mastodon account', () => {
  it('registers an app, exchanges a PKCE code, verifies the account and reads its limits from the server', async () => {
    const server = await serve({ maxCharacters: 1000, charactersPerUrl: 30, maxMediaAttachments: 6, imageSizeLimit: 10_000_000 });
    const connected = await connect(server, 'brand');
    expect(connected.serverUrl).toBe(server.url);
    expect(connected.profile).toMatchObject({
      handle: `brand@${new URL(server.url).host}`,
      displayName: 'Brand',
      followers: 3,
      following: 5,
    });
    expect(connected.limits).toEqual({ maxCharacters: 1000, charactersPerUrl: 30, maxImages: 6, maxImageBytes: 10_000_000 });
    expect(connected.secret).toMatchObject({ kind: 'oauth', server: server.url, scope: 'read write' });
    const registration = server.requests.find((request) => request.path === '/api/v1/apps');
    expect(registration).toBeDefined();
  });

  it('refuses a code exchanged with the wrong verifier, and the code cannot be reused', async () => {
    const server = await serve();
    server.approveAs('brand');
    const app = await registerApp(server.url, REDIRECT, { fetch });
    const pkce = await createPkce();
    const page = await fetch(
      authorizeUrl({ server: server.url, clientId: app.clientId, redirectUri: REDIRECT, challenge: pkce.challenge, state: 's' }),
      { redirect: 'manual' },
    );
    const code = new URL(page.headers.get('location')!).searchParams.get('code')!;
    const attempt = (verifier: string) => exchangeCode({ server: server.url, ...app, code, verifier, redirectUri: REDIRECT }, { fetch });
    await expect(attempt((await createPkce()).verifier)).rejects.toThrow(AuthError);
    await expect(attempt(pkce.verifier)).rejects.toThrow(/refused the sign-in: invalid_grant/);
  });

  it('falls back to /api/v1/instance on an older server', async () => {
    const server = await serve({ hasV2: false, maxCharacters: 640 });
    const connected = await connect(server, 'brand');
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
    const connected = await connect(server, 'brand');
    brand = adapterFor(connected);
    brandId = connected.profile.remoteId;
  });
  const ownStatuses = () => server.state.visibleStatuses().filter((status) => status.accountId === brandId);

  it('is the adapter the registry builds for a Mastodon account', async () => {
    const connected = await connect(server, 'brand');
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
    expect(again).toEqual({ parts: resumed.parts, certain: true });
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
    const connected = await connect(busy, 'busy');
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
    await expect(brand.publish(input({ scheduledAt: Date.now() + 60_000 }))).rejects.toThrow(
      /refused the post: Validation failed: Scheduled at/,
    );
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
    server = await serve();
    brand = adapterFor(await connect(server, 'brand'));
    fanToken = server.createAccount('fan').token;
  });

  it('fetches every new mention across pages, none missed or twice; an idle poll costs one request', async () => {
    for (let i = 0; i < 45; i++) await postAs(server, fanToken, { status: `@brand early ${i}` });
    const first = await brand.notifications(null);
    expect(first.requests).toBe(1);
    expect(first.items).toHaveLength(40); // only the newest page on the very first poll
    expect(first.items.at(-1)!.post.text).toBe('@brand early 44');

    const sent: string[] = [];
    for (let i = 0; i < 170; i++) {
      const text = `@brand wave ${i}`;
      const status = await postAs(server, fanToken, { status: text });
      sent.push(text);
      // Likes are notifications too, but not the inbox's: types[] leaves them out.
      if (i % 50 === 0)
        await fetch(`${server.url}/api/v1/statuses/${status.id}/favourite`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${fanToken}` },
        });
    }
    const before = server.requests.length;
    const next = await brand.notifications(first.cursor);
    expect(next.items.map((item) => item.post.text)).toEqual(sent);
    expect(new Set(next.items.map((item) => item.remoteId)).size).toBe(170);
    expect(next.requests).toBe(3); // 80 + 80 + 10
    expect(server.requests.length - before).toBe(3);
    expect(next.items.every((item) => item.kind === 'mention' && item.post.author.handle === `fan@${new URL(server.url).host}`)).toBe(true);

    const idle = await brand.notifications(next.cursor);
    expect(idle).toEqual({ items: [], cursor: next.cursor, requests: 1 });

    await brand.markSeen(next.cursor!, Date.now());
    const brandId = server.state.accountByName('brand')!.id;
    expect(server.state.markers.get(brandId)?.lastReadId).toBe(next.cursor);
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
    const adapter = adapterFor(await connect(old, 'brand'));
    const { parts } = await adapter.publish(input({ parts: [{ text: 'counted', media: [], link: null }] }));
    const counts = await adapter.metrics([...parts, { id: '1', url: '', cid: null }]);
    expect(counts.get(parts[0]!.id)).toMatchObject({ likes: 0, reposts: 0, replies: 0 });
    expect(old.requests.filter((request) => request.path.startsWith('/api/v1/statuses/')).length).toBe(2);
  });
});

describe('Mastodon errors', () => {
  let server: MastodonServer;
  let connected: Awaited<ReturnType<typeof connect>>;
  beforeAll(async () => {
    server = await serve({ maxBodyBytes: 2_000, maxCharacters: 20 });
    connected = await connect(server, 'brand');
  });

  it('a revoked token is an AuthError that says to reconnect', async () => {
    const other = await connect(server, 'brand');
    server.revoke(other.secret.accessToken);
    const failure = adapterFor(other).publish(input());
    await expect(failure).rejects.toThrow(AuthError);
    await expect(adapterFor(other).profile()).rejects.toThrow(
      /signed this account out of 127\.0\.0\.1:\d+ \(The access token was revoked\)\. Reconnect it/,
    );
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
    const goneAccount = await connect(gone, 'brand');
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
      adapterFor(connected).publish(
        input({ parts: [{ text: 'pic', media: [{ bytes: big, mime: 'image/png', alt: 'x', width: 1, height: 1 }], link: null }] }),
      ),
    ).rejects.toThrow(`The image is too large for ${host}.`);
  });
});
