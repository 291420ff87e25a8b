import { describe, expect, it } from 'vitest';
import { disconnectAccount } from '@/lib/accounts/disconnect';
import { addReminderAccount } from '@/lib/accounts/reminder';
import { openStore } from '@/lib/store';
import { makeAccount, makeDelivery, makeWorkspace } from '../factories';

const now = () => 9_000;

describe('reminder accounts', () => {
  it('adds a handle-only account that publishes by reminder, with the network’s limits', async () => {
    const store = await openStore();
    const workspace = await store.workspaces.put(makeWorkspace());
    const account = await addReminderAccount(store, { workspaceId: workspace.id, network: 'x', handle: ' @AcmeCoffee ' }, now);
    expect(account).toMatchObject({
      handle: 'AcmeCoffee',
      network: 'x',
      publishMode: 'reminder',
      status: 'connected',
      limits: { maxCharacters: 280, charactersPerUrl: 23 },
    });
    expect(await store.db.count('credentials')).toBe(0);
    await expect(addReminderAccount(store, { workspaceId: workspace.id, network: 'x', handle: 'acmecoffee' }, now)).rejects.toThrow(/already/);
    await expect(addReminderAccount(store, { workspaceId: workspace.id, network: 'x', handle: '@' }, now)).rejects.toThrow(/handle/);
    store.close();
  });
});

describe('disconnecting an account', () => {
  async function connected() {
    const store = await openStore();
    const account = await store.accounts.put(makeAccount());
    await store.db.put('credentials', {
      v: 1,
      accountId: account.id,
      secret: { kind: 'oauth', server: 'https://m.test', clientId: 'c', clientSecret: 's', accessToken: 't', scope: 'write' },
      updatedAt: 1,
    });
    const scheduled = makeDelivery({ accountId: account.id, state: 'scheduled' });
    const published = makeDelivery({ accountId: account.id, state: 'published', publishedAt: 5 });
    await store.deliveries.putMany([scheduled, published]);
    return { store, account, scheduled, published };
  }

  it('deletes the credential and keeps scheduled posts waiting when asked', async () => {
    const { store, account, scheduled } = await connected();
    expect(await disconnectAccount(store, account.id, 'keep', now)).toMatchObject({ moved: 0, waiting: 1, signIn: { kind: 'oauth', accessToken: 't' } });
    expect(await store.db.get('credentials', account.id)).toBeUndefined();
    const row = await store.accounts.get(account.id);
    expect(row?.ok && row.value).toMatchObject({ status: 'disconnected', statusReason: expect.stringMatching(/disconnected/) });
    const delivery = await store.deliveries.get(scheduled.id);
    expect(delivery?.ok && delivery.value.state).toBe('scheduled');
    store.close();
  });

  it('moves scheduled posts to drafts when asked, leaving published ones alone', async () => {
    const { store, account, scheduled, published } = await connected();
    expect(await disconnectAccount(store, account.id, 'drafts', now)).toMatchObject({ moved: 1, waiting: 0 });
    const moved = await store.deliveries.get(scheduled.id);
    expect(moved?.ok && moved.value).toMatchObject({ state: 'draft', dueAt: null, lease: null });
    const kept = await store.deliveries.get(published.id);
    expect(kept?.ok && kept.value.state).toBe('published');
    store.close();
  });
});
