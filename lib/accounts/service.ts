import type { BackgroundService, ServiceContext } from '../app/background-service';
import { connectBlueskyAccount, connectMastodonAccount, type ConnectDeps } from './connect';
import { disconnectAccount } from './disconnect';
import { signOutEverywhere } from './sign-out';
import { purgeBackupCredentials } from '../store/migrations/pre-migration-backup';
import { addReminderAccount } from './reminder';
import type { ACCOUNTS_PROTOCOL } from '../messaging/protocols/accounts';
import type { Store } from '../store';
import { takeAccountBack } from '../team/hand-over';
import { openTeamServer, storedTeamServer } from '../team/stored-server';

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
        const row = await opened.accounts.get(accountId);
        const workspaceId = row?.ok ? row.value.workspaceId : null;
        // Gone here first, in one transaction; then the server is told (issue 18, hole 7).
        const { signIn, ...moved } = await disconnectAccount(opened, accountId, scheduled, now);
        const [serverSignOut = null] = await signOutEverywhere(opened, signIn ? [signIn] : [], connectDeps);
        const runner = workspaceId ? await takeBackFromRunner(opened, workspaceId, accountId, connectDeps.fetch) : null;
        return { ...moved, serverSignOut, runner };
      },
    },
  };
}

/**
 * In a shared workspace, a disconnected account is taken back from the team's runner too (its
 * `runner-credential:<account>` document deleted, as Settings → The runner's Take back does), with
 * the connection Settings → Team keeps. Null when the workspace is not shared.
 */
async function takeBackFromRunner(
  store: Store,
  workspaceId: string,
  accountId: string,
  fetch: ConnectDeps['fetch'],
): Promise<{ takenBack: boolean; problem: string | null } | null> {
  const server = await storedTeamServer(store, workspaceId);
  if (!server) return null;
  const { couch, db } = openTeamServer(server, fetch as typeof globalThis.fetch);
  try {
    return { takenBack: await takeAccountBack(couch, db, accountId), problem: null };
  } catch (error) {
    return { takenBack: false, problem: error instanceof Error ? error.message : String(error) };
  }
}
