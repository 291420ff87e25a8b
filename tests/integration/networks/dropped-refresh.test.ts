import 'fake-indexeddb/auto';
import { describe, expect, inject, it } from 'vitest';
import { disconnectAccount } from '../../../lib/accounts/disconnect';
import { signOutEverywhere } from '../../../lib/accounts/sign-out';
import type { Credential } from '../../../lib/model';
import { credentialVault } from '../../../lib/networks';
import { connectBluesky } from '../../../lib/networks/bluesky';
import { endSignInAtServer } from '../../../lib/networks/revoke';
import { openStore } from '../../../lib/store';
import { makeAccount, makeWorkspace } from '../../unit/factories';
import { createAccount } from '../support';

type Secret = Extract<Credential['secret'], { kind: 'atproto-session' }>;
const now = Date.now;
const xrpc = (service: string, method: string, bearer: string) =>
  fetch(new URL(`/xrpc/${method}`, service), { method: 'POST', headers: { authorization: `Bearer ${bearer}` } });

/**
 * A Bluesky token refresh that lands after Disconnect (issue 18, hole 7, against the local PDS).
 * A refresh rotates the refresh token, so Disconnect's revoke of the token it read may end only the
 * old one while the rotated session lives on at the PDS. The vault drops the late refresh and, with
 * `endDropped` (as lib/networks/index.ts builds it), ends that session too. Without it — the control
 * run — the rotated session is still alive: the test can fail.
 */
describe('a refresh that lands after Disconnect (local PDS)', () => {
  const race = async (name: string, withEnd: boolean) => {
    const agent = await createAccount(name);
    const service = inject('pdsUrl');
    const { secret } = await connectBluesky(
      { service, identifier: agent.session!.handle, password: `${agent.session!.handle.replace(/\.test$/, '')}-password` },
      { fetch, now },
    );
    const store = await openStore({ name: `dropped-refresh-${name}` });
    const workspace = await store.workspaces.put(makeWorkspace());
    const account = await store.accounts.put(makeAccount({ workspaceId: workspace.id, network: 'bluesky', handle: agent.session!.handle }));
    await store.credentials.put({ v: 1, accountId: account.id, secret, updatedAt: now() });
    const vault = credentialVault(store, account.id, now, withEnd ? { endDropped: (dropped) => endSignInAtServer(dropped, { fetch, now }) } : {});
    await vault.load();

    // The adapter's refresh reaches the PDS first: the refresh token rotates.
    const rotated = (await (await xrpc(service, 'com.atproto.server.refreshSession', secret.refreshJwt)).json()) as { accessJwt: string; refreshJwt: string };
    // Disconnect meanwhile: the sign-in it read (the old one) is removed here and ended at the PDS.
    const { signIn } = await disconnectAccount(store, account.id, 'keep', now);
    await signOutEverywhere(store, [signIn!], { fetch, now });
    // Then the refresh lands in the vault.
    await vault.save({ ...(secret as Secret), accessJwt: rotated.accessJwt, refreshJwt: rotated.refreshJwt });
    expect(await store.credentials.get(account.id)).toBeUndefined();
    const alive = (await xrpc(service, 'com.atproto.server.refreshSession', rotated.refreshJwt)).ok;
    store.close();
    return alive;
  };

  it('leaves no session alive at the PDS', async () => {
    expect(await race('drop-end', true)).toBe(false);
  });

  it('(control) without endDropped the rotated session would live on: the check above can fail', async () => {
    expect(await race('drop-keep', false)).toBe(true);
  });
});
