import { useCallback } from 'react';
import { accountOrigin, mastodonAccounts, readServerOrigins } from '@/lib/capture/site-buttons/read-servers';
import type { Slot } from '@/lib/model';
import { useScheduleWrite } from './schedule';
import { useLiveQuery } from './store-context';

/** Changes an account's posting slots in one read-check-write; the background is told (slots decide where "Add to queue" puts posts). */
export function useSetPostingSchedule() {
  const scheduleWrite = useScheduleWrite();
  return useCallback(
    (accountId: string, change: (slots: Slot[]) => Slot[]) =>
      scheduleWrite((store) =>
        store.accounts.update(accountId, (current) => current && { ...current, schedule: change(current.schedule), updatedAt: Date.now() }),
      ),
    [scheduleWrite],
  );
}

/**
 * The Mastodon servers Cadence reads: its accounts' servers and those the user added, with the
 * added ones the browser has not allowed yet (`isAllowed` asks it). `asked` changes after the
 * user allows one: permissions live in the browser, not in the store.
 */
export function useMastodonServers(isAllowed: (origin: string) => Promise<boolean>, asked: number) {
  return useLiveQuery(
    ['meta', 'accounts'],
    async (store) => {
      const fromAccounts = [...new Set((await mastodonAccounts(store)).map(accountOrigin).filter((origin): origin is string => origin !== null))];
      // An unreadable list is shown as such, never as empty (it is kept as it was).
      const added = await readServerOrigins(store).catch((failure: unknown) => (failure instanceof Error ? failure : new Error(String(failure))));
      const notAllowed = new Set<string>();
      if (Array.isArray(added)) {
        for (const origin of added) if (!(await isAllowed(origin))) notAllowed.add(origin);
      }
      return { fromAccounts, added, notAllowed };
    },
    [asked], // isAllowed asks the browser: `asked` says when to ask again
  );
}
