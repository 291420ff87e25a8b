import { afterAll, describe, expect, it } from 'vitest';
import { NetworkError } from '../../../lib/errors';
import type { MastodonOptions as PostMastodonOptions } from '../../../lib/model';
import type { PublishInput } from '../../../lib/networks';
import { actAs, connectAs, mastodonAdapterFor, postAs, publishInput, type OAuthSecret } from '../../harness/mastodon/connect-account';
import { startMastodonServer, type InstanceConfig, type MastodonServer } from '../../harness/mastodon-server';

/**
 * Issue 22: Mastodon quote posts against the project's Mastodon server, which speaks them as
 * Mastodon 4.5 does (api_versions.mastodon 7: `quoted_status_id`, `quote_approval_policy`,
 * Status#quote_approval) and, with no api_versions, ignores both fields as an older server does.
 */
const servers: MastodonServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function world(config: Partial<InstanceConfig>) {
  const server = await startMastodonServer(config);
  servers.push(server);
  const connected = await connectAs(server, 'brand');
  const brand = mastodonAdapterFor(connected);
  const friend = server.createAccount('friend');
  return { server, connected, brand, friend };
}

function input(text: string, overrides: Partial<PublishInput> = {}): PublishInput {
  return publishInput({ parts: [{ text, media: [], link: null }], ...overrides });
}

const options = (quotePolicy: PostMastodonOptions['quotePolicy']): PostMastodonOptions => ({
  visibility: null,
  spoilerText: '',
  sensitive: false,
  quotePolicy,
});

describe('Mastodon quote posts on a server that takes them (API version 7)', () => {
  it('connects with quotes on, and quotes a post by its address with the chosen quote policy', async () => {
    const { server, connected, brand, friend } = await world({ apiVersion: 7 });
    expect(connected.limits.quotes).toBe(true);
    const quoted = await postAs(server, friend.token, { status: 'Our new release is out' });
    const address = `${server.url}/@friend/${quoted.id}`;
    const { parts } = await brand.publish(input('Worth a read', { quote: { url: address }, mastodon: options('followers') }));
    const status = server.state.statuses.get(parts[0]!.id)!;
    expect(status).toMatchObject({ text: 'Worth a read', quotedId: quoted.id, quotePolicy: 'followers' });
    expect(server.state.notifications.filter((n) => n.type === 'quote' && n.accountId === friend.account.id)).toHaveLength(1);
    // The quote post went out once, and the friend's server shows who may quote it.
    const seen = await (await fetch(`${server.url}/api/v1/statuses/${status.id}`, { headers: { Authorization: `Bearer ${friend.token}` } })).json();
    expect(seen.quote_approval).toEqual({ automatic: ['followers'], manual: [], current_user: 'denied' });
  });

  it('refuses, sending nothing, a quote of a post whose author lets only followers quote it', async () => {
    const { server, connected, brand, friend } = await world({ apiVersion: 7 });
    const guarded = await postAs(server, friend.token, { status: 'Followers may quote this', quote_approval_policy: 'followers' });
    const before = server.state.visibleStatuses().length;
    await expect(brand.publish(input('Quoting you', { quote: { url: `${server.url}/@friend/${guarded.id}` } }))).rejects.toThrow(
      /does not allow you to quote it/,
    );
    expect(server.state.visibleStatuses()).toHaveLength(before);
    // Once the brand follows the friend, the server lets it quote.
    await actAs(server, (connected.secret as OAuthSecret).accessToken, `/api/v1/accounts/${friend.account.id}/follow`);
    const { parts } = await brand.publish(input('Quoting you, now a follower', { quote: { url: `${server.url}/@friend/${guarded.id}` } }));
    expect(server.state.statuses.get(parts[0]!.id)!.quotedId).toBe(guarded.id);
  });

  it('a failed read of the instance is a retryable error, not "does not take quote posts"; once it answers, the quote goes out once', async () => {
    const { server, brand, friend } = await world({ apiVersion: 7 });
    const quoted = await postAs(server, friend.token, { status: 'Quote me after the outage' });
    const request = input('Quoting after a blip', { quote: { url: `${server.url}/@friend/${quoted.id}` } });
    server.fault({ kind: 'answer', status: 503, path: '/api/v2/instance', body: { error: 'Service Unavailable' } });
    await expect(brand.publish(request)).rejects.toThrow(NetworkError);
    const { parts } = await brand.publish(request);
    expect(
      server.state
        .visibleStatuses()
        .filter((s) => s.text === 'Quoting after a blip')
        .map((s) => [s.id, s.quotedId]),
    ).toEqual([[parts[0]!.id, quoted.id]]);
  });

  it('refuses a quote of a post its server cannot find or that is not public', async () => {
    const { server, brand, friend } = await world({ apiVersion: 7 });
    const secret = await postAs(server, friend.token, { status: 'Only for followers', visibility: 'private' });
    await expect(brand.publish(input('Look', { quote: { url: `${server.url}/@friend/${secret.id}` } }))).rejects.toThrow(/cannot find the post this quotes/);
    await expect(brand.publish(input('Look', { quote: { url: `${server.url}/@friend/1` } }))).rejects.toThrow(/cannot find the post this quotes/);
    expect(server.state.visibleStatuses().filter((s) => s.text === 'Look')).toHaveLength(0);
  });
});

describe('Mastodon quote posts on a server that does not say it takes them', () => {
  it('connects with quotes off, refuses a quote before sending anything, and sends no quote policy', async () => {
    const { server, connected, brand, friend } = await world({ apiVersion: null });
    expect(connected.limits.quotes).toBe(false);
    const quoted = await postAs(server, friend.token, { status: 'Hello' });
    await expect(brand.publish(input('Quoting', { quote: { url: `${server.url}/@friend/${quoted.id}` } }))).rejects.toThrow(/does not take quote posts/);
    expect(server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses')).toHaveLength(1); // the friend's only
    // A quote policy alone is left out rather than refused: the post goes out as it would anyway.
    const { parts } = await brand.publish(input('No quote here', { mastodon: options('nobody') }));
    expect(server.state.statuses.get(parts[0]!.id)).toMatchObject({ text: 'No quote here', quotedId: null });
    expect(server.state.statuses.get(parts[0]!.id)!.quotePolicy).toBeUndefined();
  });
});
