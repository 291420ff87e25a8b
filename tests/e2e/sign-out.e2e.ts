import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Account } from '@/lib/model';
import { connectAs } from '../harness/mastodon/connect-account';
import { startMastodonServer, type MastodonServer } from '../harness/mastodon-server';
import { createAccount, processAll } from '../integration/support';
import { makeAccount, makeWorkspace } from '../unit/factories';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

/**
 * Issue 18, hole 7, end to end: Disconnect in Settings ends the sign-in at the server as well as
 * here. Bluesky on the real local AT Protocol network: afterwards the PDS refuses the refresh
 * token, and no database of the extension's origin holds the sign-in any more, the
 * pre-migration backups included (one made by an earlier version, with the sign-in copied, is
 * there before). Mastodon on the local Mastodon server: the token is revoked; a server that
 * cannot be told leaves the sign-in removed here and says what to do.
 */
describe('Disconnect ends the sign-in at the server (Chromium)', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let mastodon: MastodonServer;

  const settingsStatus = () => panel.page.$eval('[data-testid="settings-status"]', (element) => element.textContent ?? '');
  const disconnectInSettings = async (handle: string) => {
    await panel.show('Settings');
    await panel.page.waitForSelector(`xpath/.//button[normalize-space(.)="Disconnect @${handle}…"]`, { timeout: 5000 });
    await panel.clickButton(`Disconnect @${handle}…`);
    await panel.page.click('input[name="scheduled"]:nth-of-type(1)');
    await panel.clickButton('Disconnect');
    await panel.page.waitForFunction(() => /^Disconnected @/.test(document.querySelector('[data-testid="settings-status"]')?.textContent ?? ''), {
      timeout: 15_000,
    });
    return settingsStatus();
  };
  /** Every row of every store of every database of the extension's origin that contains one of `secrets`. */
  const rowsHolding = (secrets: string[]) =>
    panel.page.evaluate(async (wanted) => {
      const found: string[] = [];
      for (const { name } of await indexedDB.databases()) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(name!);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        for (const store of [...db.objectStoreNames]) {
          const rows = await new Promise<unknown[]>((resolve, reject) => {
            const request = db.transaction(store).objectStore(store).getAll();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
          for (const row of rows) if (wanted.some((secret) => JSON.stringify(row).includes(secret))) found.push(`${name}/${store}`);
        }
        db.close();
      }
      return found;
    }, secrets);
  /** A complete pre-migration backup as versions before issue 18 made it: the sign-in copied in. */
  const seedOldBackup = (credential: unknown) =>
    panel.page.evaluate(
      (row) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('cadence-backup-v4', 1);
          open.onupgradeneeded = () => {
            for (const store of ['accounts', 'credentials', '__about']) open.result.createObjectStore(store);
          };
          open.onsuccess = () => {
            const tx = open.result.transaction(['credentials', '__about'], 'readwrite');
            tx.objectStore('credentials').put(row, (row as { accountId: string }).accountId);
            tx.objectStore('__about').put({ id: 'about', source: 'cadence', fromVersion: 4, toVersion: 5, createdAt: 0, rows: 1 }, 'about');
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        }),
      credential,
    );

  beforeAll(async () => {
    mastodon = await startMastodonServer();
    ext = await launchWithExtension({ build: 'e2e' });
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await panel.page.setViewport({ width: 520, height: 2400 });
    await panel.activeWorkspace();
  });
  afterAll(async () => {
    await ext?.close();
    await mastodon?.close();
  });

  it('Bluesky: the PDS refuses the refresh token afterwards, and no database holds the sign-in, backups included', async () => {
    const agent = await createAccount('signout');
    await processAll();
    const handle = agent.session!.handle;
    await panel.connectBluesky({ handle, password: `${handle.replace(/\.test$/, '')}-password`, server: inject('pdsUrl') });
    const account = ((await panel.readAll('accounts')) as Account[]).find((a) => a.handle === handle)!;
    const credential = (await panel.readRow('credentials', account.id)) as { secret: { refreshJwt: string; accessJwt: string } };
    const { refreshJwt, accessJwt } = credential.secret;
    await seedOldBackup(credential);
    expect(await rowsHolding([refreshJwt])).toEqual(['cadence/credentials', 'cadence-backup-v4/credentials']);

    expect(await disconnectInSettings(handle)).toBe(
      `Disconnected @${handle}; 0 scheduled posts wait until you reconnect. ${new URL(inject('pdsUrl')).host} ended the sign-in.`,
    );

    const refresh = await fetch(`${inject('pdsUrl')}/xrpc/com.atproto.server.refreshSession`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${refreshJwt}` },
    });
    expect(refresh.status).toBe(400);
    expect(((await refresh.json()) as { error: string }).error).toMatch(/^(ExpiredToken|InvalidToken)$/);
    expect(await rowsHolding([refreshJwt, accessJwt])).toEqual([]);
    expect(await panel.readRow('accounts', account.id)).toMatchObject({ status: 'disconnected' });
  });

  const putMastodonAccount = async (username: string, workspaceId?: string) => {
    const connected = await connectAs(mastodon, username);
    const workspace = workspaceId ? { id: workspaceId } : await panel.activeWorkspace();
    const account = makeAccount({
      id: `acct_${username}`,
      workspaceId: workspace.id,
      network: 'mastodon',
      handle: connected.profile.handle,
      remoteId: connected.profile.remoteId,
      serverUrl: connected.serverUrl,
      limits: connected.limits,
    });
    await panel.putRows('credentials', [{ v: 1, accountId: account.id, secret: connected.secret, updatedAt: Date.now() }]);
    await panel.putRows('accounts', [account]);
    await panel.page.reload({ waitUntil: 'load' }); // written behind the views' back, as Settings → Connect would leave it
    return { account, token: (connected.secret as { accessToken: string }).accessToken };
  };

  it('Mastodon: the token is revoked at the server', async () => {
    const { account, token } = await putMastodonAccount('brand');
    expect(mastodon.isRevoked(token)).toBe(false);
    expect(await disconnectInSettings(account.handle)).toBe(
      `Disconnected @${account.handle}; 0 scheduled posts wait until you reconnect. ${new URL(mastodon.url).host} ended the sign-in.`,
    );
    expect(mastodon.isRevoked(token)).toBe(true);
    expect(await rowsHolding([token])).toEqual([]);
  });

  it('Mastodon, server unreachable: the sign-in is removed here all the same, and Settings says what to do', async () => {
    const { account, token } = await putMastodonAccount('shop');
    mastodon.fault({ kind: 'answer', status: 503, path: '/oauth/revoke', body: { error: 'Service Unavailable' } });
    const host = new URL(mastodon.url).host;
    const said = await disconnectInSettings(account.handle);
    expect(said).toContain(`${host} could not be told to end the sign-in:`);
    expect(said).toContain(
      `The sign-in still works there until it expires; to end it now, on ${host}, open Preferences → Account → Authorized apps and revoke Cadence.`,
    );
    expect(mastodon.isRevoked(token)).toBe(false);
    expect(await rowsHolding([token])).toEqual([]);
    expect(ext.workerErrors).toEqual([]);
  });

  it('Delete workspace ends the sign-ins of its accounts at their servers', async () => {
    const client = makeWorkspace({ id: 'ws_client', name: 'Client Co' });
    await panel.putRows('workspaces', [client]);
    const { token } = await putMastodonAccount('client', client.id);
    await panel.show('Settings');
    await panel.page.waitForSelector('xpath/.//button[normalize-space(.)="Delete Client Co…"]', { timeout: 5000 });
    await panel.clickButton('Delete Client Co…');
    await panel.page.waitForFunction(() =>
      document.querySelector('#delete-details:not([aria-busy])')?.textContent?.includes('which their servers are asked to end'),
    );
    await panel.clickButton('Delete Client Co');
    const host = new URL(mastodon.url).host;
    await panel.page.waitForFunction(
      (wanted) => document.querySelector('[data-testid="settings-status"]')?.textContent === wanted,
      { timeout: 15_000 },
      `Deleted Client Co. ${host} ended the sign-in.`,
    );
    expect(mastodon.isRevoked(token)).toBe(true);
    expect(await rowsHolding([token])).toEqual([]);
  });
});
