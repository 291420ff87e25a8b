import { describe, expect, it } from 'vitest';
import { disconnectAccount } from '@/lib/accounts/disconnect';
import type { Credential } from '@/lib/model';
import { credentialVault } from '@/lib/networks';
import { openStore } from '@/lib/store';
import { deleteWorkspace } from '@/lib/workspaces/delete-workspace';
import { makeAccount, makeWorkspace } from '../factories';

/** Issue 18, hole 7 (c): a token refresh that finishes after Disconnect must not write the sign-in back. */
const session = (refreshJwt: string): Credential['secret'] => ({
  kind: 'atproto-session',
  service: 'https://pds.test',
  did: 'did:plc:brand',
  handle: 'brand.test',
  accessJwt: `a-${refreshJwt}`,
  refreshJwt,
});
const now = () => 5_000;

async function connected() {
  const store = await openStore();
  const workspace = await store.workspaces.put(makeWorkspace());
  await store.workspaces.put(makeWorkspace({ id: 'ws_other' }));
  const account = await store.accounts.put(makeAccount({ workspaceId: workspace.id }));
  await store.credentials.put({ v: 1, accountId: account.id, secret: session('r0'), updatedAt: 1 });
  return { store, account, workspace, vault: credentialVault(store, account.id, now) };
}
const storedRefresh = async (store: Awaited<ReturnType<typeof openStore>>, accountId: string) => {
  const row = await store.credentials.get(accountId);
  return row?.ok ? (row.value.secret as { refreshJwt: string }).refreshJwt : undefined;
};

describe('the credential vault', () => {
  it('writes a refreshed sign-in back while the account is connected', async () => {
    const { store, account, vault } = await connected();
    await vault.load();
    await vault.save(session('r1'));
    await vault.save(session('r2')); // the next refresh builds on the one it saved
    expect(await storedRefresh(store, account.id)).toBe('r2');
    store.close();
  });

  it('writes nothing back when the account was disconnected while the refresh was on its way', async () => {
    const { store, account, vault } = await connected();
    await vault.load();
    await disconnectAccount(store, account.id, 'keep', now);
    await vault.save(session('r1'));
    expect(await store.credentials.get(account.id)).toBeUndefined();
    store.close();
  });

  it('writes nothing back when its workspace was deleted meanwhile', async () => {
    const { store, account, workspace, vault } = await connected();
    await vault.load();
    await deleteWorkspace(store, workspace.id);
    await vault.save(session('r1'));
    expect(await store.credentials.get(account.id)).toBeUndefined();
    store.close();
  });

  it('does not overwrite the sign-in of a reconnect that happened meanwhile', async () => {
    const { store, account, vault } = await connected();
    await vault.load();
    await disconnectAccount(store, account.id, 'keep', now);
    // Reconnected: a new sign-in, the account connected again.
    await store.accounts.update(account.id, (current) => current && { ...current, status: 'connected', statusReason: null });
    await store.credentials.put({ v: 1, accountId: account.id, secret: session('fresh'), updatedAt: 2 });
    await vault.save(session('r1'));
    expect(await storedRefresh(store, account.id)).toBe('fresh');
    store.close();
  });

  it('ends a dropped refreshed sign-in at its server, but never the one a reconnect stored', async () => {
    const { store, account } = await connected();
    const ended: string[] = [];
    const vault = credentialVault(store, account.id, now, { endDropped: async (secret) => ended.push((secret as { refreshJwt: string }).refreshJwt) });
    await vault.load();
    await vault.save(session('r1')); // connected: kept, nothing ended
    expect(ended).toEqual([]);
    await disconnectAccount(store, account.id, 'keep', now);
    await vault.save(session('r2')); // the refresh landed after Disconnect: its new session ends at the PDS
    expect(ended).toEqual(['r2']);
    await store.accounts.update(account.id, (current) => current && { ...current, status: 'connected', statusReason: null });
    await store.credentials.put({ v: 1, accountId: account.id, secret: session('fresh'), updatedAt: 2 });
    await vault.save(session('fresh')); // the same sign-in the reconnect stored: left alone
    expect(ended).toEqual(['r2']);
    expect(await storedRefresh(store, account.id)).toBe('fresh');
    store.close();
  });
});
