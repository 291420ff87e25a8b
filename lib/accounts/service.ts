import { hasOrigins, launchWebAuthFlow, redirectUrl } from '../platform/identity';
import type { BackgroundService, ServiceContext } from '../platform/service';
import { connectBlueskyAccount, connectMastodonAccount, type ConnectDeps } from './connect';
import { disconnectAccount } from './disconnect';
import { addReminderAccount } from './reminder';
import type { ACCOUNTS_PROTOCOL } from '../messaging/protocols/accounts';

/**
 * Accounts in the background, which alone holds credentials. Answers carry ids and handles,
 * never a token or a password. Reconnecting is connecting with the account's id.
 */
export function createAccountsService({ store, now }: ServiceContext, deps: Partial<ConnectDeps> = {}): BackgroundService<keyof typeof ACCOUNTS_PROTOCOL> {
  const connectDeps: ConnectDeps = {
    fetch: (input, init) => globalThis.fetch(input, init),
    now,
    redirectUrl,
    launchWebAuthFlow,
    hasOrigins,
    ...deps,
  };
  return {
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
      'account.disconnect': async ({ accountId, scheduled }) => disconnectAccount(await store, accountId, scheduled, now),
    },
  };
}
