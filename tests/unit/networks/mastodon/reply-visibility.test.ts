import { describe, expect, it } from 'vitest';
import type { Credential, Visibility } from '@/lib/model';
import { createAdapter, type PublishInput } from '@/lib/networks';
import { toNotification } from '@/lib/networks/mastodon/convert';
import { statusSchema } from '@/lib/networks/mastodon/schemas';
import { makeAccount } from '../../factories';

/** Issue 18, hole 2, at the adapter: what a Mastodon reply sends, and what a notification carries. */
const SERVER = 'https://masto.test';
const secret: Credential['secret'] = { kind: 'oauth', server: SERVER, clientId: 'c', clientSecret: 's', accessToken: 't', scope: 'read write' };
const account = (over: Record<string, unknown> = {}) => ({ id: '1', username: 'brand', acct: 'brand', display_name: 'Brand', avatar: null, ...over });
const status = (over: Record<string, unknown> = {}) => ({
  id: '200',
  uri: `${SERVER}/users/brand/statuses/200`,
  url: `${SERVER}/@brand/200`,
  created_at: '2027-01-04T10:00:00.000Z',
  account: account(),
  content: '<p>ok</p>',
  ...over,
});

/** A recording server: every status posted is answered; verify_credentials says the account's default. */
function serverWith(defaultPrivacy: string) {
  const sent: Array<{ path: string; body: Record<string, unknown> | null }> = [];
  const fetch = (async (input: URL | RequestInfo, init?: RequestInit) => {
    const url = new URL(String(input));
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : null;
    sent.push({ path: url.pathname, body });
    if (url.pathname === '/api/v1/accounts/verify_credentials') return Response.json(account({ source: { privacy: defaultPrivacy } }));
    if (url.pathname === '/api/v1/statuses') return Response.json(status({ visibility: body?.visibility ?? defaultPrivacy }));
    return new Response('{}', { status: 404 });
  }) as typeof globalThis.fetch;
  const adapter = createAdapter({
    account: makeAccount({ network: 'mastodon', remoteId: '1', serverUrl: SERVER }),
    vault: { load: async () => secret, save: async () => undefined },
    fetch,
    now: () => 0,
  });
  return { adapter, sent, statuses: () => sent.filter((request) => request.path === '/api/v1/statuses').map((request) => request.body!) };
}

const parent = { id: '100', url: `${SERVER}/@fan/100`, cid: null };
const input = (visibility: Visibility | null | undefined, replyTo = true): PublishInput => ({
  parts: [{ text: '@fan on its way', media: [], link: null }],
  lang: null,
  idempotencyKey: 'k',
  rkey: null,
  done: [],
  replyTo: replyTo ? { parent, root: parent, ...(visibility === undefined ? {} : { visibility }) } : null,
  scheduledAt: null,
});

describe('a Mastodon reply', () => {
  it('to a direct mention is sent direct, without asking the account default', async () => {
    const { adapter, sent, statuses } = serverWith('public');
    await adapter.publish(input('direct'));
    expect(statuses()).toEqual([{ status: '@fan on its way', in_reply_to_id: '100', visibility: 'direct' }]);
    expect(sent.map((request) => request.path)).toEqual(['/api/v1/statuses']);
  });

  it('to a post whose visibility is unknown (absent or null) is sent direct', async () => {
    for (const unknown of [undefined, null]) {
      const { adapter, statuses } = serverWith('public');
      await adapter.publish(input(unknown));
      expect(statuses()[0]!.visibility).toBe('direct');
    }
  });

  it('is the narrower of the parent and the account default', async () => {
    const cases: Array<[Visibility, string, Visibility]> = [
      ['public', 'public', 'public'],
      ['public', 'unlisted', 'unlisted'],
      ['unlisted', 'public', 'unlisted'],
      ['private', 'public', 'private'],
      ['public', 'private', 'private'],
      ['unlisted', 'whatever-a-fork-says', 'unlisted'],
    ];
    for (const [parentVisibility, accountDefault, expected] of cases) {
      const { adapter, statuses } = serverWith(accountDefault);
      await adapter.publish(input(parentVisibility));
      expect([parentVisibility, accountDefault, statuses()[0]!.visibility]).toEqual([parentVisibility, accountDefault, expected]);
    }
  });

  it('a post that answers nothing keeps the account default (no visibility sent)', async () => {
    const { adapter, statuses } = serverWith('public');
    await adapter.publish(input(null, false));
    expect(statuses()[0]).not.toHaveProperty('visibility');
  });
});

describe('a Mastodon post with its options (issue 17)', () => {
  const options = { visibility: 'unlisted' as const, spoilerText: ' Spoilers for the finale ', sensitive: true };

  it('sends the chosen visibility, content warning, sensitive flag and the language as an ISO 639 code', async () => {
    const { adapter, statuses } = serverWith('public');
    await adapter.publish({ ...input(null, false), lang: 'pt-BR', mastodon: options });
    expect(statuses()).toEqual([
      { status: '@fan on its way', visibility: 'unlisted', language: 'pt', spoiler_text: 'Spoilers for the finale', sensitive: true },
    ]);
  });

  it('sends none of them when the post keeps the defaults', async () => {
    const { adapter, statuses } = serverWith('public');
    await adapter.publish({ ...input(null, false), lang: 'not a language', mastodon: { visibility: null, spoilerText: '  ', sensitive: false } });
    expect(statuses()).toEqual([{ status: '@fan on its way' }]);
  });

  it('lets a chosen visibility narrow a reply, never widen it', async () => {
    const narrowed = serverWith('public');
    await narrowed.adapter.publish({ ...input('public'), mastodon: { ...options, visibility: 'private' } });
    expect(narrowed.statuses()[0]!.visibility).toBe('private');
    const kept = serverWith('public');
    await kept.adapter.publish({ ...input('unlisted'), mastodon: { ...options, visibility: 'public' } });
    expect(kept.statuses()[0]!.visibility).toBe('unlisted');
  });
});

describe('a Mastodon notification', () => {
  it('carries the visibility and the accounts a reply addresses: the author, then the others mentioned, never us', () => {
    const fan = account({ id: '7', username: 'fan', acct: 'fan' });
    const mention = statusSchema.parse(
      status({
        account: fan,
        visibility: 'direct',
        mentions: [
          { id: '1', acct: 'brand' },
          { id: '9', acct: 'friend@elsewhere.social' },
          { id: '7', acct: 'fan' },
        ],
      }),
    );
    const { post, kind } = toNotification({ id: 'n1', type: 'mention', status: mention }, '1', SERVER);
    expect(kind).toBe('direct');
    expect(post.visibility).toBe('direct');
    expect(post.replyMentions).toEqual(['fan', 'friend@elsewhere.social']);
  });

  it('reads a missing or unknown visibility as unknown, never as public', () => {
    expect(toNotification({ id: 'n1', type: 'mention', status: statusSchema.parse(status()) }, '1', SERVER).post.visibility).toBeNull();
    expect(
      toNotification({ id: 'n1', type: 'mention', status: statusSchema.parse(status({ visibility: 'limited' })) }, '1', SERVER).post.visibility,
    ).toBeNull();
    expect(toNotification({ id: 'n1', type: 'mention', status: statusSchema.parse(status({ visibility: 'unlisted' })) }, '1', SERVER).post.visibility).toBe(
      'unlisted',
    );
  });
});
