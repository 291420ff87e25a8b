import type { BackgroundService, ServiceContext } from '../platform/service';
import { disconnectAccount } from './disconnect';
import { addReminderAccount } from './reminder';

/**
 * Accounts in the background, which owns credentials. Connecting Bluesky and Mastodon arrives
 * with lib/networks/{bluesky,mastodon}/connect.ts (branches `bluesky`, `mastodon`).
 */
export function createAccountsService({ store, now }: ServiceContext): BackgroundService {
  return {
    handlers: {
      'account.addReminder': async (input) => {
        const account = await addReminderAccount(await store, input, now);
        return { accountId: account.id };
      },
      'account.disconnect': async ({ accountId, scheduled }) => disconnectAccount(await store, accountId, scheduled, now),
    },
  };
}
