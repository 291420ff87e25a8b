import type { BackgroundService, ServiceContext } from '../app/background-service';
import { connectBlueskyAccount, connectMastodonAccount, type ConnectDeps } from './connect';
import { disconnectAccount } from './disconnect';
import { signOutEverywhere } from './sign-out';
import { purgeBackupCredentials } from '../store/migrations/pre-migration-backup';
import { addReminderAccount } from './reminder';
import type { ACCOUNTS_PROTOCOL } from '../messaging/protocols/accounts';

/**
 * Accounts in the background, which alone holds credentials. Answers carry ids and handles,
 * never a token or a password. Reconnecting is connecting with the account's id.
 */
export function createAccountsService(
  { store, now, ports }: ServiceContext,
  deps: Partial<ConnectDeps> = {},
): BackgroundService<keyof typeof ACCOUNTS_PROTOCOL> {
  const connectDeps: ConnectDeps = {
    fetch: (input, init) => globalThis.fetch(input, init),
    now,
    redirectUrl: ports.identity.redirectUrl,
    launchWebAuthFlow: ports.identity.launchWebAuthFlow,
    hasOrigins: ports.permissions.contains,
    ...deps,
  };
  return {
    // Backups made before issue 18 copied sign-ins: emptied at every start (cheap: at most three small stores).
    async onStart() {
      const opened = await store;
      await purgeBackupCredentials(opened.db.name);
    },
    handlers: {
      'account.connectBluesky': async (input) => {
        const account = await connectBlueskyAccount(await store, input, connectDeps);
        return { accountId: account.id, handle: account.handle };
      },
      'account.connectMastodon': async (input) => {
        const account = await connectMastodonAccount(await store, input, connectDeps);
        return { accountId: account.id, handle: account.handle };
      },
      'account.addReminder': async (input) => {
        const account = await addReminderAccount(await store, input, now);
        return { accountId: account.id };
      },
      'account.disconnect': async ({ accountId, scheduled }) => {
        const opened = await store;
        // Gone here first, in one transaction; then the server is told (issue 18, hole 7).
        const { signIn, ...moved } = await disconnectAccount(opened, accountId, scheduled, now);
        const [serverSignOut = null] = await signOutEverywhere(opened, signIn ? [signIn] : [], connectDeps);
        return { ...moved, serverSignOut };
      },
    },
  };
}
