import { describe, expect, it } from 'vitest';
import type { Credential } from '@/lib/model';
import { createAdapter, type PublishInput } from '@/lib/networks';
import { makeAccount } from '../../factories';

/** Issue 22: Mastodon quote posts, only where the server takes them, never of a post that may not be quoted. */
const SERVER = 'https://masto.test';
const secret: Credential['secret'] = { kind: 'oauth', server: SERVER, clientId: 'c', clientSecret: 's', accessToken: 't', scope: 'read write' };
const account = { id: '1', username: 'brand', acct: 'brand', display_name: 'Brand', avatar: null };
const status = (over: Record<string, unknown> = {}) => ({
  id: '200',
  uri: `${SERVER}/users/brand/statuses/200`,
  url: `${SERVER}/@brand/200`,
  created_at: '2027-01-04T10:00:00.000Z',
  account,
  content: '<p>ok</p>',
  ...over,
});

function serverWith({ apiVersion, quoted }: { apiVersion: number | null; quoted: Record<string, unknown> | null }) {
  const sent: Array<{ path: string; body: Record<string, unknown> | null }> = [];
  const fetch = (async (input: URL | RequestInfo, init?: RequestInit) => {
    const url = new URL(String(input));
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : null;
    sent.push({ path: url.pathname, body });
    if (url.pathname === '/api/v2/instance') return Response.json(apiVersion === null ? {} : { api_versions: { mastodon: apiVersion } });
    if (url.pathname === '/api/v2/search') return Response.json({ accounts: [], hashtags: [], statuses: quoted ? [status(quoted)] : [] });
    if (url.pathname === '/api/v1/statuses') return Response.json(status({ visibility: 'public' }));
    return new Response('{}', { status: 404 });
  }) as typeof globalThis.fetch;
  const adapter = createAdapter({
    account: makeAccount({ network: 'mastodon', remoteId: '1', serverUrl: SERVER }),
    vault: { load: async () => secret, save: async () => undefined },
    fetch,
    now: () => 0,
  });
  return { adapter, statuses: () => sent.filter((r) => r.path === '/api/v1/statuses').map((r) => r.body!) };
}

const input = (over: Partial<PublishInput>): PublishInput => ({
  parts: [{ text: 'our take', media: [], link: null }],
  lang: null,
  idempotencyKey: 'k',
  rkey: null,
  done: [],
  replyTo: null,
  scheduledAt: null,
  ...over,
});
const QUOTE = { url: 'https://other.test/@fan/9' };
const POLICY = { visibility: null, spoilerText: '', sensitive: false, quotePolicy: 'followers' as const };

describe('Mastodon quote posts', () => {
  it('sends quoted_status_id (found on the own server) and quote_approval_policy where the API version is 7', async () => {
    const server = serverWith({ apiVersion: 7, quoted: { id: '900', visibility: 'public', quote_approval: { current_user: 'automatic' } } });
    await server.adapter.publish(input({ quote: QUOTE, mastodon: POLICY }));
    expect(server.statuses()).toEqual([expect.objectContaining({ status: 'our take', quoted_status_id: '900', quote_approval_policy: 'followers' })]);
  });

  it('refuses a quote on an older server, and sends no quote policy there', async () => {
    const server = serverWith({ apiVersion: 6, quoted: null });
    await expect(server.adapter.publish(input({ quote: QUOTE }))).rejects.toThrow(/does not take quote posts/);
    await server.adapter.publish(input({ mastodon: POLICY }));
    expect(server.statuses()).toEqual([expect.not.objectContaining({ quote_approval_policy: expect.anything() })]);
  });

  it('refuses to quote a post its author does not let us quote, or one that is not public', async () => {
    const denied = serverWith({ apiVersion: 7, quoted: { id: '900', visibility: 'public', quote_approval: { current_user: 'denied' } } });
    await expect(denied.adapter.publish(input({ quote: QUOTE }))).rejects.toThrow(/does not allow you to quote it/);
    const followersOnly = serverWith({ apiVersion: 7, quoted: { id: '900', visibility: 'private' } });
    await expect(followersOnly.adapter.publish(input({ quote: QUOTE }))).rejects.toThrow(/not public/);
    expect([...denied.statuses(), ...followersOnly.statuses()]).toEqual([]);
  });
});
